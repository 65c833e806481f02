import { Migration } from '@mikro-orm/migrations';

export class Migration20261201224113_alerts extends Migration {
  override name = 'Migration20261201224113_alerts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "alert_incident" ("id" serial primary key, "rule_id" int not null, "subject_kind" varchar(16) not null, "subject_id" int not null, "value" double precision not null, "raised_at" timestamptz not null, "cleared_at" timestamptz null);`,
    );
    this.addSql(
      `create index "alert_incident_rule_id_cleared_at_index" on "alert_incident" ("rule_id", "cleared_at");`,
    );

    this.addSql(
      `create table "alert_rule" ("id" serial primary key, "name" varchar(200) not null, "kind" text not null, "department_id" int not null, "branch_id" int null, "threshold" double precision not null, "days" int null, "min_ratings" int null, "owner_account_id" int not null, "active" boolean not null default true, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "alert_rule_department_id_index" on "alert_rule" ("department_id");`);

    this.addSql(
      `alter table "alert_rule" add constraint "alert_rule_kind_check" check ("kind" in ('CSAT_BELOW', 'OFFICER_LOW_RATINGS'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "alert_incident" cascade;`);
    this.addSql(`drop table if exists "alert_rule" cascade;`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261201222318_rating_anomalies extends Migration {
  override name = 'Migration20261201222318_rating_anomalies';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "rating_anomaly" ("id" serial primary key, "kind" text not null, "fingerprint" varchar(200) not null, "status" text not null default 'OPEN', "subject_kind" text not null, "subject_id" int not null, "department_id" int not null, "branch_id" int not null, "item_ids" jsonb not null, "form_ids" jsonb not null, "enterprise_ids" jsonb not null, "figures" jsonb not null, "first_rated_at" timestamptz not null, "last_rated_at" timestamptz not null, "detected_at" timestamptz not null, "updated_at" timestamptz not null, "exclude_ratings" boolean not null default false);`,
    );
    this.addSql(
      `alter table "rating_anomaly" add constraint "rating_anomaly_fingerprint_unique" unique ("fingerprint");`,
    );
    this.addSql(`create index "rating_anomaly_detected_at_index" on "rating_anomaly" ("detected_at");`);
    this.addSql(
      `create index "rating_anomaly_subject_kind_subject_id_index" on "rating_anomaly" ("subject_kind", "subject_id");`,
    );
    this.addSql(`create index "rating_anomaly_department_id_id_index" on "rating_anomaly" ("department_id", "id");`);

    this.addSql(
      `create table "rating_anomaly_decision" ("id" serial primary key, "anomaly_id" int not null, "decision" text not null, "exclude_ratings" boolean not null, "note" text not null, "actor" varchar(32) not null, "at" timestamptz not null);`,
    );
    this.addSql(
      `create index "rating_anomaly_decision_anomaly_id_id_index" on "rating_anomaly_decision" ("anomaly_id", "id");`,
    );

    this.addSql(
      `alter table "rating_anomaly" add constraint "rating_anomaly_kind_check" check ("kind" in ('BURST', 'RETALIATION', 'COPIED_TEXT', 'NEW_RATER'));`,
    );
    this.addSql(
      `alter table "rating_anomaly" add constraint "rating_anomaly_status_check" check ("status" in ('OPEN', 'CONFIRMED', 'DISMISSED'));`,
    );
    this.addSql(
      `alter table "rating_anomaly" add constraint "rating_anomaly_subject_kind_check" check ("subject_kind" in ('BRANCH', 'TEAM', 'STAGE', 'OFFICER'));`,
    );

    this.addSql(
      `alter table "rating_anomaly_decision" add constraint "rating_anomaly_decision_decision_check" check ("decision" in ('CONFIRM', 'DISMISS'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rating_anomaly" cascade;`);
    this.addSql(`drop table if exists "rating_anomaly_decision" cascade;`);
  }
}

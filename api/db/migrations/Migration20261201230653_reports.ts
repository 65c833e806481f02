import { Migration } from '@mikro-orm/migrations';

export class Migration20261201230653_reports extends Migration {
  override name = 'Migration20261201230653_reports';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "period_report" ("id" serial primary key, "period_key" varchar(16) not null, "period_kind" text not null, "unit_kind" text not null, "unit_id" int not null, "unit_name" varchar(255) not null, "department_id" int not null, "from" timestamptz not null, "to" timestamptz not null, "generated_at" timestamptz not null, "figures" jsonb not null, "xlsx" bytea not null, "pdf" bytea not null);`,
    );
    this.addSql(`create index "period_report_department_id_id_index" on "period_report" ("department_id", "id");`);
    this.addSql(
      `alter table "period_report" add constraint "period_report_period_key_unit_kind_unit_id_unique" unique ("period_key", "unit_kind", "unit_id");`,
    );

    this.addSql(
      `create table "report_subscription" ("account_id" int not null, "unit_kind" varchar(16) not null, "unit_id" int not null, "created_at" timestamptz not null, primary key ("account_id", "unit_kind", "unit_id"));`,
    );

    this.addSql(
      `alter table "period_report" add constraint "period_report_period_kind_check" check ("period_kind" in ('MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'));`,
    );
    this.addSql(
      `alter table "period_report" add constraint "period_report_unit_kind_check" check ("unit_kind" in ('DEPARTMENT', 'BRANCH'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "period_report" cascade;`);
    this.addSql(`drop table if exists "report_subscription" cascade;`);
  }
}

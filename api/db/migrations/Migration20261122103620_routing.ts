import { Migration } from '@mikro-orm/migrations';

export class Migration20261122103620_routing extends Migration {
  override name = 'Migration20261122103620_routing';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "case_routing_rule" ("id" serial primary key, "priority" int not null, "subject_kind" text null, "department_id" int null, "branch_id" int null, "stage_id" int null, "target" text not null, "target_branch_id" int null, "active" boolean not null default true, "note" text null, "updated_by" varchar(32) not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "case_routing_rule_active_priority_index" on "case_routing_rule" ("active", "priority");`,
    );

    this.addSql(
      `alter table "complaint_case" add "handler" text not null default 'BRANCH', add "routing_rule_id" int null;`,
    );
    this.addSql(
      `alter table "complaint_case" add constraint "complaint_case_handler_check" check ("handler" in ('BRANCH', 'INSPECTORS'));`,
    );

    this.addSql(
      `alter table "case_routing_rule" add constraint "case_routing_rule_subject_kind_check" check ("subject_kind" in ('BRANCH', 'TEAM', 'STAGE', 'OFFICER'));`,
    );
    this.addSql(
      `alter table "case_routing_rule" add constraint "case_routing_rule_target_check" check ("target" in ('BRANCH', 'INSPECTORS'));`,
    );
    this.addSql(
      `alter table "case_routing_rule" add constraint "case_routing_rule_target_branch_check" check ((target = 'BRANCH') = (target_branch_id is not null));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "case_routing_rule" cascade;`);

    this.addSql(`alter table "complaint_case" drop constraint "complaint_case_handler_check";`);
    this.addSql(`alter table "complaint_case" drop column "handler", drop column "routing_rule_id";`);
  }
}

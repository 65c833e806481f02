import { Migration } from '@mikro-orm/migrations';

export class Migration20261122092552_cases extends Migration {
  override name = 'Migration20261122092552_cases';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "complaint_case_step" ("id" serial primary key, "case_id" int not null, "kind" text not null, "status" text not null, "actor" varchar(32) not null, "at" timestamptz not null, "note" text null);`,
    );
    this.addSql(`create index "complaint_case_step_case_id_id_index" on "complaint_case_step" ("case_id", "id");`);

    this.addSql(
      `create table "complaint_case" ("id" serial primary key, "item_id" int not null, "assessment_id" int not null, "declaration_id" int not null, "enterprise_id" int not null, "subject_kind" text not null, "subject_id" int not null, "rated_officer_id" int null, "level" smallint not null, "responsible_branch_id" int not null, "department_id" int not null, "status" text not null, "opened_at" timestamptz not null, "acknowledge_due_at" timestamptz not null, "conclude_due_at" timestamptz not null, "answer_due_at" timestamptz null, "finding" text null, "actions" text[] not null, "answer" text null, "concluded_at" timestamptz null, "answered_at" timestamptz null, "closed_at" timestamptz null, "escalated_at" timestamptz null, "version" int not null default 1);`,
    );
    this.addSql(`alter table "complaint_case" add constraint "complaint_case_item_id_unique" unique ("item_id");`);
    this.addSql(`create index "complaint_case_enterprise_id_index" on "complaint_case" ("enterprise_id");`);
    this.addSql(`create index "complaint_case_rated_officer_id_index" on "complaint_case" ("rated_officer_id");`);
    this.addSql(
      `create index "complaint_case_status_conclude_due_at_index" on "complaint_case" ("status", "conclude_due_at");`,
    );
    this.addSql(
      `create index "complaint_case_responsible_branch_id_status_index" on "complaint_case" ("responsible_branch_id", "status");`,
    );

    this.addSql(`create table "holiday" ("day" date not null, "name" varchar(255) not null, primary key ("day"));`);

    this.addSql(
      `alter table "complaint_case_step" add constraint "complaint_case_step_kind_check" check ("kind" in ('OPENED', 'ACKNOWLEDGED', 'VERIFICATION_STARTED', 'CONCLUDED', 'CORRECTED', 'ANSWERED', 'ENTERPRISE_ACKNOWLEDGED', 'REOPENED', 'REASSIGNED', 'ESCALATED', 'CLOSED', 'NOTE'));`,
    );
    this.addSql(
      `alter table "complaint_case_step" add constraint "complaint_case_step_status_check" check ("status" in ('OPEN', 'ACKNOWLEDGED', 'VERIFYING', 'CONCLUDED', 'ANSWERED', 'CLOSED'));`,
    );

    this.addSql(
      `alter table "complaint_case" add constraint "complaint_case_subject_kind_check" check ("subject_kind" in ('BRANCH', 'TEAM', 'STAGE', 'OFFICER'));`,
    );
    this.addSql(
      `alter table "complaint_case" add constraint "complaint_case_status_check" check ("status" in ('OPEN', 'ACKNOWLEDGED', 'VERIFYING', 'CONCLUDED', 'ANSWERED', 'CLOSED'));`,
    );
    this.addSql(
      `alter table "complaint_case" add constraint "complaint_case_finding_check" check ("finding" in ('SUBSTANTIATED', 'PARTLY_SUBSTANTIATED', 'NOT_SUBSTANTIATED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "complaint_case_step" cascade;`);
    this.addSql(`drop table if exists "complaint_case" cascade;`);
    this.addSql(`drop table if exists "holiday" cascade;`);
  }
}

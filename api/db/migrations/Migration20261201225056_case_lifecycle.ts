import { Migration } from '@mikro-orm/migrations';

export class Migration20261201225056_case_lifecycle extends Migration {
  override name = 'Migration20261201225056_case_lifecycle';

  override up(): void | Promise<void> {
    this.addSql(`alter table "complaint_case_step" drop constraint "complaint_case_step_kind_check";`);
    this.addSql(`alter table "complaint_case_step" add "finding" text null, add "actions" text[] null;`);
    this.addSql(
      `alter table "complaint_case_step" add constraint "complaint_case_step_finding_check" check ("finding" in ('SUBSTANTIATED', 'PARTLY_SUBSTANTIATED', 'NOT_SUBSTANTIATED'));`,
    );
    this.addSql(
      `alter table "complaint_case_step" add constraint "complaint_case_step_kind_check" check ("kind" in ('OPENED', 'ACKNOWLEDGED', 'VERIFICATION_STARTED', 'CONCLUDED', 'CORRECTED', 'ANSWERED', 'ENTERPRISE_ACKNOWLEDGED', 'REOPENED', 'REASSIGNED', 'ASSIGNED', 'ESCALATED', 'CLOSED', 'NOTE'));`,
    );

    this.addSql(
      `alter table "complaint_case" add "due_at" timestamptz null, add "assignee_id" int null, add "concluded_on_time" boolean not null default false;`,
    );
    this.addSql(`create index "complaint_case_assignee_id_index" on "complaint_case" ("assignee_id");`);
    this.addSql(`create index "complaint_case_due_at_id_index" on "complaint_case" ("due_at", "id");`);
    // Existing cases: the current deadline of their state (case-lifecycle.ts STATES) and the on-time flag.
    this.addSql(`update "complaint_case" set "due_at" = case "status" when 'OPEN' then "acknowledge_due_at"
      when 'ACKNOWLEDGED' then "conclude_due_at" when 'VERIFYING' then "conclude_due_at" when 'CONCLUDED' then "answer_due_at" end,
      "concluded_on_time" = coalesce("concluded_at" <= "conclude_due_at", false);`);
    // Existing trails: the single conclusion and answer, which the case row held, move onto their steps.
    this.addSql(`update "complaint_case_step" s set "finding" = c."finding", "actions" = c."actions"
      from "complaint_case" c where c."id" = s."case_id" and s."kind" = 'CONCLUDED'
        and not exists (select 1 from "complaint_case_step" o where o."case_id" = c."id" and o."kind" in ('CORRECTED', 'REOPENED'));`);
    this.addSql(`update "complaint_case_step" s set "note" = c."answer"
      from "complaint_case" c where c."id" = s."case_id" and s."kind" = 'ANSWERED' and s."note" is null and c."answer" is not null
        and not exists (select 1 from "complaint_case_step" o where o."case_id" = c."id" and o."kind" = 'REOPENED');`);
    // Escalations that left no step (reopenings, the old seed) get one at the time they happened.
    this.addSql(`insert into "complaint_case_step" ("case_id", "kind", "status", "actor", "at", "note")
      select c."id", 'ESCALATED', c."status", 'system', c."escalated_at", 'Escalated (recorded by the case-lifecycle migration).'
      from "complaint_case" c where c."escalated_at" is not null
        and not exists (select 1 from "complaint_case_step" o where o."case_id" = c."id" and o."kind" = 'ESCALATED');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "complaint_case_assignee_id_index";`);
    this.addSql(`drop index "complaint_case_due_at_id_index";`);
    this.addSql(
      `alter table "complaint_case" drop column "due_at", drop column "assignee_id", drop column "concluded_on_time";`,
    );

    this.addSql(`alter table "complaint_case_step" drop constraint "complaint_case_step_finding_check";`);
    this.addSql(`alter table "complaint_case_step" drop constraint "complaint_case_step_kind_check";`);
    this.addSql(`alter table "complaint_case_step" drop column "finding", drop column "actions";`);
    this.addSql(
      `alter table "complaint_case_step" add constraint "complaint_case_step_kind_check" check ("kind" in ('OPENED', 'ACKNOWLEDGED', 'VERIFICATION_STARTED', 'CONCLUDED', 'CORRECTED', 'ANSWERED', 'ENTERPRISE_ACKNOWLEDGED', 'REOPENED', 'REASSIGNED', 'ESCALATED', 'CLOSED', 'NOTE'));`,
    );
  }
}

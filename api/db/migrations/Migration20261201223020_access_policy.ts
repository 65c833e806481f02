import { Migration } from '@mikro-orm/migrations';

export class Migration20261201223020_access_policy extends Migration {
  override name = 'Migration20261201223020_access_policy';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "login_throttle" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, primary key ("key"));`,
    );

    this.addSql(`alter table "complaint_case_step" add "audience" text not null default 'INTERNAL';`);
    this.addSql(
      `alter table "complaint_case_step" add constraint "complaint_case_step_audience_check" check ("audience" in ('INTERNAL', 'ENTERPRISE'));`,
    );
    // The steps that were always between the authority and the enterprise: the answer (its text
    // kept on the step too, as the message) and the enterprise's own responses.
    this.addSql(
      `update "complaint_case_step" set "audience" = 'ENTERPRISE' where "kind" in ('ENTERPRISE_ACKNOWLEDGED', 'REOPENED');`,
    );
    this.addSql(
      `update "complaint_case_step" s set "audience" = 'ENTERPRISE', "note" = coalesce(s."note", c."answer") from "complaint_case" c where c."id" = s."case_id" and s."kind" = 'ANSWERED';`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "login_throttle" cascade;`);

    this.addSql(`alter table "complaint_case_step" drop constraint "complaint_case_step_audience_check";`);
    this.addSql(`alter table "complaint_case_step" drop column "audience";`);
  }
}

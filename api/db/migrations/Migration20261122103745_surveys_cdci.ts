import { Migration } from '@mikro-orm/migrations';
import { SURVEY_CATALOGUE } from '../../surveys/catalogue.js';

/** A SQL string literal for the catalogue's constant texts (never user input). */
const text = (value: string | undefined) => (value === undefined ? 'null' : `'${value.replaceAll("'", "''")}'`);

export class Migration20261122103745_surveys_cdci extends Migration {
  override name = 'Migration20261122103745_surveys_cdci';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "cdci_weights" ("id" serial primary key, "period_key" varchar(8) not null, "survey" double precision not null, "satisfaction" double precision not null, "department_assessment" double precision not null, "case_timeliness" double precision not null, "updated_by" varchar(32) not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "cdci_weights" add constraint "cdci_weights_period_key_unique" unique ("period_key");`);

    this.addSql(
      `create table "cdci_department_assessment" ("id" serial primary key, "period_key" varchar(8) not null, "branch_id" int not null, "score" double precision not null, "note" text null, "updated_by" varchar(32) not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "cdci_department_assessment" add constraint "cdci_department_assessment_period_key_branch_id_unique" unique ("period_key", "branch_id");`,
    );

    this.addSql(
      `create table "survey_campaign" ("id" serial primary key, "title" varchar(255) not null, "description" text null, "opens_at" timestamptz not null, "closes_at" timestamptz not null, "closed_at" timestamptz null, "created_by" varchar(32) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "survey_campaign_opens_at_index" on "survey_campaign" ("opens_at");`);

    this.addSql(
      `create table "survey_response" ("id" serial primary key, "campaign_id" int not null, "enterprise_id" int not null, "status" text not null, "updated_by" varchar(32) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "submitted_at" timestamptz null);`,
    );
    this.addSql(
      `create index "survey_response_status_submitted_at_index" on "survey_response" ("status", "submitted_at");`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_campaign_id_enterprise_id_unique" unique ("campaign_id", "enterprise_id");`,
    );

    this.addSql(
      `create table "survey_response_branch" ("response_id" int not null, "branch_id" int not null, primary key ("response_id", "branch_id"));`,
    );

    this.addSql(
      `create table "survey_section" ("id" serial primary key, "code" varchar(32) not null, "name_vi" varchar(255) not null, "name_en" varchar(255) not null, "sort_order" int not null);`,
    );
    this.addSql(`alter table "survey_section" add constraint "survey_section_code_unique" unique ("code");`);

    this.addSql(
      `create table "survey_indicator" ("id" serial primary key, "section_id" int not null, "code" varchar(32) not null, "kind" text not null, "name_vi" varchar(500) not null, "name_en" varchar(500) not null, "commitment_vi" varchar(500) null, "commitment_en" varchar(500) null, "sort_order" int not null, "active" boolean not null default true);`,
    );
    this.addSql(`alter table "survey_indicator" add constraint "survey_indicator_code_unique" unique ("code");`);

    this.addSql(
      `create table "survey_improvement_measure" ("id" serial primary key, "period_key" varchar(8) not null, "branch_id" int not null, "indicator_id" int not null, "measure" text not null, "owner" varchar(255) not null, "beyond_branch_authority" boolean not null, "updated_by" varchar(32) not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "survey_improvement_measure" add constraint "survey_improvement_measure_period_key_branch_id_i_44575_unique" unique ("period_key", "branch_id", "indicator_id");`,
    );

    this.addSql(
      `create table "survey_answer" ("id" serial primary key, "response_id" int not null, "indicator_id" int not null, "rating" smallint null, "timeliness" text null, "comment" text null);`,
    );
    this.addSql(
      `alter table "survey_answer" add constraint "survey_answer_response_id_indicator_id_unique" unique ("response_id", "indicator_id");`,
    );

    this.addSql(
      `alter table "cdci_department_assessment" add constraint "cdci_department_assessment_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "survey_response" add constraint "survey_response_campaign_id_foreign" foreign key ("campaign_id") references "survey_campaign" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "survey_response" add constraint "survey_response_status_check" check ("status" in ('DRAFT', 'SUBMITTED'));`,
    );

    this.addSql(
      `alter table "survey_response_branch" add constraint "survey_response_branch_response_id_foreign" foreign key ("response_id") references "survey_response" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "survey_response_branch" add constraint "survey_response_branch_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "survey_indicator" add constraint "survey_indicator_section_id_foreign" foreign key ("section_id") references "survey_section" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "survey_indicator" add constraint "survey_indicator_kind_check" check ("kind" in ('RATING', 'TIMELINESS'));`,
    );

    this.addSql(
      `alter table "survey_improvement_measure" add constraint "survey_improvement_measure_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "survey_improvement_measure" add constraint "survey_improvement_measure_indicator_id_foreign" foreign key ("indicator_id") references "survey_indicator" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "survey_answer" add constraint "survey_answer_response_id_foreign" foreign key ("response_id") references "survey_response" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "survey_answer" add constraint "survey_answer_indicator_id_foreign" foreign key ("indicator_id") references "survey_indicator" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "survey_answer" add constraint "survey_answer_timeliness_check" check ("timeliness" in ('FASTER', 'AS_COMMITTED', 'SLOWER'));`,
    );
    this.addSql(
      `alter table "survey_answer" add constraint "survey_answer_rating_check" check ("rating" between 1 and 5);`,
    );
    this.addSql(`create index "survey_response_branch_branch_id_index" on "survey_response_branch" ("branch_id");`);

    // The default catalogue: the General Department's survey on the Declaration on Customer Service.
    SURVEY_CATALOGUE.forEach((section, si) => {
      this.addSql(
        `insert into "survey_section" ("id", "code", "name_vi", "name_en", "sort_order") values (${section.id}, ${text(section.code)}, ${text(section.nameVi)}, ${text(section.nameEn)}, ${si + 1});`,
      );
    });
    SURVEY_CATALOGUE.flatMap((s) => s.indicators.map((i) => ({ ...i, sectionId: s.id }))).forEach((i, n) => {
      this.addSql(
        `insert into "survey_indicator" ("id", "section_id", "code", "kind", "name_vi", "name_en", "commitment_vi", "commitment_en", "sort_order") values (${i.id}, ${i.sectionId}, ${text(i.code)}, ${text(i.kind)}, ${text(i.nameVi)}, ${text(i.nameEn)}, ${text(i.commitmentVi)}, ${text(i.commitmentEn)}, ${n + 1});`,
      );
    });
    this.addSql(
      `select setval(pg_get_serial_sequence('"survey_section"', 'id'), (select max("id") from "survey_section"));`,
    );
    this.addSql(
      `select setval(pg_get_serial_sequence('"survey_indicator"', 'id'), (select max("id") from "survey_indicator"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "survey_response" drop constraint "survey_response_campaign_id_foreign";`);
    this.addSql(`alter table "survey_response_branch" drop constraint "survey_response_branch_response_id_foreign";`);
    this.addSql(`alter table "survey_answer" drop constraint "survey_answer_response_id_foreign";`);
    this.addSql(`alter table "survey_indicator" drop constraint "survey_indicator_section_id_foreign";`);
    this.addSql(
      `alter table "survey_improvement_measure" drop constraint "survey_improvement_measure_indicator_id_foreign";`,
    );
    this.addSql(`alter table "survey_answer" drop constraint "survey_answer_indicator_id_foreign";`);

    this.addSql(`drop table if exists "cdci_weights" cascade;`);
    this.addSql(`drop table if exists "cdci_department_assessment" cascade;`);
    this.addSql(`drop table if exists "survey_campaign" cascade;`);
    this.addSql(`drop table if exists "survey_response" cascade;`);
    this.addSql(`drop table if exists "survey_response_branch" cascade;`);
    this.addSql(`drop table if exists "survey_section" cascade;`);
    this.addSql(`drop table if exists "survey_indicator" cascade;`);
    this.addSql(`drop table if exists "survey_improvement_measure" cascade;`);
    this.addSql(`drop table if exists "survey_answer" cascade;`);
  }
}

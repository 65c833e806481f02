import { Migration } from '@mikro-orm/migrations';

export class Migration20261122075440_initial extends Migration {
  override name = 'Migration20261122075440_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "api_key" ("id" serial primary key, "name" varchar(255) not null, "key_hash" varchar(64) not null, "key_prefix" varchar(16) not null, "role" text not null, "enterprise_id" int null, "created_at" timestamptz not null, "revoked_at" timestamptz null);`,
    );
    this.addSql(`alter table "api_key" add constraint "api_key_key_hash_unique" unique ("key_hash");`);

    this.addSql(
      `create table "department" ("id" serial primary key, "code" varchar(32) not null, "name" varchar(255) not null);`,
    );
    this.addSql(`alter table "department" add constraint "department_code_unique" unique ("code");`);

    this.addSql(
      `create table "branch" ("id" serial primary key, "code" varchar(32) not null, "name" varchar(255) not null, "department_id" int not null);`,
    );
    this.addSql(`alter table "branch" add constraint "branch_code_unique" unique ("code");`);
    this.addSql(`create index "branch_department_id_index" on "branch" ("department_id");`);

    this.addSql(
      `create table "enterprise" ("id" serial primary key, "tax_code" varchar(14) not null, "name" varchar(255) not null, "address" varchar(500) null);`,
    );
    this.addSql(`alter table "enterprise" add constraint "enterprise_tax_code_unique" unique ("tax_code");`);

    this.addSql(
      `create table "declaration" ("id" serial primary key, "number" varchar(12) not null, "enterprise_id" int not null, "branch_id" int not null, "direction" text not null, "type_code" varchar(8) not null, "channel" text not null, "registered_at" timestamptz not null, "released_at" timestamptz null, "status" text not null);`,
    );
    this.addSql(`alter table "declaration" add constraint "declaration_number_unique" unique ("number");`);
    this.addSql(
      `create index "declaration_branch_id_registered_at_index" on "declaration" ("branch_id", "registered_at");`,
    );
    this.addSql(
      `create index "declaration_enterprise_id_registered_at_index" on "declaration" ("enterprise_id", "registered_at");`,
    );

    this.addSql(
      `create table "officer" ("id" serial primary key, "code" varchar(32) not null, "full_name" varchar(255) not null);`,
    );
    this.addSql(`alter table "officer" add constraint "officer_code_unique" unique ("code");`);

    this.addSql(
      `create table "stage" ("id" serial primary key, "code" varchar(32) not null, "name_vi" varchar(255) not null, "name_en" varchar(255) not null, "sort_order" int not null);`,
    );
    this.addSql(`alter table "stage" add constraint "stage_code_unique" unique ("code");`);

    this.addSql(
      `create table "team" ("id" serial primary key, "code" varchar(32) not null, "name" varchar(255) not null, "branch_id" int not null);`,
    );
    this.addSql(`alter table "team" add constraint "team_code_unique" unique ("code");`);
    this.addSql(`create index "team_branch_id_index" on "team" ("branch_id");`);

    this.addSql(
      `create table "officer_assignment" ("id" serial primary key, "officer_id" int not null, "team_id" int not null, "valid_from" date not null, "valid_to" date null);`,
    );
    this.addSql(`create index "officer_assignment_officer_id_index" on "officer_assignment" ("officer_id");`);
    this.addSql(`create index "officer_assignment_team_id_index" on "officer_assignment" ("team_id");`);

    this.addSql(
      `create table "handling_record" ("id" serial primary key, "declaration_id" int not null, "stage_id" int not null, "team_id" int not null, "officer_id" int not null, "started_at" timestamptz not null, "finished_at" timestamptz null);`,
    );
    this.addSql(`create index "handling_record_declaration_id_index" on "handling_record" ("declaration_id");`);
    this.addSql(`create index "handling_record_team_id_index" on "handling_record" ("team_id");`);
    this.addSql(`create index "handling_record_officer_id_index" on "handling_record" ("officer_id");`);

    this.addSql(
      `alter table "api_key" add constraint "api_key_role_check" check ("role" in ('ENTERPRISE', 'OFFICER', 'SUPERVISOR', 'INSPECTOR', 'LEADER', 'ADMIN', 'SYSTEM', 'ANALYTICS'));`,
    );

    this.addSql(
      `alter table "branch" add constraint "branch_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "declaration" add constraint "declaration_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "declaration" add constraint "declaration_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "declaration" add constraint "declaration_direction_check" check ("direction" in ('IMPORT', 'EXPORT'));`,
    );
    this.addSql(
      `alter table "declaration" add constraint "declaration_channel_check" check ("channel" in ('GREEN', 'YELLOW', 'RED'));`,
    );
    this.addSql(
      `alter table "declaration" add constraint "declaration_status_check" check ("status" in ('REGISTERED', 'UNDER_INSPECTION', 'RELEASED', 'CLEARED', 'CANCELLED'));`,
    );

    this.addSql(
      `alter table "team" add constraint "team_branch_id_foreign" foreign key ("branch_id") references "branch" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "officer_assignment" add constraint "officer_assignment_officer_id_foreign" foreign key ("officer_id") references "officer" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "officer_assignment" add constraint "officer_assignment_team_id_foreign" foreign key ("team_id") references "team" ("id") on delete restrict;`,
    );

    this.addSql(
      `alter table "handling_record" add constraint "handling_record_declaration_id_foreign" foreign key ("declaration_id") references "declaration" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "handling_record" add constraint "handling_record_stage_id_foreign" foreign key ("stage_id") references "stage" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "handling_record" add constraint "handling_record_team_id_foreign" foreign key ("team_id") references "team" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "handling_record" add constraint "handling_record_officer_id_foreign" foreign key ("officer_id") references "officer" ("id") on delete restrict;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "branch" drop constraint "branch_department_id_foreign";`);
    this.addSql(`alter table "declaration" drop constraint "declaration_branch_id_foreign";`);
    this.addSql(`alter table "team" drop constraint "team_branch_id_foreign";`);
    this.addSql(`alter table "declaration" drop constraint "declaration_enterprise_id_foreign";`);
    this.addSql(`alter table "handling_record" drop constraint "handling_record_declaration_id_foreign";`);
    this.addSql(`alter table "officer_assignment" drop constraint "officer_assignment_officer_id_foreign";`);
    this.addSql(`alter table "handling_record" drop constraint "handling_record_officer_id_foreign";`);
    this.addSql(`alter table "handling_record" drop constraint "handling_record_stage_id_foreign";`);
    this.addSql(`alter table "officer_assignment" drop constraint "officer_assignment_team_id_foreign";`);
    this.addSql(`alter table "handling_record" drop constraint "handling_record_team_id_foreign";`);

    this.addSql(`drop table if exists "api_key" cascade;`);
    this.addSql(`drop table if exists "department" cascade;`);
    this.addSql(`drop table if exists "branch" cascade;`);
    this.addSql(`drop table if exists "enterprise" cascade;`);
    this.addSql(`drop table if exists "declaration" cascade;`);
    this.addSql(`drop table if exists "officer" cascade;`);
    this.addSql(`drop table if exists "stage" cascade;`);
    this.addSql(`drop table if exists "team" cascade;`);
    this.addSql(`drop table if exists "officer_assignment" cascade;`);
    this.addSql(`drop table if exists "handling_record" cascade;`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261201222423_org_chart_accounts extends Migration {
  override name = 'Migration20261201222423_org_chart_accounts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "account_invitation" ("id" serial primary key, "account_id" int not null, "token_hash" varchar(64) not null, "created_by" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null);`,
    );
    this.addSql(`create index "account_invitation_account_id_index" on "account_invitation" ("account_id");`);
    this.addSql(
      `alter table "account_invitation" add constraint "account_invitation_token_hash_unique" unique ("token_hash");`,
    );

    this.addSql(
      `create table "audit_entry" ("id" serial primary key, "at" timestamptz not null, "actor" varchar(64) not null, "action" varchar(64) not null, "target_kind" varchar(32) not null, "target_id" varchar(64) null, "details" jsonb not null);`,
    );
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_actor_index" on "audit_entry" ("actor");`);
    this.addSql(`create index "audit_entry_action_index" on "audit_entry" ("action");`);
    this.addSql(
      `create index "audit_entry_target_kind_target_id_index" on "audit_entry" ("target_kind", "target_id");`,
    );

    this.addSql(`alter table "department" add "deactivated_at" timestamptz null;`);

    this.addSql(`alter table "branch" add "deactivated_at" timestamptz null;`);

    this.addSql(`alter table "officer" add "deactivated_at" timestamptz null;`);

    this.addSql(`alter table "stage" add "deactivated_at" timestamptz null;`);

    this.addSql(`alter table "team" add "deactivated_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "account_invitation" cascade;`);
    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`alter table "branch" drop column "deactivated_at";`);

    this.addSql(`alter table "department" drop column "deactivated_at";`);

    this.addSql(`alter table "officer" drop column "deactivated_at";`);

    this.addSql(`alter table "stage" drop column "deactivated_at";`);

    this.addSql(`alter table "team" drop column "deactivated_at";`);
  }
}

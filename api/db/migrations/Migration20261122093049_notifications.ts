import { Migration } from '@mikro-orm/migrations';

export class Migration20261122093049_notifications extends Migration {
  override name = 'Migration20261122093049_notifications';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "notification" ("id" serial primary key, "audience_role" text not null, "audience_scope_id" int null, "topic" varchar(64) not null, "message" text not null, "case_id" int null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "notification_audience_role_audience_scope_id_id_index" on "notification" ("audience_role", "audience_scope_id", "id");`,
    );

    this.addSql(
      `create table "notification_read" ("notification_id" int not null, "account_id" int not null, "read_at" timestamptz not null, primary key ("notification_id", "account_id"));`,
    );

    this.addSql(
      `create table "webhook_delivery" ("id" serial primary key, "subscription_id" int not null, "topic" varchar(64) not null, "payload" jsonb not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "delivered_at" timestamptz null, "last_error" text null);`,
    );
    this.addSql(
      `create index "webhook_delivery_delivered_at_next_attempt_at_index" on "webhook_delivery" ("delivered_at", "next_attempt_at");`,
    );

    this.addSql(
      `create table "webhook_subscription" ("id" serial primary key, "url" varchar(2000) not null, "secret" varchar(128) not null, "topics" text[] not null, "created_at" timestamptz not null, "disabled_at" timestamptz null);`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_audience_role_check" check ("audience_role" in ('ENTERPRISE', 'OFFICER', 'SUPERVISOR', 'INSPECTOR', 'LEADER', 'ADMIN', 'SYSTEM', 'ANALYTICS'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "notification" cascade;`);
    this.addSql(`drop table if exists "notification_read" cascade;`);
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_subscription" cascade;`);
  }
}

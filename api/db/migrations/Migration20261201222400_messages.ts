import { Migration } from '@mikro-orm/migrations';

export class Migration20261201222400_messages extends Migration {
  override name = 'Migration20261201222400_messages';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "message_attempt" ("id" bigserial primary key, "delivery_id" int not null, "attempt" int not null, "at" timestamptz not null, "ok" boolean not null, "status_code" int null, "error" text null, "duration_ms" int not null);`,
    );
    this.addSql(
      `create index "message_attempt_delivery_id_attempt_index" on "message_attempt" ("delivery_id", "attempt");`,
    );

    this.addSql(
      `create table "message_delivery" ("id" serial primary key, "event_id" bigint not null, "event_type" varchar(64) not null, "channel" text not null, "account_id" int null, "subscription_id" int null, "recipient" varchar(2000) not null, "subject" varchar(500) null, "body" text not null, "html" text null, "status" text not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "leased_by" varchar(64) null, "created_at" timestamptz not null, "delivered_at" timestamptz null, "last_error" text null);`,
    );
    this.addSql(
      `create index "message_delivery_subscription_id_id_index" on "message_delivery" ("subscription_id", "id");`,
    );
    this.addSql(
      `create index "message_delivery_status_next_attempt_at_index" on "message_delivery" ("status", "next_attempt_at");`,
    );

    this.addSql(
      `create table "message_event" ("id" bigserial primary key, "type" varchar(64) not null, "version" int not null default 1, "occurred_at" timestamptz not null, "data" jsonb not null, "enterprise_id" int null, "is_public" boolean not null default false, "audiences" jsonb not null, "message_key" varchar(64) null, "message_params" jsonb not null, "link" varchar(500) null, "dispatched_at" timestamptz null, "lease_until" timestamptz null, "leased_by" varchar(64) null);`,
    );
    this.addSql(`create index "message_event_dispatched_at_id_index" on "message_event" ("dispatched_at", "id");`);

    this.addSql(
      `create table "message_preference" ("account_id" int not null, "locale" varchar(8) not null default 'vi', "email" varchar(254) null, "in_app" boolean not null default true, "by_email" boolean not null default false, "updated_at" timestamptz not null, primary key ("account_id"));`,
    );

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    // Notifications already written keep their topic as key and their case as parameter.
    this.addSql(
      `alter table "notification" add "audience_account_id" int null, add "message_key" varchar(64) null, add "message_params" jsonb null, add "link" varchar(500) null;`,
    );
    this.addSql(
      `update "notification" set "message_key" = "topic", "message_params" = case when "case_id" is null then '{}'::jsonb else jsonb_build_object('caseId', "case_id"::text) end, "link" = case when "case_id" is null then null else '/cases/' || "case_id" end;`,
    );
    this.addSql(
      `alter table "notification" alter column "message_key" set not null, alter column "message_params" set not null, drop column "message";`,
    );
    this.addSql(`alter table "notification" alter column "audience_role" drop not null;`);
    this.addSql(
      `create index "notification_audience_account_id_id_index" on "notification" ("audience_account_id", "id");`,
    );

    // Existing subscriptions were administrators' (no enterprise); a disabled one stays paused.
    this.addSql(
      `alter table "webhook_subscription" add "description" varchar(200) null, add "previous_secret" varchar(128) null, add "previous_secret_until" timestamptz null, add "enterprise_id" int null, add "created_by" varchar(64) null;`,
    );
    this.addSql(`update "webhook_subscription" set "created_by" = 'migration';`);
    this.addSql(`alter table "webhook_subscription" alter column "created_by" set not null;`);
    this.addSql(`alter table "webhook_subscription" rename column "disabled_at" to "paused_at";`);
    this.addSql(`alter table "webhook_subscription" rename column "topics" to "event_types";`);
    this.addSql(`create index "webhook_subscription_enterprise_id_index" on "webhook_subscription" ("enterprise_id");`);

    this.addSql(
      `alter table "message_delivery" add constraint "message_delivery_channel_check" check ("channel" in ('EMAIL', 'WEBHOOK'));`,
    );
    this.addSql(
      `alter table "message_delivery" add constraint "message_delivery_status_check" check ("status" in ('PENDING', 'DELIVERED', 'FAILED', 'HELD'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `create table "webhook_delivery" ("id" serial primary key, "subscription_id" int4 not null, "topic" varchar(64) not null, "payload" jsonb not null, "attempts" int4 not null default 0, "next_attempt_at" timestamptz(6) not null, "delivered_at" timestamptz(6) null, "last_error" text null);`,
    );
    this.addSql(
      `create index "webhook_delivery_delivered_at_next_attempt_at_index" on "webhook_delivery" ("delivered_at", "next_attempt_at");`,
    );

    this.addSql(`drop table if exists "message_attempt" cascade;`);
    this.addSql(`drop table if exists "message_delivery" cascade;`);
    this.addSql(`drop table if exists "message_event" cascade;`);
    this.addSql(`drop table if exists "message_preference" cascade;`);

    this.addSql(`drop index "notification_audience_account_id_id_index";`);
    this.addSql(
      `alter table "notification" drop column "audience_account_id", drop column "message_key", drop column "message_params", drop column "link";`,
    );
    this.addSql(`alter table "notification" add "message" text not null default '';`);
    this.addSql(`alter table "notification" alter column "audience_role" set not null;`);

    this.addSql(`drop index "webhook_subscription_enterprise_id_index";`);
    this.addSql(
      `alter table "webhook_subscription" drop column "description", drop column "previous_secret", drop column "previous_secret_until", drop column "enterprise_id", drop column "created_by";`,
    );
    this.addSql(`alter table "webhook_subscription" rename column "event_types" to "topics";`);
    this.addSql(`alter table "webhook_subscription" rename column "paused_at" to "disabled_at";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261122080958_assessments extends Migration {
  override name = 'Migration20261122080958_assessments';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "account" ("id" serial primary key, "login" varchar(64) not null, "password_hash" varchar(255) not null, "display_name" varchar(255) not null, "role" text not null, "enterprise_id" int null, "officer_id" int null, "team_id" int null, "branch_id" int null, "department_id" int null, "created_at" timestamptz not null, "disabled_at" timestamptz null);`,
    );
    this.addSql(`alter table "account" add constraint "account_login_unique" unique ("login");`);

    this.addSql(
      `create table "assessment" ("id" serial primary key, "declaration_id" int not null, "enterprise_id" int not null, "phase" text not null, "status" text not null, "contact_name" varchar(255) null, "contact_phone" varchar(20) null, "idempotency_key" varchar(64) null, "send_key" varchar(64) null, "created_by" varchar(32) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "sent_at" timestamptz null);`,
    );
    this.addSql(
      `create index "assessment_enterprise_id_status_updated_at_index" on "assessment" ("enterprise_id", "status", "updated_at");`,
    );
    this.addSql(
      `alter table "assessment" add constraint "assessment_enterprise_id_idempotency_key_unique" unique ("enterprise_id", "idempotency_key");`,
    );
    this.addSql(
      `alter table "assessment" add constraint "assessment_declaration_id_phase_unique" unique ("declaration_id", "phase");`,
    );

    this.addSql(
      `create table "assessment_item" ("id" serial primary key, "assessment_id" int not null, "subject_kind" text not null, "subject_id" int not null, "branch_id" int not null, "team_id" int null, "stage_id" int null, "level" smallint not null, "reason_codes" text[] not null, "comment" text null);`,
    );
    this.addSql(
      `create index "assessment_item_subject_kind_subject_id_index" on "assessment_item" ("subject_kind", "subject_id");`,
    );
    this.addSql(
      `alter table "assessment_item" add constraint "assessment_item_assessment_id_subject_kind_subject_id_unique" unique ("assessment_id", "subject_kind", "subject_id");`,
    );

    this.addSql(
      `create table "outbox_event" ("id" bigserial primary key, "topic" varchar(64) not null, "aggregate_id" varchar(64) not null, "payload" jsonb not null, "created_at" timestamptz not null, "processed_at" timestamptz null);`,
    );
    this.addSql(`create index "outbox_event_processed_at_id_index" on "outbox_event" ("processed_at", "id");`);

    this.addSql(
      `create table "rating_reminder" ("id" serial primary key, "declaration_id" int not null, "enterprise_id" int not null, "sent_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "rating_reminder_declaration_id_sent_at_index" on "rating_reminder" ("declaration_id", "sent_at");`,
    );

    this.addSql(
      `create table "reason" ("id" serial primary key, "code" varchar(32) not null, "name_vi" varchar(255) not null, "name_en" varchar(255) not null, "min_level" smallint not null, "max_level" smallint not null, "sort_order" int not null, "active" boolean not null default true);`,
    );
    this.addSql(`alter table "reason" add constraint "reason_code_unique" unique ("code");`);

    this.addSql(
      `create table "session" ("id" varchar(36) not null, "account_id" int not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "session_account_id_index" on "session" ("account_id");`);

    this.addSql(`alter table "api_key" add "created_by" int null, add "last_used_at" timestamptz null;`);

    this.addSql(
      `alter table "account" add constraint "account_role_check" check ("role" in ('ENTERPRISE', 'OFFICER', 'SUPERVISOR', 'INSPECTOR', 'LEADER', 'ADMIN', 'SYSTEM', 'ANALYTICS'));`,
    );

    this.addSql(
      `alter table "assessment" add constraint "assessment_declaration_id_foreign" foreign key ("declaration_id") references "declaration" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "assessment" add constraint "assessment_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete restrict;`,
    );
    this.addSql(
      `alter table "assessment" add constraint "assessment_phase_check" check ("phase" in ('DURING', 'AFTER'));`,
    );
    this.addSql(
      `alter table "assessment" add constraint "assessment_status_check" check ("status" in ('RECORDED', 'SENT'));`,
    );

    this.addSql(
      `alter table "assessment_item" add constraint "assessment_item_assessment_id_foreign" foreign key ("assessment_id") references "assessment" ("id") on delete cascade;`,
    );
    this.addSql(`alter table "assessment_item" add constraint "assessment_item_check" check (level between 1 and 5);`);
    this.addSql(
      `alter table "assessment_item" add constraint "assessment_item_subject_kind_check" check ("subject_kind" in ('BRANCH', 'TEAM', 'STAGE', 'OFFICER'));`,
    );

    this.addSql(
      `alter table "rating_reminder" add constraint "rating_reminder_declaration_id_foreign" foreign key ("declaration_id") references "declaration" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "reason" add constraint "reason_check" check (min_level between 1 and 5 and max_level between min_level and 5);`,
    );

    // Reference data every deployment needs: the reasons an enterprise may give, per level.
    this.addSql(`insert into "reason" ("code", "name_vi", "name_en", "min_level", "max_level", "sort_order") values
      ('SLOW', 'Xử lý chậm, kéo dài thời gian', 'Slow handling, long delays', 1, 2, 1),
      ('ATTITUDE', 'Thái độ không đúng mực', 'Improper attitude', 1, 2, 2),
      ('GUIDANCE_UNCLEAR', 'Hướng dẫn không rõ ràng, thiếu nhất quán', 'Unclear or inconsistent guidance', 1, 2, 3),
      ('EXTRA_DOCUMENTS', 'Yêu cầu hồ sơ, thủ tục ngoài quy định', 'Documents or steps beyond the regulations', 1, 2, 4),
      ('HARASSMENT', 'Có biểu hiện gây phiền hà, sách nhiễu', 'Signs of inconvenience or harassment', 1, 2, 5),
      ('PROFESSIONAL_ERROR', 'Sai sót trong nghiệp vụ', 'Professional errors', 1, 2, 6),
      ('UNREACHABLE', 'Khó liên hệ, không phản hồi', 'Hard to reach, no answer', 1, 2, 7),
      ('MET_BUT_SLOW', 'Đáp ứng yêu cầu nhưng còn chậm', 'Requirements met, but slowly', 3, 3, 8),
      ('AVERAGE', 'Chất lượng phục vụ ở mức trung bình', 'Average service', 3, 3, 9),
      ('FAST', 'Xử lý nhanh chóng, đúng thời hạn', 'Fast, on-time handling', 4, 5, 10),
      ('COURTEOUS', 'Thái độ niềm nở, lịch sự', 'Courteous, friendly attitude', 4, 5, 11),
      ('CLEAR_GUIDANCE', 'Hướng dẫn rõ ràng, tận tình', 'Clear, helpful guidance', 4, 5, 12),
      ('TRANSPARENT', 'Công khai, minh bạch', 'Open and transparent', 4, 5, 13),
      ('PROFESSIONAL', 'Chuyên nghiệp, thành thạo nghiệp vụ', 'Professional and competent', 4, 5, 14);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "assessment_item" drop constraint "assessment_item_assessment_id_foreign";`);

    this.addSql(`drop table if exists "account" cascade;`);
    this.addSql(`drop table if exists "assessment" cascade;`);
    this.addSql(`drop table if exists "assessment_item" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "rating_reminder" cascade;`);
    this.addSql(`drop table if exists "reason" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`alter table "api_key" drop column "created_by", drop column "last_used_at";`);
  }
}

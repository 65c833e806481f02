import { Migration } from '@mikro-orm/migrations';

export class Migration20261122094550_notices extends Migration {
  override name = 'Migration20261122094550_notices';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "legal_notice" ("id" serial primary key, "document_number" varchar(64) not null, "title_vi" varchar(500) not null, "title_en" varchar(500) null, "issuer" varchar(255) not null, "issued_on" date not null, "effective_on" date null, "summary" text not null, "source_url" varchar(2000) not null, "enterprise_ids" text[] null, "published_at" timestamptz not null, "published_by" varchar(32) not null);`,
    );
    this.addSql(`create index "legal_notice_published_at_index" on "legal_notice" ("published_at");`);

    this.addSql(
      `create table "legal_notice_read" ("notice_id" int not null, "enterprise_id" int not null, "read_at" timestamptz not null, primary key ("notice_id", "enterprise_id"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "legal_notice" cascade;`);
    this.addSql(`drop table if exists "legal_notice_read" cascade;`);
  }
}

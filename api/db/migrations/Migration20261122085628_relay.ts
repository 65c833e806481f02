import { Migration } from '@mikro-orm/migrations';

export class Migration20261122085628_relay extends Migration {
  override name = 'Migration20261122085628_relay';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "relay_batch" ("id" serial primary key, "claimed_at" timestamptz not null, "delivered_at" timestamptz null, "events" int not null);`,
    );
    this.addSql(`create index "relay_batch_delivered_at_index" on "relay_batch" ("delivered_at");`);

    this.addSql(`alter table "outbox_event" add "batch_id" int null;`);
    this.addSql(`create index "outbox_event_batch_id_index" on "outbox_event" ("batch_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "relay_batch" cascade;`);

    this.addSql(`drop index "outbox_event_batch_id_index";`);
    this.addSql(`alter table "outbox_event" drop column "batch_id";`);
  }
}

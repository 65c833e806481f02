import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications at commit, so that nobody has to poll to learn of a change: a new outbox event
 * wakes the relay (`sqa_outbox`), a delivered relay batch tells every API process that ClickHouse
 * changed (`sqa_relay_delivered`, the batch id), which empties their result caches, and a change
 * to the named catalog tells them to read its names again (`sqa_catalog`). NOTIFY is
 * delivered only when the writing transaction commits, and once per distinct payload.
 */
const CATALOG = ['department', 'branch', 'team', 'stage', 'officer'];

export class Migration20261201230000_outbox_notify extends Migration {
  override name = 'Migration20261201230000_outbox_notify';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function sqa_notify_outbox() returns trigger language plpgsql as $$
begin
  perform pg_notify('sqa_outbox', '');
  return null;
end $$;`);
    this.addSql(
      `create trigger outbox_event_notify after insert on "outbox_event" for each statement execute function sqa_notify_outbox();`,
    );
    this.addSql(`create or replace function sqa_notify_relay_delivered() returns trigger language plpgsql as $$
begin
  perform pg_notify('sqa_relay_delivered', new.id::text);
  return null;
end $$;`);
    this.addSql(
      `create trigger relay_batch_delivered_notify after update of "delivered_at" on "relay_batch" for each row when (old.delivered_at is null and new.delivered_at is not null) execute function sqa_notify_relay_delivered();`,
    );

    this.addSql(`create or replace function sqa_notify_catalog() returns trigger language plpgsql as $$
begin
  perform pg_notify('sqa_catalog', '');
  return null;
end $$;`);
    for (const table of CATALOG)
      this.addSql(
        `create trigger ${table}_catalog_notify after insert or update or delete or truncate on "${table}" for each statement execute function sqa_notify_catalog();`,
      );
  }

  override down(): void | Promise<void> {
    for (const table of CATALOG) this.addSql(`drop trigger if exists ${table}_catalog_notify on "${table}";`);
    this.addSql(`drop function if exists sqa_notify_catalog();`);
    this.addSql(`drop trigger if exists relay_batch_delivered_notify on "relay_batch";`);
    this.addSql(`drop function if exists sqa_notify_relay_delivered();`);
    this.addSql(`drop trigger if exists outbox_event_notify on "outbox_event";`);
    this.addSql(`drop function if exists sqa_notify_outbox();`);
  }
}

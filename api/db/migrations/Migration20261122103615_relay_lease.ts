import { Migration } from '@mikro-orm/migrations';

export class Migration20261122103615_relay_lease extends Migration {
  override name = 'Migration20261122103615_relay_lease';

  override up(): void | Promise<void> {
    this.addSql(`alter table "relay_batch" add "lease_until" timestamptz null, add "leased_by" varchar(64) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "relay_batch" drop column "lease_until", drop column "leased_by";`);
  }
}

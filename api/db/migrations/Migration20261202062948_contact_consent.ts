import { Migration } from '@mikro-orm/migrations';

export class Migration20261202062948_contact_consent extends Migration {
  override name = 'Migration20261202062948_contact_consent';

  override up(): void | Promise<void> {
    this.addSql(`alter table "assessment" add "contact_consent" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "assessment" drop column "contact_consent";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Enterprise names label statistics grouped by enterprise, and whole answers of those are kept
 * (graphql/answer-cache.ts): a rename or removal tells every API process to drop them, on the
 * catalog's channel (`sqa_catalog`, sent at commit by the function of migration outbox_notify).
 * A new enterprise changes no answer kept so far: nothing was rated by it yet.
 */
export class Migration20261202170000_enterprise_names_notify extends Migration {
  override name = 'Migration20261202170000_enterprise_names_notify';

  override up(): void | Promise<void> {
    this.addSql(
      `create trigger enterprise_catalog_notify after update of "name" or delete or truncate on "enterprise" for each statement execute function sqa_notify_catalog();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists enterprise_catalog_notify on "enterprise";`);
  }
}

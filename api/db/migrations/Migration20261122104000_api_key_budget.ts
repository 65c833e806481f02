import { Migration } from '@mikro-orm/migrations';

export class Migration20261122104000_api_key_budget extends Migration {
  override name = 'Migration20261122104000_api_key_budget';

  override up(): void | Promise<void> {
    this.addSql(`alter table "api_key" add column "cost_budget_per_hour" int null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "api_key" drop column "cost_budget_per_hour";`);
  }
}

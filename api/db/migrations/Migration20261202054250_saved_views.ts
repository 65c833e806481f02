import { Migration } from '@mikro-orm/migrations';

export class Migration20261202054250_saved_views extends Migration {
  override name = 'Migration20261202054250_saved_views';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "saved_view" ("id" serial primary key, "owner_account_id" int not null, "name" varchar(120) not null, "path" varchar(2000) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "saved_view_owner_account_id_updated_at_index" on "saved_view" ("owner_account_id", "updated_at");`,
    );
    this.addSql(
      `alter table "saved_view" add constraint "saved_view_owner_account_id_name_unique" unique ("owner_account_id", "name");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "saved_view" cascade;`);
  }
}

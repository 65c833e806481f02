import { Migration } from '@mikro-orm/migrations';

export class Migration20261202065033_grade_bands extends Migration {
  override name = 'Migration20261202065033_grade_bands';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "grade_bands" ("period" varchar(8) not null, "excellent" double precision not null, "good" double precision not null, "pass" double precision not null, "updated_by" varchar(120) not null, "updated_at" timestamptz not null, primary key ("period"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "grade_bands" cascade;`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261202063914_survey_title_en extends Migration {
  override name = 'Migration20261202063914_survey_title_en';

  override up(): void | Promise<void> {
    this.addSql(`alter table "survey_campaign" add "title_en" varchar(255) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "survey_campaign" drop column "title_en";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261201221746_idempotency_attribution_facts_version extends Migration {
  override name = 'Migration20261201221746_idempotency_attribution_facts_version';

  override up(): void | Promise<void> {
    this.addSql(`alter table "declaration" add "facts_version" int not null default 1;`);

    this.addSql(`alter table "assessment" add "request_fingerprint" varchar(64) null;`);
    this.addSql(
      `alter table "assessment" add constraint "assessment_enterprise_id_send_key_unique" unique ("enterprise_id", "send_key");`,
    );

    this.addSql(
      `alter table "assessment_item" drop constraint "assessment_item_assessment_id_subject_kind_subject_id_unique";`,
    );
    this.addSql(
      `alter table "assessment_item" add constraint "assessment_item_assessment_id_subject_kind_subjec_2476c_unique" unique ("assessment_id", "subject_kind", "subject_id", "stage_id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "assessment" drop constraint "assessment_enterprise_id_send_key_unique";`);
    this.addSql(`alter table "assessment" drop column "request_fingerprint";`);

    this.addSql(
      `alter table "assessment_item" drop constraint "assessment_item_assessment_id_subject_kind_subjec_2476c_unique";`,
    );
    this.addSql(
      `alter table "assessment_item" add constraint "assessment_item_assessment_id_subject_kind_subject_id_unique" unique ("assessment_id", "subject_kind", "subject_id");`,
    );

    this.addSql(`alter table "declaration" drop column "facts_version";`);
  }
}

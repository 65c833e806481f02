/** The ordered list of Postgres migrations; explicit so a compiled build needs no folder scan. */
import { Migration20261122075440_initial } from './Migration20261122075440_initial.js';
import { Migration20261122080958_assessments } from './Migration20261122080958_assessments.js';
import { Migration20261122085628_relay } from './Migration20261122085628_relay.js';
import { Migration20261122092552_cases } from './Migration20261122092552_cases.js';
import { Migration20261122093049_notifications } from './Migration20261122093049_notifications.js';
import { Migration20261122094550_notices } from './Migration20261122094550_notices.js';
import { Migration20261122103615_relay_lease } from './Migration20261122103615_relay_lease.js';
import { Migration20261122103620_routing } from './Migration20261122103620_routing.js';
import { Migration20261122103745_surveys_cdci } from './Migration20261122103745_surveys_cdci.js';
import { Migration20261122104000_api_key_budget } from './Migration20261122104000_api_key_budget.js';
import { Migration20261201221746_idempotency_attribution_facts_version } from './Migration20261201221746_idempotency_attribution_facts_version.js';
import { Migration20261201222318_rating_anomalies } from './Migration20261201222318_rating_anomalies.js';
import { Migration20261201222400_messages } from './Migration20261201222400_messages.js';
import { Migration20261201222423_org_chart_accounts } from './Migration20261201222423_org_chart_accounts.js';
import { Migration20261201223020_access_policy } from './Migration20261201223020_access_policy.js';
import { Migration20261201224113_alerts } from './Migration20261201224113_alerts.js';
import { Migration20261201225056_case_lifecycle } from './Migration20261201225056_case_lifecycle.js';
import { Migration20261201230000_outbox_notify } from './Migration20261201230000_outbox_notify.js';
import { Migration20261201230653_reports } from './Migration20261201230653_reports.js';
import { Migration20261202054250_saved_views } from './Migration20261202054250_saved_views.js';
import { Migration20261202062948_contact_consent } from './Migration20261202062948_contact_consent.js';
import { Migration20261202063914_survey_title_en } from './Migration20261202063914_survey_title_en.js';
import { Migration20261202065033_grade_bands } from './Migration20261202065033_grade_bands.js';
import { Migration20261202130000_auth_notify } from './Migration20261202130000_auth_notify.js';
import { Migration20261202170000_enterprise_names_notify } from './Migration20261202170000_enterprise_names_notify.js';

export const migrationsList = [
  { name: 'Migration20261122075440_initial', class: Migration20261122075440_initial },
  { name: 'Migration20261122080958_assessments', class: Migration20261122080958_assessments },
  { name: 'Migration20261122085628_relay', class: Migration20261122085628_relay },
  { name: 'Migration20261122092552_cases', class: Migration20261122092552_cases },
  { name: 'Migration20261122093049_notifications', class: Migration20261122093049_notifications },
  { name: 'Migration20261122094550_notices', class: Migration20261122094550_notices },
  { name: 'Migration20261122103615_relay_lease', class: Migration20261122103615_relay_lease },
  { name: 'Migration20261122103620_routing', class: Migration20261122103620_routing },
  { name: 'Migration20261122103745_surveys_cdci', class: Migration20261122103745_surveys_cdci },
  { name: 'Migration20261122104000_api_key_budget', class: Migration20261122104000_api_key_budget },
  {
    name: 'Migration20261201221746_idempotency_attribution_facts_version',
    class: Migration20261201221746_idempotency_attribution_facts_version,
  },
  { name: 'Migration20261201222318_rating_anomalies', class: Migration20261201222318_rating_anomalies },
  { name: 'Migration20261201222400_messages', class: Migration20261201222400_messages },
  { name: 'Migration20261201222423_org_chart_accounts', class: Migration20261201222423_org_chart_accounts },
  { name: 'Migration20261201223020_access_policy', class: Migration20261201223020_access_policy },
  { name: 'Migration20261201224113_alerts', class: Migration20261201224113_alerts },
  { name: 'Migration20261201225056_case_lifecycle', class: Migration20261201225056_case_lifecycle },
  { name: 'Migration20261201230000_outbox_notify', class: Migration20261201230000_outbox_notify },
  { name: 'Migration20261201230653_reports', class: Migration20261201230653_reports },
  { name: 'Migration20261202054250_saved_views', class: Migration20261202054250_saved_views },
  { name: 'Migration20261202062948_contact_consent', class: Migration20261202062948_contact_consent },
  { name: 'Migration20261202063914_survey_title_en', class: Migration20261202063914_survey_title_en },
  { name: 'Migration20261202065033_grade_bands', class: Migration20261202065033_grade_bands },
  { name: 'Migration20261202130000_auth_notify', class: Migration20261202130000_auth_notify },
  { name: 'Migration20261202170000_enterprise_names_notify', class: Migration20261202170000_enterprise_names_notify },
];

/**
 * The reminder job: for every declaration still unrated inside the rating window, records one
 * reminder to its enterprise, at most one per declaration per interval, and publishes it
 * (rating.reminder) to the enterprise's users (in-app, and by e-mail for those who chose it, with
 * a link to the rate page) and to its declaration software's webhooks. It is one statement, so a
 * run is all or nothing; run it from one place (the server's timer or `npm run remind`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { MESSAGE_EVENT_INSERT, messageEventValues } from '../messages/publish.js';

export interface ReminderSettings {
  windowDays: number;
  reminderIntervalDays: number;
}

export async function sendRatingReminders(
  em: EntityManager,
  settings: ReminderSettings,
  now: Date = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - settings.windowDays * 86_400_000);
  const quietSince = new Date(now.getTime() - settings.reminderIntervalDays * 86_400_000);
  const rows = await em.getConnection().execute<{ id: number }[]>(
    `with reminders as (
       insert into rating_reminder (declaration_id, enterprise_id, sent_at)
       select d.id, d.enterprise_id, ? from declaration d
       where d.registered_at >= ? and d.registered_at <= ? and d.status <> 'CANCELLED'
         and not exists (select 1 from assessment a where a.declaration_id = d.id and a.status = 'SENT')
         and not exists (select 1 from rating_reminder r where r.declaration_id = d.id and r.sent_at > ?)
       returning id, declaration_id, enterprise_id, sent_at
     ), messages as (
       ${MESSAGE_EVENT_INSERT} ${messageEventValues({
         type: "'rating.reminder'",
         occurredAt: 'r.sent_at',
         data: `json_build_object('reminderId', r.id, 'declarationId', d.id, 'declarationNumber', d.number, 'registeredAt', d.registered_at,
                                  'rateUntil', d.registered_at + make_interval(days => ${Number(settings.windowDays)}))`,
         enterpriseId: 'r.enterprise_id',
         audiences: `json_build_array(json_build_object('role', 'ENTERPRISE', 'scopeId', r.enterprise_id))`,
         messageKey: "'rating.reminder'",
         messageParams: `json_build_object('declarationNumber', d.number)`,
         link: `'/declarations/' || d.number || '/rate'`,
       })}
       from reminders r join declaration d on d.id = r.declaration_id
     )
     select id from reminders`,
    [now, since, now, quietSince],
  );
  return rows.length;
}

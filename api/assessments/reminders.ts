/**
 * The reminder job: for every declaration still unrated inside the rating window, records one
 * reminder to its enterprise, at most one per declaration per interval. It is one statement, so a
 * run is all or nothing; run it from one place (the server's timer or `npm run remind`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';

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
    `insert into rating_reminder (declaration_id, enterprise_id, sent_at)
     select d.id, d.enterprise_id, ? from declaration d
     where d.registered_at >= ? and d.registered_at <= ? and d.status <> 'CANCELLED'
       and not exists (select 1 from assessment a where a.declaration_id = d.id and a.status = 'SENT')
       and not exists (select 1 from rating_reminder r where r.declaration_id = d.id and r.sent_at > ?)
     returning id`,
    [now, since, now, quietSince],
  );
  return rows.length;
}

/**
 * The working calendar of case deadlines: the configured weekdays, less the holidays recorded
 * in Postgres (kept for a minute: holidays are set once a year, deadlines are computed often).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { WorkingCalendar } from './working-days.js';

let cached: { at: number; holidays: Set<string> } | null = null;

export async function workingCalendar(em: EntityManager, settings: Config['cases']): Promise<WorkingCalendar> {
  if (!cached || Date.now() - cached.at > 60_000) {
    const rows = await em.execute<{ day: string }[]>(`select to_char(day, 'YYYY-MM-DD') as day from holiday`);
    cached = { at: Date.now(), holidays: new Set(rows.map((r) => r.day)) };
  }
  return { workingWeekdays: new Set(settings.workingWeekdays), holidays: cached.holidays };
}

/** Forgets the cached holidays (after an administrator changed them). */
export function forgetHolidays(): void {
  cached = null;
}

/** The deadlines of a case, from the configured number of working days. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import { workingCalendar } from './calendar.js';
import { addWorkingDays } from './working-days.js';

export const DEFAULT_CASE_SETTINGS: Config['cases'] = {
  acknowledgeDays: 1,
  concludeDays: 10,
  answerDays: 2,
  autoCloseDays: 10,
  workingWeekdays: [1, 2, 3, 4, 5],
};

export async function openingDeadlines(em: EntityManager, settings: Config['cases'], openedAt: Date) {
  const calendar = await workingCalendar(em, settings);
  return {
    acknowledgeDueAt: addWorkingDays(calendar, openedAt, settings.acknowledgeDays),
    concludeDueAt: addWorkingDays(calendar, openedAt, settings.concludeDays),
  };
}

export async function answerDeadline(em: EntityManager, settings: Config['cases'], concludedAt: Date): Promise<Date> {
  return addWorkingDays(await workingCalendar(em, settings), concludedAt, settings.answerDays);
}

export async function autoCloseDeadline(em: EntityManager, settings: Config['cases'], answeredAt: Date): Promise<Date> {
  return addWorkingDays(await workingCalendar(em, settings), answeredAt, settings.autoCloseDays);
}

/**
 * Deadlines in working days, on the Vietnamese calendar: Monday to Friday, less public holidays.
 * A deadline of N working days falls at the same time of day on the Nth working day after the
 * start (a case opened on Friday 16:00 with one day to acknowledge is due Monday 16:00).
 */
import { DAY_MS, VIETNAM_OFFSET_MS, vietnamDate } from '../time.js';

export interface WorkingCalendar {
  /** Weekdays that are working days, 0 = Sunday … 6 = Saturday. */
  workingWeekdays: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
}

export function isWorkingDay(calendar: WorkingCalendar, at: Date): boolean {
  const weekday = new Date(at.getTime() + VIETNAM_OFFSET_MS).getUTCDay();
  return calendar.workingWeekdays.has(weekday) && !calendar.holidays.has(vietnamDate(at));
}

export function addWorkingDays(calendar: WorkingCalendar, start: Date, days: number): Date {
  let at = start;
  let left = days;
  // A guard against a calendar with no working day at all.
  for (let step = 0; left > 0 && step < 3660; step++) {
    at = new Date(at.getTime() + DAY_MS);
    if (isWorkingDay(calendar, at)) left--;
  }
  return at;
}

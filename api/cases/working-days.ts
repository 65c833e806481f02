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

/**
 * Working time from `from` to `to`, in milliseconds, counting only working days (negative when
 * `to` is earlier: time overdue). A working day counts whole, as deadlines do: one working day
 * left is 24 working hours, so "1 day 3 hours" reads the same way as the deadline was set.
 */
export function workingTimeBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  if (to < from) return -workingTimeBetween(calendar, to, from);
  let total = 0;
  let at = from.getTime();
  const end = to.getTime();
  // Walk day by day (Vietnamese days), adding the part of each working day within [from, to].
  for (let step = 0; at < end && step < 3660; step++) {
    const dayEnd = Math.floor((at + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - VIETNAM_OFFSET_MS;
    const until = Math.min(dayEnd, end);
    if (isWorkingDay(calendar, new Date(at))) total += until - at;
    at = until;
  }
  return total;
}

/** Time in the platform's reference zone, Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving). */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/** The instant at which the Vietnamese calendar day containing `at` began. */
export function startOfDayInVietnam(at: Date = new Date()): Date {
  const day = Math.floor((at.getTime() + VIETNAM_OFFSET_MS) / DAY_MS);
  return new Date(day * DAY_MS - VIETNAM_OFFSET_MS);
}

/** The Vietnamese calendar date (YYYY-MM-DD) of an instant. */
export function vietnamDate(at: Date | number): string {
  return new Date(new Date(at).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of the Vietnamese calendar month containing `at`, shifted by `months`. */
function vietnamMonthStart(at: Date, months = 0): Date {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + months, 1) - VIETNAM_OFFSET_MS);
}

/** The Vietnamese calendar months that [from, to) touches, the first and last clipped to it. */
export function vietnamMonths(from: Date, to: Date): { month: string; from: Date; to: Date }[] {
  const months = [];
  for (let start = vietnamMonthStart(from); start < to; start = vietnamMonthStart(start, 1)) {
    const end = vietnamMonthStart(start, 1);
    months.push({
      month: vietnamDate(start).slice(0, 7),
      from: start < from ? from : start,
      to: end > to ? to : end,
    });
    // Guards the loop against a range no question would ask (the caller limits the count).
    if (months.length > 1_000) break;
  }
  return months;
}

/**
 * The period just before [from, to): when both bounds are Vietnamese month starts (a month,
 * quarter, half-year or year), the same number of calendar months before; otherwise the same length.
 */
export function previousPeriod(from: Date, to: Date): Date {
  const months = monthsBetween(from, to);
  if (months !== null) return vietnamMonthStart(from, -months);
  return new Date(from.getTime() - (to.getTime() - from.getTime()));
}

/**
 * The end of the previous period's part that matches the elapsed part of [from, to) at `at`: for
 * whole months the same instant that many calendar months earlier (2 December 10:00 in a quarter →
 * 2 September 10:00; a day missing in the shorter month ends at that month's end), else the
 * previous period's start plus the elapsed time. A period not running at `at` is compared whole:
 * the answer is then `from`.
 */
export function previousComparedUntil(from: Date, to: Date, at: Date): Date {
  if (!(from < at && at < to)) return from;
  const previousFrom = previousPeriod(from, to);
  const span = monthsBetween(from, to);
  if (span === null) return new Date(previousFrom.getTime() + (at.getTime() - from.getTime()));
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() - span;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = local.getUTCDate();
  const shifted =
    day > lastDay
      ? Date.UTC(year, month + 1, 1)
      : Date.UTC(year, month, day) + (local.getTime() - Date.UTC(year, local.getUTCMonth(), day));
  return new Date(shifted - VIETNAM_OFFSET_MS);
}

/** Whole Vietnamese calendar months from `from` to `to` when both are month starts, else null. */
function monthsBetween(from: Date, to: Date): number | null {
  const isMonthStart = (d: Date) => vietnamMonthStart(d).getTime() === d.getTime();
  if (!isMonthStart(from) || !isMonthStart(to)) return null;
  const a = new Date(from.getTime() + VIETNAM_OFFSET_MS);
  const b = new Date(to.getTime() + VIETNAM_OFFSET_MS);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

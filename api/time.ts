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

/**
 * The period just before [from, to): when both bounds are Vietnamese month starts (a month,
 * quarter, half-year or year), the same number of calendar months before; otherwise the same length.
 */
export function previousPeriod(from: Date, to: Date): Date {
  const isMonthStart = (d: Date) => vietnamMonthStart(d).getTime() === d.getTime();
  if (isMonthStart(from) && isMonthStart(to)) {
    const a = new Date(from.getTime() + VIETNAM_OFFSET_MS);
    const b = new Date(to.getTime() + VIETNAM_OFFSET_MS);
    const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
    return vietnamMonthStart(from, -months);
  }
  return new Date(from.getTime() - (to.getTime() - from.getTime()));
}

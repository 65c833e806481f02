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

// The time bounds of a statistics filter, shared by the rating and case questions.

/** An instant as ClickHouse reads a UTC DateTime64(3) parameter. */
export function utc(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

/** Adds `column >= from` and `column < to` (each when given) as typed parameters. */
export function addPeriod(
  where: string[],
  params: Record<string, unknown>,
  column: string,
  filter: { from?: Date; to?: Date },
): void {
  if (filter.from) {
    where.push(`${column} >= {from:DateTime64(3, 'UTC')}`);
    params.from = utc(filter.from);
  }
  if (filter.to) {
    where.push(`${column} < {to:DateTime64(3, 'UTC')}`);
    params.to = utc(filter.to);
  }
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The Vietnamese calendar date (YYYY-MM-DD) an instant starts, when it is that day's midnight. */
function vietnamMidnight(at: Date): { date: string; monthStart: boolean } | null {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  if (local.getUTCHours() + local.getUTCMinutes() + local.getUTCSeconds() + local.getUTCMilliseconds() !== 0)
    return null;
  return { date: local.toISOString().slice(0, 10), monthStart: local.getUTCDate() === 1 };
}

/**
 * Adds `from` and `to` on a column of Vietnamese local time (DateTime64 in Asia/Ho_Chi_Minh). A
 * bound at a month's start is written on the month (`toStartOfMonth(toDate(col)) >= month`), one
 * at a day's start on the day, any other as the instant: each selects the same rows, and the
 * calendar forms are what a rollup keyed by month or day can answer (migration 090).
 */
export function addCalendarPeriod(
  where: string[],
  params: Record<string, unknown>,
  column: string,
  filter: { from?: Date; to?: Date },
): void {
  const bound = (name: 'from' | 'to', at: Date | undefined, op: string) => {
    if (!at) return;
    const midnight = vietnamMidnight(at);
    if (midnight) {
      where.push(
        `${midnight.monthStart ? `toStartOfMonth(toDate(${column}))` : `toDate(${column})`} ${op} {${name}:Date}`,
      );
      params[name] = midnight.date;
    } else {
      where.push(`${column} ${op} {${name}:DateTime64(3, 'UTC')}`);
      params[name] = utc(at);
    }
  };
  bound('from', filter.from, '>=');
  bound('to', filter.to, '<');
}

// The time bounds of a statistics filter, shared by the rating and case questions.

/** An instant as ClickHouse reads a UTC DateTime64(3) parameter. */
export function utc(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
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
 * Adds `column >= from` and `column < to` (each when given) as typed parameters. With `calendar`
 * (a column of Vietnamese local time, DateTime64 in Asia/Ho_Chi_Minh), a bound at a month's start
 * is written on the month (`toStartOfMonth(toDate(col)) >= month`) and one at a day's start on the
 * day: the same rows, in the form a rollup keyed by month or day can answer (migration 090).
 * Returns whether every bound it wrote is on the month (true when there is none).
 */
export function addPeriod(
  where: string[],
  params: Record<string, unknown>,
  column: string,
  filter: { from?: Date; to?: Date },
  { calendar = false }: { calendar?: boolean } = {},
): boolean {
  let onMonths = true;
  const bound = (name: 'from' | 'to', at: Date | undefined, op: string) => {
    if (!at) return;
    const midnight = calendar ? vietnamMidnight(at) : null;
    if (!midnight?.monthStart) onMonths = false;
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
  return onMonths;
}

/**
 * Reporting periods in Vietnam time: parse and print the URL form (`2026-06`, `2026-Q2`,
 * `2026-H1`, `2026`, or a custom `from`/`to` pair of days, `to` inclusive), turn a period into
 * the API's half-open instant range, pick the default (the last full quarter) and the time grain
 * of a trend chart. Pure functions: no Vue, no clock unless one is passed.
 */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** First day, YYYY-MM-DD (Vietnam calendar). */
  fromDay: string;
  /** Day after the last one, YYYY-MM-DD. */
  toDay: string;
  year: number;
  /** Month 1–12, quarter 1–4 or half 1–2; 0 for a year or a custom range. */
  index: number;
}

/** Vietnam has kept UTC+7 without daylight saving since 1975. */
const VN_OFFSET = '+07:00';
const VN_OFFSET_MS = 7 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d = 1) => {
  // Normalise overflowing months (m = 13 → January of the next year).
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  return day(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

export function addDays(value: string, days: number): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return day(y, m, d + days);
}

export function monthPeriod(year: number, month: number): Period {
  return { kind: 'month', year, index: month, fromDay: day(year, month), toDay: day(year, month + 1) };
}
export function quarterPeriod(year: number, quarter: number): Period {
  return {
    kind: 'quarter',
    year,
    index: quarter,
    fromDay: day(year, quarter * 3 - 2),
    toDay: day(year, quarter * 3 + 1),
  };
}
export function halfPeriod(year: number, half: number): Period {
  return { kind: 'half', year, index: half, fromDay: day(year, half * 6 - 5), toDay: day(year, half * 6 + 1) };
}
export function yearPeriod(year: number): Period {
  return { kind: 'year', year, index: 0, fromDay: day(year, 1), toDay: day(year + 1, 1) };
}
/** A custom range of whole days, `lastDay` included. */
export function customPeriod(fromDay: string, lastDay: string): Period {
  return { kind: 'custom', year: Number(fromDay.slice(0, 4)), index: 0, fromDay, toDay: addDays(lastDay, 1) };
}

/** The Vietnam calendar day of an instant. */
export function vietnamDay(now: Date): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The quarter an instant falls in (Vietnam time). */
export function quarterOf(at: Date): Period {
  const [y, m] = vietnamDay(at).split('-').map(Number) as [number, number];
  return quarterPeriod(y, Math.floor((m - 1) / 3) + 1);
}

/** The last full quarter before `now`. */
export function defaultPeriod(now: Date = new Date()): Period {
  const [y, m] = vietnamDay(now).split('-').map(Number) as [number, number];
  const quarter = Math.floor((m - 1) / 3) + 1;
  return quarter === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, quarter - 1);
}

/** Read a period from URL query values; null when absent or malformed. */
export function parsePeriod(period: unknown, from?: unknown, to?: unknown): Period | null {
  if (typeof from === 'string' && typeof to === 'string' && isDay(from) && isDay(to) && from <= to)
    return customPeriod(from, to);
  if (typeof period !== 'string') return null;
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-Q([1-4])$/i.exec(period);
  if (m) return quarterPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-H([12])$/i.exec(period);
  if (m) return halfPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})$/.exec(period);
  if (m) return yearPeriod(Number(m[1]));
  return null;
}

/** The URL query of a period (`period`, or `from` and `to` for a custom range). */
export function periodQuery(p: Period): { period?: string; from?: string; to?: string } {
  switch (p.kind) {
    case 'month':
      return { period: `${p.year}-${pad(p.index)}` };
    case 'quarter':
      return { period: `${p.year}-Q${p.index}` };
    case 'half':
      return { period: `${p.year}-H${p.index}` };
    case 'year':
      return { period: String(p.year) };
    default:
      return { from: p.fromDay, to: addDays(p.toDay, -1) };
  }
}

/** A short token for file names: `2026-Q2`, or `2026-04-01_2026-06-30`. */
export function periodToken(p: Period): string {
  const q = periodQuery(p);
  return q.period ?? `${q.from}_${q.to}`;
}

/** Start of a Vietnam day as an ISO instant with its offset. */
export const dayStart = (value: string) => `${value}T00:00:00${VN_OFFSET}`;

/** The API's half-open range of a period. */
export function periodRange(p: Period): { from: string; to: string } {
  return { from: dayStart(p.fromDay), to: dayStart(p.toDay) };
}

export function periodDays(p: Period): number {
  return Math.round((Date.parse(p.toDay) - Date.parse(p.fromDay)) / 86_400_000);
}

/** The grain of a trend chart: days for a month, weeks for a quarter, months beyond. */
export type TrendGrain = 'DAY' | 'WEEK' | 'MONTH';

export function trendGrain(p: Period): TrendGrain {
  const days = periodDays(p);
  if (days <= 45) return 'DAY';
  if (days <= 120) return 'WEEK';
  return 'MONTH';
}

/**
 * The period before, as the API's `ratingKpis.previousFrom` counts it: the same number of
 * calendar months before for whole months, else the same number of days.
 */
export function previousPeriodOf(p: Period): Period {
  switch (p.kind) {
    case 'month':
      return p.index === 1 ? monthPeriod(p.year - 1, 12) : monthPeriod(p.year, p.index - 1);
    case 'quarter':
      return p.index === 1 ? quarterPeriod(p.year - 1, 4) : quarterPeriod(p.year, p.index - 1);
    case 'half':
      return p.index === 1 ? halfPeriod(p.year - 1, 2) : halfPeriod(p.year, 1);
    case 'year':
      return yearPeriod(p.year - 1);
    default:
      break;
  }
  const [y, m, d] = p.fromDay.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = p.toDay.split('-').map(Number) as [number, number, number];
  if (d === 1 && td === 1) {
    const months = (ty - y) * 12 + (tm - m);
    return { kind: 'custom', year: y, index: 0, fromDay: day(y, m - months), toDay: p.fromDay };
  }
  return { kind: 'custom', year: y, index: 0, fromDay: addDays(p.fromDay, -periodDays(p)), toDay: p.fromDay };
}

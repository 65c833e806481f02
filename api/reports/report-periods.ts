/**
 * The periods reports are made for, in Hải Phòng time: months (`2026-05`) besides the review
 * periods (quarter, half-year, year; api/periods.ts), and the latest completed one of each kind.
 */
import { parseReviewPeriod, previousReviewPeriod, type ReviewPeriod } from '../periods.js';
import { VIETNAM_OFFSET_MS } from '../time.js';
import { ReportPeriodKind } from './period-report.entity.js';

export interface ReportPeriod {
  key: string;
  kind: ReportPeriodKind;
  from: Date;
  to: Date;
  /** The review period (quarter or longer): survey low marks exist only for those. */
  review: ReviewPeriod | null;
}

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1) - VIETNAM_OFFSET_MS);

/** The latest period of each kind that ended at or before `now`. */
export function completedPeriods(now: Date): ReportPeriod[] {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const lastMonth = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  const periods: ReportPeriod[] = [
    {
      key: `${lastMonth.y}-${String(lastMonth.m).padStart(2, '0')}`,
      kind: ReportPeriodKind.MONTH,
      from: monthStart(lastMonth.y, lastMonth.m),
      to: monthStart(year, month),
      review: null,
    },
  ];
  const quarter = Math.floor((month - 1) / 3) + 1;
  const half = month <= 6 ? 1 : 2;
  for (const [kind, current] of [
    [ReportPeriodKind.QUARTER, parseReviewPeriod(`${year}-Q${quarter}`)],
    [ReportPeriodKind.HALF_YEAR, parseReviewPeriod(`${year}-H${half}`)],
    [ReportPeriodKind.YEAR, parseReviewPeriod(String(year))],
  ] as const) {
    const done = previousReviewPeriod(current);
    periods.push({ key: done.key, kind, from: done.from, to: done.to, review: done });
  }
  return periods;
}

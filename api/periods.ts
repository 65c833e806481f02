/**
 * Reporting periods for reviews (quarter, half-year, year) in Hải Phòng time: parsed from their
 * key (`2026-Q2`, `2026-H1`, `2026`) into a half-open instant range, with the period before.
 * Surveys and the CDCI are reviewed on these periods, never on arbitrary ranges.
 */
import { badInput } from './errors.js';
import { VIETNAM_OFFSET_MS } from './time.js';

export type ReviewPeriodKind = 'QUARTER' | 'HALF_YEAR' | 'YEAR';

export interface ReviewPeriod {
  key: string;
  kind: ReviewPeriodKind;
  year: number;
  /** Quarter 1–4, half 1–2, or 0 for a year. */
  index: number;
  /** First instant (00:00 Hải Phòng time on the first day). */
  from: Date;
  /** First instant after the period. */
  to: Date;
}

const KEY = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/;

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1) - VIETNAM_OFFSET_MS);

function build(kind: ReviewPeriodKind, year: number, index: number): ReviewPeriod {
  const months = kind === 'QUARTER' ? 3 : kind === 'HALF_YEAR' ? 6 : 12;
  const first = kind === 'YEAR' ? 1 : (index - 1) * months + 1;
  const key = kind === 'YEAR' ? String(year) : `${year}-${kind === 'QUARTER' ? 'Q' : 'H'}${index}`;
  return { key, kind, year, index, from: monthStart(year, first), to: monthStart(year, first + months) };
}

/** Parses a period key; throws BAD_USER_INPUT for anything else. */
export function parseReviewPeriod(key: string): ReviewPeriod {
  const m = KEY.exec(key.trim());
  const year = m ? Number(m[1]) : NaN;
  if (!m || year < 2000 || year > 2100)
    throw badInput(
      `A period is a year ("2026"), a half-year ("2026-H1") or a quarter ("2026-Q2"), not ${JSON.stringify(key)}.`,
    );
  if (!m[2]) return build('YEAR', year, 0);
  return build(m[2][0] === 'Q' ? 'QUARTER' : 'HALF_YEAR', year, Number(m[2][1]));
}

/** The period of the same kind just before. */
export function previousReviewPeriod(p: ReviewPeriod): ReviewPeriod {
  if (p.kind === 'YEAR') return build('YEAR', p.year - 1, 0);
  const last = p.kind === 'QUARTER' ? 4 : 2;
  return p.index === 1 ? build(p.kind, p.year - 1, last) : build(p.kind, p.year, p.index - 1);
}

/** The quarter containing an instant (Hải Phòng calendar). */
export function quarterOf(at: Date): ReviewPeriod {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  return build('QUARTER', local.getUTCFullYear(), Math.floor(local.getUTCMonth() / 3) + 1);
}

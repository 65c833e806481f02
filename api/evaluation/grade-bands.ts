/**
 * Grade bands of the scorecards (Xuất sắc / Tốt / Đạt / Chưa đạt): CSAT thresholds an
 * administrator sets per review period, falling back to the default row (`period = '*'`) and then
 * to DEFAULT_BANDS. A card under the minimum n gets no grade: too few ratings to judge.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { parseReviewPeriod, quarterOf, type ReviewPeriod } from '../periods.js';

export enum Grade {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  PASS = 'PASS',
  FAIL = 'FAIL',
}
registerEnumType(Grade, {
  name: 'Grade',
  description: 'EXCELLENT (Xuất sắc), GOOD (Tốt), PASS (Đạt), FAIL (Chưa đạt).',
});

/** CSAT percentages from which each grade starts (PASS ≤ GOOD ≤ EXCELLENT). */
export interface Bands {
  excellent: number;
  good: number;
  pass: number;
}
export const DEFAULT_BANDS: Bands = { excellent: 95, good: 90, pass: 80 };
export const DEFAULT_PERIOD = '*';

@ObjectType({ description: 'The CSAT thresholds of the grades for a review period.' })
@Entity({ tableName: 'grade_bands' })
export class GradeBands {
  @Field(() => String, { description: 'A review period ("2026-Q2", "2026-H1", "2026") or "*" for every other.' })
  @PrimaryKey({ type: 'string', length: 8 })
  period!: string;

  @Field(() => Float, { description: 'CSAT % from which a card is EXCELLENT.' })
  @Property({ type: 'double' })
  excellent!: number;

  @Field(() => Float, { description: 'CSAT % from which a card is GOOD.' })
  @Property({ type: 'double' })
  good!: number;

  @Field(() => Float, { description: 'CSAT % from which a card PASSes; below it, FAIL.' })
  @Property({ type: 'double' })
  pass!: number;

  @Property({ type: 'string', length: 120 })
  updatedBy!: string;

  @Field(() => Date, { nullable: true, description: 'Null for the built-in default.' })
  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

/** The review period a scorecard range is exactly, if any. */
export function reviewPeriodOf(from: Date, to: Date): ReviewPeriod | null {
  const q = quarterOf(from);
  for (const key of [q.key, `${q.year}-H${q.index <= 2 ? 1 : 2}`, String(q.year)]) {
    const p = parseReviewPeriod(key);
    if (p.from.getTime() === from.getTime() && p.to.getTime() === to.getTime()) return p;
  }
  return null;
}

/** The bands in force for a period: its own, else the default row, else DEFAULT_BANDS. */
export async function bandsFor(em: EntityManager, period: string | null): Promise<Bands & { period: string }> {
  const rows = await em.find(GradeBands, { period: { $in: period ? [period, DEFAULT_PERIOD] : [DEFAULT_PERIOD] } });
  const row = rows.find((r) => r.period === period) ?? rows.find((r) => r.period === DEFAULT_PERIOD);
  return row
    ? { period: row.period, excellent: row.excellent, good: row.good, pass: row.pass }
    : { period: DEFAULT_PERIOD, ...DEFAULT_BANDS };
}

export function gradeOf(csat: number | null, bands: Bands): Grade | null {
  if (csat === null) return null;
  const pct = csat * 100;
  if (pct >= bands.excellent) return Grade.EXCELLENT;
  if (pct >= bands.good) return Grade.GOOD;
  if (pct >= bands.pass) return Grade.PASS;
  return Grade.FAIL;
}

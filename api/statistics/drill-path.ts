/**
 * A drill-down path as a filter: each step (a unit, stage, officer or enterprise id; a level; a
 * channel, phase or subject kind; or the first day of a day, week, month, quarter, half-year or
 * year) narrows the ratings, and the child dimension is any dimension or time grain not already
 * on the path. Pure: the resolver runs the result through the statistics service, which applies
 * the viewer's scope and the enterprise rule of auth/permissions.ts.
 */
import { Phase, SubjectKind } from '../assessments/assessment.enums.js';
import { Channel } from '../declarations/declaration.enums.js';
import { badInput } from '../errors.js';
import { VIETNAM_OFFSET_MS } from '../time.js';
import { GroupDimension, type DrillStep, type RatingFilterInput } from './statistics.types.js';

/** The usual path of a drill-down, followed when no child dimension is asked for. */
export const DRILL_ORDER = [
  GroupDimension.DEPARTMENT,
  GroupDimension.BRANCH,
  GroupDimension.TEAM,
  GroupDimension.STAGE,
  GroupDimension.OFFICER,
] as const;

const ID_FILTER: Partial<Record<GroupDimension, keyof RatingFilterInput>> = {
  [GroupDimension.DEPARTMENT]: 'departmentIds',
  [GroupDimension.BRANCH]: 'branchIds',
  [GroupDimension.TEAM]: 'teamIds',
  [GroupDimension.STAGE]: 'stageIds',
  [GroupDimension.OFFICER]: 'officerIds',
  [GroupDimension.ENTERPRISE]: 'enterpriseIds',
};

/** Months in each time grain (weeks and days are counted in days). */
const GRAIN_MONTHS: Partial<Record<GroupDimension, number>> = {
  [GroupDimension.MONTH]: 1,
  [GroupDimension.QUARTER]: 3,
  [GroupDimension.HALF_YEAR]: 6,
  [GroupDimension.YEAR]: 12,
};
const GRAIN_DAYS: Partial<Record<GroupDimension, number>> = { [GroupDimension.DAY]: 1, [GroupDimension.WEEK]: 7 };

export const isTimeGrain = (d: GroupDimension): boolean => d in GRAIN_MONTHS || d in GRAIN_DAYS;

/** At most one step per dimension, and no more steps than there are dimensions to narrow by. */
export const MAX_PATH = 12;

/** [from, to) of the period of `grain` that starts on the Vietnamese date `day` (YYYY-MM-DD). */
export function grainBounds(grain: GroupDimension, day: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw badInput(`A ${grain} step is the first day of the period, YYYY-MM-DD.`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const startUtc = Date.UTC(y, mo, d);
  const start = new Date(startUtc);
  if (start.getUTCFullYear() !== y || start.getUTCMonth() !== mo || start.getUTCDate() !== d)
    throw badInput(`${day} is not a date.`);
  const months = GRAIN_MONTHS[grain];
  let endUtc: number;
  if (months !== undefined) {
    if (d !== 1 || mo % months !== 0) throw badInput(`${day} does not start a ${grain}.`);
    endUtc = Date.UTC(y, mo + months, 1);
  } else {
    if (grain === GroupDimension.WEEK && start.getUTCDay() !== 1) throw badInput(`${day} is not a Monday.`);
    endUtc = startUtc + GRAIN_DAYS[grain]! * 86_400_000;
  }
  return { from: new Date(startUtc - VIETNAM_OFFSET_MS), to: new Date(endUtc - VIETNAM_OFFSET_MS) };
}

function enumValue<T extends string>(values: Record<string, T>, value: string, what: string): T {
  const found = Object.values(values).find((v) => v === value);
  if (!found) throw badInput(`${value} is not a ${what} (${Object.values(values).join(', ')}).`);
  return found;
}

/** The filter narrowed by every step of the path (time steps intersect the filter's period). */
export function narrowByPath(filter: RatingFilterInput, path: DrillStep[]): RatingFilterInput {
  const used = path.map((s) => s.dimension);
  if (new Set(used).size !== used.length || path.length > MAX_PATH)
    throw badInput('A drill-down path names each dimension once.');
  const narrowed: RatingFilterInput = { ...filter };
  for (const step of path) {
    const idKey = ID_FILTER[step.dimension];
    if (idKey) {
      if (!/^[1-9]\d{0,9}$/.test(step.id)) throw badInput(`A ${step.dimension} step needs an id.`);
      (narrowed[idKey] as string[] | undefined) = [step.id];
      continue;
    }
    switch (step.dimension) {
      case GroupDimension.LEVEL: {
        const level = Number(step.id);
        if (!Number.isInteger(level) || level < 1 || level > 5) throw badInput('A level step is 1 to 5.');
        narrowed.levels = [level];
        break;
      }
      case GroupDimension.CHANNEL:
        narrowed.channels = [enumValue(Channel, step.id, 'channel')];
        break;
      case GroupDimension.PHASE:
        narrowed.phases = [enumValue(Phase, step.id, 'phase')];
        break;
      case GroupDimension.SUBJECT_KIND:
        narrowed.subjectKinds = [enumValue(SubjectKind, step.id, 'subject kind')];
        break;
      default: {
        const { from, to } = grainBounds(step.dimension, step.id);
        narrowed.from = narrowed.from && narrowed.from > from ? narrowed.from : from;
        narrowed.to = narrowed.to && narrowed.to < to ? narrowed.to : to;
        if (narrowed.from >= narrowed.to) throw badInput(`${step.id} lies outside the period asked for.`);
      }
    }
  }
  return narrowed;
}

/** The child dimension: the one asked for (any not on the path), else the next of the usual order. */
export function childOf(path: DrillStep[], asked: GroupDimension | undefined): GroupDimension | null {
  const used = path.map((s) => s.dimension);
  if (asked !== undefined) {
    if (used.includes(asked)) throw badInput('childDimension must not be already on the path.');
    return asked;
  }
  const deepest = Math.max(-1, ...used.map((u) => DRILL_ORDER.indexOf(u as (typeof DRILL_ORDER)[number])));
  return DRILL_ORDER.find((d, i) => i > deepest && !used.includes(d)) ?? null;
}

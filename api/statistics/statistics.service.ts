/**
 * Rating statistics for a viewer: the request is narrowed to the viewer's scope, counted in
 * ClickHouse, and turned into satisfaction figures.
 */
import type { AnalyticsStore } from '../../analytics/clickhouse.js';
import {
  countForms,
  countReasons,
  ratingPeriods,
  ratingStatistics,
  type ReasonCountRow,
  StatisticsRequestError,
  validateGroupings,
  type RatingFilter,
} from '../../analytics/queries/ratingStatistics.js';
import { distinctiveTerms } from '../../analytics/queries/distinctiveTerms.js';
import { ownComments } from '../../analytics/queries/ownComments.js';
import { searchComments } from '../../analytics/queries/searchComments.js';
import { satisfaction, shrunkMean, total, type LevelCounts } from '../../analytics/stats/satisfaction.js';
import { SubjectKind } from '../assessments/assessment.enums.js';
import type { StatisticsScope } from '../auth/permissions.js';
import { badInput, forbidden } from '../errors.js';
import { narrowToScope, parseIds } from '../graphql/ids.js';
import { GroupDimension, type RatingFilterInput } from './statistics.types.js';
import { aboutSelf, checkSelfQuestion, withoutSmallGroups, type Privacy } from './small-groups.js';

export const SHRINKAGE_WEIGHT = 20;

export interface GroupFigures {
  keys: { dimension: GroupDimension; value: string }[];
  count: number;
  levelCounts: number[];
  mean: number | null;
  csat: number | null;
  csatLow: number | null;
  csatHigh: number | null;
  dissatisfied: number | null;
  shrunkMean: number | null;
  belowMinimum: boolean;
}

const EMPTY: LevelCounts = [0, 0, 0, 0, 0];

export class StatisticsService {
  /** `privacy` may be null only where no viewer reads figures about itself (e.g. the CDCI's branch figures). */
  constructor(
    private readonly store: AnalyticsStore,
    private readonly privacy: Privacy | null,
  ) {}

  /** Distinct forms among the filtered ratings. */
  async formCount(scope: StatisticsScope, input: RatingFilterInput): Promise<number> {
    const filter = scoped(toFilter(input), scope);
    if (filter === null) return 0;
    const forms = await countForms(this.store, filter);
    const privacy = this.selfPrivacy(scope, filter, [], input);
    return privacy && forms < privacy.minGroup ? 0 : forms;
  }

  /** Ratings whose comment holds every word of `search` (accents and case ignored), newest first. */
  async comments(scope: StatisticsScope, input: RatingFilterInput, search: string, first: number) {
    guardEnterprises(scope, input, []);
    const filter = scoped(toFilter(input), scope);
    if (filter === null) return { total: 0, rows: [] };
    const privacy = this.selfPrivacy(scope, filter, [], input);
    const found = await searchComments(this.store, filter, search, first);
    // Comments about oneself only out of at least k matching ratings, so no one comment is singled out by its search.
    return privacy && found.total < privacy.minGroup ? { total: 0, rows: [] } : found;
  }

  /**
   * The comments about the viewer itself (an officer, or a supervisor who is one): text and level
   * only, and only out of at least k ratings and k comments, over a window of at least the minimum.
   */
  async ownComments(scope: StatisticsScope, input: Pick<RatingFilterInput, 'from' | 'to'>, first: number) {
    const none = { total: 0, rows: [], belowMinimum: true };
    if (scope.selfOfficerId === null || !this.privacy) return none;
    const mine: RatingFilterInput = {
      from: input.from,
      to: input.to,
      officerIds: [String(scope.selfOfficerId)],
      subjectKinds: [SubjectKind.OFFICER],
    };
    const filter = scoped(toFilter(mine), { ...scope, enterprises: false });
    if (filter === null) return none;
    const privacy = this.selfPrivacy(scope, filter, [], mine);
    if (!privacy) return none;
    const [{ overall }, found] = await Promise.all([
      ratingStatistics(this.store, filter, []),
      ownComments(this.store, filter, first),
    ]);
    if (total(overall) < privacy.minGroup || found.total < privacy.minGroup) return none;
    return { ...found, belowMinimum: false };
  }

  /** The comment terms that distinguish `unit`'s ratings from the rest of `parent`'s (unit ⊂ parent). */
  async terms(scope: StatisticsScope, parent: RatingFilterInput, unit: RatingFilterInput, first: number) {
    guardEnterprises(scope, parent, []);
    const p = scoped(toFilter(parent), scope);
    const u = scoped(toFilter(unit), scope);
    const none = { ratings: 0, restRatings: 0, terms: [] };
    if (p === null || u === null) return none;
    const privacy = this.selfPrivacy(scope, u, [], unit);
    const found = await distinctiveTerms(this.store, p, u, first);
    return privacy && found.ratings < privacy.minGroup ? none : found;
  }

  /** A period's and the previous period's overall figures and the period's forms, in one statement. */
  async periods(
    scope: StatisticsScope,
    input: RatingFilterInput,
    previous: { from: Date; to: Date },
    from: Date,
    to: Date,
  ) {
    guardEnterprises(scope, input, []);
    const filter = scoped(toFilter({ ...input, from: undefined, to: undefined }), scope);
    if (filter === null)
      return { current: figures([], EMPTY, null, 0), previous: figures([], EMPTY, null, 0), forms: 0 };
    const privacy = this.selfPrivacy(scope, filter, [], { ...input, from, to });
    const found = await ratingPeriods(this.store, filter, previous.from, previous.to, from, to);
    // About oneself, a period under k ratings is blanked (its forms too), like any other figure.
    const small = (levels: typeof EMPTY) => privacy !== null && total(levels) < privacy.minGroup;
    return {
      current: small(found.current) ? blank(0) : figures([], found.current, satisfaction(found.current).mean, 0),
      previous: small(found.previous) ? blank(0) : figures([], found.previous, satisfaction(found.previous).mean, 0),
      forms: small(found.current) ? 0 : found.forms,
    };
  }

  /** How often each reason was given, most frequent first. */
  async reasons(scope: StatisticsScope, input: RatingFilterInput): Promise<ReasonCountRow[]> {
    guardEnterprises(scope, input, []);
    const filter = scoped(toFilter(input), scope);
    if (filter === null) return [];
    const privacy = this.selfPrivacy(scope, filter, [], input);
    if (privacy) {
      // Reasons about oneself only out of a selection of at least k forms.
      const { overall } = await ratingStatistics(this.store, filter, []);
      if (total(overall) < privacy.minGroup) return [];
    }
    return countReasons(this.store, filter);
  }

  /** The privacy settings when the question is about the viewer itself (and refuses too fine a one); else null. */
  private selfPrivacy(
    scope: StatisticsScope,
    filter: RatingFilter,
    groupBy: GroupDimension[],
    input: RatingFilterInput,
  ): Privacy | null {
    if (!aboutSelf(scope.selfOfficerId, filter.officerIds)) return null;
    if (!this.privacy) throw new Error('Figures about oneself need the privacy settings.');
    checkSelfQuestion(
      this.privacy,
      { groupBy, from: input.from, to: input.to, phases: input.phases, channels: input.channels },
      new Date(),
    );
    return this.privacy;
  }

  /** `ratings` narrows to or leaves out given ratings (anomaly exclusions), beside the client's filter. */
  async statistics(
    scope: StatisticsScope,
    input: RatingFilterInput,
    groupBy: GroupDimension[],
    minCount: number,
    ratings: Pick<RatingFilter, 'itemIds' | 'excludeItemIds'> = {},
  ) {
    let groupings;
    try {
      groupings = validateGroupings(groupBy);
    } catch (error) {
      if (error instanceof StatisticsRequestError) throw badInput(error.message);
      throw error;
    }
    guardEnterprises(scope, input, groupBy);
    const filter = scoped({ ...toFilter(input), ...ratings }, scope);
    if (filter === null) return { overall: figures([], EMPTY, null, minCount), groups: [] };
    const privacy = this.selfPrivacy(scope, filter, groupBy, input);
    if (privacy) minCount = Math.max(minCount, privacy.minGroup);

    const answer = await ratingStatistics(this.store, filter, groupings).catch((error: unknown) => {
      if (error instanceof StatisticsRequestError) throw badInput(error.message);
      throw error;
    });
    const overallLevels = answer.overall;
    const rows = answer.groups;
    const prior = satisfaction(overallLevels).mean;
    const groups = rows.map((r) =>
      figures(
        r.keys.map((k, i) => ({ dimension: groupBy[i], value: String(k) })),
        r.levels,
        prior,
        minCount,
      ),
    );
    if (privacy) {
      if (total(overallLevels) < privacy.minGroup) return { overall: blank(minCount), groups: [] };
      return { overall: figures([], overallLevels, prior, minCount), groups: withoutSmallGroups(privacy, groups) };
    }
    return { overall: figures([], overallLevels, prior, minCount), groups: this.withoutSmallSelf(scope, groups) };
  }

  /** A supervisor who is also a rated officer, grouping by officer: its own row obeys the minimum too. */
  private withoutSmallSelf(scope: StatisticsScope, groups: GroupFigures[]): GroupFigures[] {
    const self = scope.selfOfficerId;
    if (self === null || !this.privacy) return groups;
    const min = this.privacy.minGroup;
    return groups.filter(
      (g) => g.count >= min || !g.keys.some((k) => k.dimension === GroupDimension.OFFICER && k.value === String(self)),
    );
  }
}

/** Ratings by enterprise show who rated: only inspection staff may filter or group by enterprise. */
function guardEnterprises(scope: StatisticsScope, input: RatingFilterInput, groupBy: GroupDimension[]): void {
  if (
    !scope.enterprises &&
    (groupBy.includes('enterprise' as GroupDimension) || (input.enterpriseIds?.length ?? 0) > 0)
  ) {
    throw forbidden('Ratings by enterprise show who rated: only inspection staff may ask for them.');
  }
}

function figures(
  keys: GroupFigures['keys'],
  levels: LevelCounts,
  prior: number | null,
  minCount: number,
): GroupFigures {
  const s = satisfaction(levels);
  return {
    keys,
    count: total(levels),
    levelCounts: [...levels],
    mean: s.mean,
    csat: s.csat,
    csatLow: s.csatLow,
    csatHigh: s.csatHigh,
    dissatisfied: s.dissatisfied,
    shrunkMean: prior === null ? s.mean : shrunkMean(levels, prior, SHRINKAGE_WEIGHT),
    belowMinimum: total(levels) < minCount,
  };
}

/** The overall figure of a selection too small to show. */
function blank(minCount: number): GroupFigures {
  return { ...figures([], EMPTY, null, minCount), belowMinimum: true };
}

function toFilter(input: RatingFilterInput): RatingFilter {
  if (input.from && input.to && input.from >= input.to) throw badInput('`from` must be before `to`.');
  return {
    departmentIds: parseIds(input.departmentIds, 'departmentIds'),
    branchIds: parseIds(input.branchIds, 'branchIds'),
    teamIds: parseIds(input.teamIds, 'teamIds'),
    stageIds: parseIds(input.stageIds, 'stageIds'),
    officerIds: parseIds(input.officerIds, 'officerIds'),
    enterpriseIds: parseIds(input.enterpriseIds, 'enterpriseIds'),
    levels: input.levels,
    channels: input.channels,
    phases: input.phases,
    subjectKinds: input.subjectKinds,
    from: input.from,
    to: input.to,
  };
}

/** The filter narrowed to the viewer's scope; null when nothing can be left. */
function scoped(filter: RatingFilter, scope: StatisticsScope): RatingFilter | null {
  const officerIds = narrowToScope(filter.officerIds, scope.officerId);
  const branchIds = narrowToScope(filter.branchIds, scope.branchId);
  const departmentIds = narrowToScope(filter.departmentIds, scope.departmentId);
  if (officerIds === null || branchIds === null || departmentIds === null) return null;
  return { ...filter, officerIds, branchIds, departmentIds };
}

/**
 * Ranks groups by the shrunk mean (so that a unit with three 5★ ratings does not top a unit
 * with three hundred 4.9★ ones); groups below the minimum count come last, unranked.
 */
export function rankGroups(groups: GroupFigures[], order: 'BEST' | 'WORST'): GroupFigures[] {
  const sign = order === 'BEST' ? -1 : 1;
  return [...groups].sort(
    (a, b) =>
      Number(a.belowMinimum) - Number(b.belowMinimum) ||
      sign * ((a.shrunkMean ?? 0) - (b.shrunkMean ?? 0)) ||
      b.count - a.count,
  );
}

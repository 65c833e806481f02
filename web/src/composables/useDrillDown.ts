/**
 * State and data of the drill-down explorer, all kept in the URL query so a link reproduces the
 * view and Back steps up: `path=BRANCH:3,TEAM:12`, `child=STAGE` (next level), `levels=1,2`,
 * `channel`, `phase`, `enterprise` (inspection staff only), `sort=count:desc`, and the period.
 * A step or the next level may be any dimension the API drills by (`LEVEL:2`, `CHANNEL:RED`,
 * `MONTH:2026-04-01`, `ENTERPRISE:7` for inspection staff); the node's trend is the same
 * drill-down asked by a time grain, so the API alone narrows by the path.
 */
import { RatingDrillDownDocument } from '../graphql/generated';
import { computed } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';
import { parseSort, sortToken, type SortState } from '../analytics/groupTable';
import { trendGrain } from '../analytics/period';
import type { Channel, DrillDimension, ExploreDimension, Phase, RatingFilter } from '../graphql/types';
import { usePeriodRoute } from './usePeriodRoute';
import { useQuery } from './useQuery';

export const DRILL_DIMENSIONS: readonly DrillDimension[] = ['DEPARTMENT', 'BRANCH', 'TEAM', 'STAGE', 'OFFICER'];
const CHANNELS: readonly Channel[] = ['GREEN', 'YELLOW', 'RED'];
const PHASES: readonly Phase[] = ['DURING', 'AFTER'];
export const DRILL_MIN_COUNT = 10;
/** What a step of each dimension holds. */
const STEP_VALUE: Record<ExploreDimension, RegExp> = {
  DEPARTMENT: /^\d+$/,
  BRANCH: /^\d+$/,
  TEAM: /^\d+$/,
  STAGE: /^\d+$/,
  OFFICER: /^\d+$/,
  ENTERPRISE: /^\d+$/,
  LEVEL: /^[1-5]$/,
  CHANNEL: /^(GREEN|YELLOW|RED)$/,
  PHASE: /^(DURING|AFTER)$/,
  SUBJECT_KIND: /^(BRANCH|TEAM|STAGE|OFFICER)$/,
  DAY: /^\d{4}-\d{2}-\d{2}$/,
  WEEK: /^\d{4}-\d{2}-\d{2}$/,
  MONTH: /^\d{4}-\d{2}-01$/,
  QUARTER: /^\d{4}-(01|04|07|10)-01$/,
};
/** Every next level the explorer offers, units first; ENTERPRISE only to inspection staff. */
export const EXPLORE_DIMENSIONS = Object.keys(STEP_VALUE) as ExploreDimension[];
export const TIME_DIMENSIONS: readonly ExploreDimension[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER'];

export interface DrillStep {
  dimension: ExploreDimension;
  id: string;
}

const isExplore = (v: string | undefined, enterprise: boolean): v is ExploreDimension =>
  (EXPLORE_DIMENSIONS as readonly string[]).includes(v ?? '') && (enterprise || v !== 'ENTERPRISE');
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function parsePath(value: unknown, enterprise = false): DrillStep[] {
  const steps: DrillStep[] = [];
  for (const part of (str(value) ?? '').split(',')) {
    const [dimension, id] = part.split(':');
    if (
      isExplore(dimension, enterprise) &&
      id &&
      STEP_VALUE[dimension].test(id) &&
      !steps.some((s) => s.dimension === dimension)
    )
      steps.push({ dimension, id });
  }
  return steps;
}
export const pathToken = (steps: DrillStep[]) => steps.map((s) => `${s.dimension}:${s.id}`).join(',');

export interface DrillFilters {
  levels: number[];
  channel: Channel | null;
  phase: Phase | null;
  enterprise: string | null;
}

export const DEFAULT_DRILL_SORT: SortState = { key: 'shrunkMean', dir: 'desc' };

export function useDrillDown(mayFilterEnterprise: () => boolean) {
  const route = useRoute();
  const router = useRouter();
  const { period, range } = usePeriodRoute();

  const path = computed(() => parsePath(route.query.path, mayFilterEnterprise()));
  const child = computed<ExploreDimension | null>(() => {
    const c = str(route.query.child);
    return isExplore(c, mayFilterEnterprise()) && !path.value.some((s) => s.dimension === c) ? c : null;
  });
  const filters = computed<DrillFilters>(() => {
    const levels = (str(route.query.levels) ?? '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n >= 1 && n <= 5);
    const channel = str(route.query.channel);
    const phase = str(route.query.phase);
    const enterprise = str(route.query.enterprise);
    return {
      levels: [...new Set(levels)].sort(),
      channel: CHANNELS.includes(channel as Channel) ? (channel as Channel) : null,
      phase: PHASES.includes(phase as Phase) ? (phase as Phase) : null,
      enterprise: mayFilterEnterprise() && enterprise && /^\d+$/.test(enterprise) ? enterprise : null,
    };
  });
  const sort = computed(() => parseSort(route.query.sort, DEFAULT_DRILL_SORT));
  // What the URL asks for that this viewer may not use (a link from inspection staff): refused
  // with a notice and no figures, never dropped silently.
  const refused = computed<ExploreDimension[]>(() => {
    if (mayFilterEnterprise()) return [];
    const q = route.query;
    const inPath = (str(q.path) ?? '').split(',').some((part) => part.startsWith('ENTERPRISE:'));
    return q.enterprise !== undefined || inPath || q.child === 'ENTERPRISE' ? ['ENTERPRISE'] : [];
  });

  const filter = computed<RatingFilter>(() => ({
    ...range.value,
    ...(filters.value.levels.length ? { levels: filters.value.levels } : {}),
    ...(filters.value.channel ? { channels: [filters.value.channel] } : {}),
    ...(filters.value.phase ? { phases: [filters.value.phase] } : {}),
    ...(filters.value.enterprise ? { enterpriseIds: [filters.value.enterprise] } : {}),
  }));

  const result = useQuery(
    RatingDrillDownDocument,
    () => ({
      path: path.value,
      childDimension: child.value,
      filter: filter.value,
      minCount: DRILL_MIN_COUNT,
    }),
    { enabled: () => refused.value.length === 0 },
  );
  // The node's trend over the period: the same filter, narrowed to the path as the API narrows it.
  // Asked once the drill step has its answer, so that it never delays the step itself.
  // A path through a month or a week is trended by day.
  const grain = computed(() => {
    const g = trendGrain(period.value);
    return path.value.some((s) => s.dimension === g) ? 'DAY' : g;
  });
  const trend = useQuery(
    RatingDrillDownDocument,
    () => ({ path: path.value, childDimension: grain.value, filter: filter.value, minCount: 1 }),
    { enabled: () => result.state.value === 'ready' && !path.value.some((s) => s.dimension === 'DAY') },
  );
  const trendGroups = computed(() => trend.data.value?.ratingDrillDown.children ?? []);

  function go(query: LocationQueryRaw): void {
    void router.push({ query: { ...route.query, ...query } });
  }

  return {
    period,
    path,
    child,
    filters,
    sort,
    refused,
    result,
    grain,
    trend,
    trendGroups,
    /** Open the same view without what was refused (the usable path, next level and filters kept). */
    dropRefused() {
      void router.replace({
        query: {
          ...route.query,
          enterprise: undefined,
          path: pathToken(path.value) || undefined,
          child: child.value ?? undefined,
        },
      });
    },
    /** Go one level down into a child. */
    descend(step: DrillStep) {
      go({ path: pathToken([...path.value, step]), child: undefined });
    },
    /** Go back up to a breadcrumb (`depth` steps kept). */
    ascend(depth: number) {
      go({ path: pathToken(path.value.slice(0, depth)) || undefined, child: undefined });
    },
    setChild(dimension: ExploreDimension | null) {
      go({ child: dimension ?? undefined });
    },
    setFilters(next: DrillFilters) {
      go({
        levels: next.levels.length ? next.levels.join(',') : undefined,
        channel: next.channel ?? undefined,
        phase: next.phase ?? undefined,
        enterprise: next.enterprise ?? undefined,
      });
    },
    setSort(next: SortState) {
      void router.replace({ query: { ...route.query, sort: sortToken(next) } });
    },
  };
}

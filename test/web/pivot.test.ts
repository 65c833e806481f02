import { describe, expect, it } from 'vitest';
import {
  buildPivot,
  DEFAULT_PIVOT_SORT,
  parsePivotSort,
  pivotExportTable,
  pivotSortToken,
  sortPivotRows,
} from '../../web/src/analytics/pivot';
import type { GroupDimension, RatingGroup } from '../../web/src/graphql/types';

const group = (keys: [GroupDimension, string][], count: number, csat: number | null): RatingGroup => ({
  keys: keys.map(([dimension, value]) => ({ dimension, value, label: `${dimension} ${value}` })),
  count,
  csat,
  mean: null,
  shrunkMean: null,
  dissatisfied: null,
  csatLow: null,
  csatHigh: null,
  levelCounts: [],
  belowMinimum: count < 10,
});
const label = (g: RatingGroup, i: number) => g.keys[i]?.label ?? '';

const cells = [
  group(
    [
      ['BRANCH', '2'],
      ['MONTH', '2026-05-01'],
    ],
    4,
    0.5,
  ),
  group(
    [
      ['BRANCH', '1'],
      ['MONTH', '2026-05-01'],
    ],
    12,
    0.75,
  ),
  group(
    [
      ['BRANCH', '1'],
      ['MONTH', '2026-04-01'],
    ],
    20,
    0.9,
  ),
];
const rowTotals = [group([['BRANCH', '1']], 32, 0.84), group([['BRANCH', '2']], 4, 0.5)];
const columnTotals = [group([['MONTH', '2026-04-01']], 20, 0.9), group([['MONTH', '2026-05-01']], 16, 0.69)];

describe('pivot', () => {
  it('takes each total from the API and orders time columns by date', () => {
    const p = buildPivot(cells, rowTotals, columnTotals, label, 'vi');
    expect(p.columns.map((c) => [c.id, c.total?.count])).toEqual([
      ['2026-04-01', 20],
      ['2026-05-01', 16],
    ]);
    expect(p.rows.map((r) => [r.id, r.total?.count, r.cells.size])).toEqual([
      ['2', 4, 1],
      ['1', 32, 2],
    ]);
  });

  it('sorts by a column with missing cells last in both directions, by total, or by name', () => {
    const p = buildPivot(cells, rowTotals, columnTotals, label, 'vi');
    const april = { by: 'column', column: '2026-04-01' } as const;
    expect(sortPivotRows(p.rows, { ...april, dir: 'desc' }, 'count', 'vi').map((r) => r.id)).toEqual(['1', '2']);
    expect(sortPivotRows(p.rows, { ...april, dir: 'asc' }, 'count', 'vi').map((r) => r.id)).toEqual(['1', '2']);
    expect(sortPivotRows(p.rows, { by: 'total', dir: 'asc' }, 'csat', 'vi').map((r) => r.id)).toEqual(['2', '1']);
    expect(sortPivotRows(p.rows, { by: 'name', dir: 'desc' }, 'csat', 'vi').map((r) => r.id)).toEqual(['2', '1']);
  });

  it('reads and writes its sort token, and falls back on anything else', () => {
    for (const token of ['name:asc', 'total:desc', 'col:2026-04-01:asc'])
      expect(pivotSortToken(parsePivotSort(token))).toBe(token);
    for (const bad of ['col::asc', 'count:desc', 'total:sideways', 42, undefined])
      expect(parsePivotSort(bad)).toEqual(DEFAULT_PIVOT_SORT);
  });

  it('exports every row with each cell’s n beside a share, percentages to one decimal', () => {
    const p = buildPivot(cells, rowTotals, columnTotals, label, 'vi');
    const table = pivotExportTable('t', p, 'csat', { corner: 'Chi cục', total: 'Tổng', n: 'n' });
    expect(table.headers).toEqual([
      'Chi cục',
      'MONTH 2026-04-01',
      'MONTH 2026-04-01 (n)',
      'MONTH 2026-05-01',
      'MONTH 2026-05-01 (n)',
      'Tổng',
      'Tổng (n)',
    ]);
    expect(table.rows).toEqual([
      ['BRANCH 2', null, 0, 50, 4, 50, 4],
      ['BRANCH 1', 90, 20, 75, 12, 84, 32],
    ]);
    expect(pivotExportTable('t', p, 'count', { corner: 'c', total: 'T', n: 'n' }).rows[0]).toEqual([
      'BRANCH 2',
      0,
      4,
      4,
    ]);
  });
});

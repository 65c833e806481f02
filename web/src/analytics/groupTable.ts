/**
 * Rows of a statistics table (one per unit, stage, officer or period): sorting by any column
 * and the export form, where shares are percentages rounded to one decimal and means to two,
 * as the page shows them.
 */
import type { Cell, ExportTable } from '../export/table';
import type { RatingGroup } from '../graphql/types';

export interface GroupRow {
  id: string;
  name: string;
  group: RatingGroup;
}

export const SORT_KEYS = ['name', 'count', 'csat', 'mean', 'dissatisfied', 'shrunkMean'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface SortState {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export function parseSort(value: unknown, fallback: SortState): SortState {
  if (typeof value !== 'string') return fallback;
  const [key, dir] = value.split(':');
  return (SORT_KEYS as readonly string[]).includes(key ?? '') && (dir === 'asc' || dir === 'desc')
    ? { key: key as SortKey, dir }
    : fallback;
}

export const sortToken = (s: SortState) => `${s.key}:${s.dir}`;

export function sortRows(rows: GroupRow[], sort: SortState, locale: string): GroupRow[] {
  const factor = sort.dir === 'asc' ? 1 : -1;
  const value = (r: GroupRow) => (sort.key === 'name' ? r.name : r.group[sort.key]);
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    // Missing figures last in either direction.
    if (va === null || va === undefined) return vb === null || vb === undefined ? 0 : 1;
    if (vb === null || vb === undefined) return -1;
    if (typeof va === 'string' && typeof vb === 'string') return factor * va.localeCompare(vb, locale);
    return factor * ((va as number) - (vb as number));
  });
}

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Number(value.toFixed(digits));

export interface GroupHeaders {
  name: string;
  count: string;
  csat: string;
  mean: string;
  dissatisfied: string;
  shrunkMean: string;
  belowMinimum: string;
  yes: string;
  no: string;
}

export function groupExportTable(title: string, rows: GroupRow[], h: GroupHeaders): ExportTable {
  return {
    title,
    headers: [h.name, h.count, `${h.csat} (%)`, h.mean, `${h.dissatisfied} (%)`, h.shrunkMean, h.belowMinimum],
    rows: rows.map((r): Cell[] => [
      r.name,
      r.group.count,
      round(r.group.csat === null ? null : r.group.csat * 100, 1),
      round(r.group.mean, 2),
      round(r.group.dissatisfied === null ? null : r.group.dissatisfied * 100, 1),
      round(r.group.shrunkMean, 2),
      r.group.belowMinimum ? h.yes : h.no,
    ]),
  };
}

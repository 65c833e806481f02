/**
 * A pivot of the ratings: any two dimensions as rows × columns of one measure, with each row's
 * and each column's own figures (asked of the API, never summed here: CSAT, means and shrunk
 * scores do not add up). Rows sort by their name, their total or one column; columns keep their
 * natural order (time and levels ascending, names alphabetically).
 */
import type { Cell, ExportTable } from '../export/table';
import type { RatingGroup } from '../graphql/types';

export const PIVOT_MEASURES = ['count', 'csat', 'mean', 'shrunkMean', 'dissatisfied'] as const;
export type PivotMeasure = (typeof PIVOT_MEASURES)[number];

export interface PivotLine {
  id: string;
  name: string;
  /** The line's own figures over every column (or row). */
  total: RatingGroup | null;
}
export interface PivotRow extends PivotLine {
  cells: Map<string, RatingGroup>;
}
export interface Pivot {
  rows: PivotRow[];
  columns: PivotLine[];
}

/** `name:asc`, `total:desc`, or `col:<column id>:desc`. */
export interface PivotSort {
  by: 'name' | 'total' | 'column';
  column?: string;
  dir: 'asc' | 'desc';
}
export const DEFAULT_PIVOT_SORT: PivotSort = { by: 'total', dir: 'desc' };

export function parsePivotSort(value: unknown): PivotSort {
  if (typeof value !== 'string') return DEFAULT_PIVOT_SORT;
  const parts = value.split(':');
  const dir = parts.at(-1);
  if (dir !== 'asc' && dir !== 'desc') return DEFAULT_PIVOT_SORT;
  if (parts.length === 2 && (parts[0] === 'name' || parts[0] === 'total')) return { by: parts[0], dir };
  if (parts.length === 3 && parts[0] === 'col' && parts[1]) return { by: 'column', column: parts[1], dir };
  return DEFAULT_PIVOT_SORT;
}
export const pivotSortToken = (s: PivotSort) => (s.by === 'column' ? `col:${s.column}:${s.dir}` : `${s.by}:${s.dir}`);

type Label = (group: RatingGroup, index: number) => string;
const NATURAL = new Set(['LEVEL', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR']);

/**
 * Builds the pivot from the API's groups by (row, column), by row and by column. A row or a column
 * appears when it has ratings in the period.
 */
export function buildPivot(
  cells: RatingGroup[],
  rowTotals: RatingGroup[],
  columnTotals: RatingGroup[],
  label: Label,
  locale: string,
): Pivot {
  const rowTotal = new Map(rowTotals.map((g) => [g.keys[0]?.value ?? '', g]));
  const columnTotal = new Map(columnTotals.map((g) => [g.keys[0]?.value ?? '', g]));
  const rows = new Map<string, PivotRow>();
  const columns = new Map<string, PivotLine>();
  for (const g of cells) {
    const r = g.keys[0]?.value ?? '';
    const c = g.keys[1]?.value ?? '';
    let row = rows.get(r);
    if (!row) rows.set(r, (row = { id: r, name: label(g, 0), total: rowTotal.get(r) ?? null, cells: new Map() }));
    row.cells.set(c, g);
    if (!columns.has(c)) columns.set(c, { id: c, name: label(g, 1), total: columnTotal.get(c) ?? null });
  }
  const dimension = cells[0]?.keys[1]?.dimension ?? '';
  const ordered = [...columns.values()].sort((a, b) =>
    NATURAL.has(dimension) ? a.id.localeCompare(b.id) : a.name.localeCompare(b.name, locale),
  );
  return { rows: [...rows.values()], columns: ordered };
}

const figure = (g: RatingGroup | null | undefined, m: PivotMeasure): number | null => (g ? (g[m] ?? null) : null);

export function sortPivotRows(rows: PivotRow[], sort: PivotSort, measure: PivotMeasure, locale: string): PivotRow[] {
  const factor = sort.dir === 'asc' ? 1 : -1;
  if (sort.by === 'name') return [...rows].sort((a, b) => factor * a.name.localeCompare(b.name, locale));
  const value = (r: PivotRow) => figure(sort.by === 'total' ? r.total : r.cells.get(sort.column ?? ''), measure);
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    // Missing figures last in either direction; then by name, so the order is stable.
    if (va === null) return vb === null ? a.name.localeCompare(b.name, locale) : 1;
    if (vb === null) return -1;
    return factor * (va - vb) || a.name.localeCompare(b.name, locale);
  });
}

const exportValue = (g: RatingGroup | null | undefined, m: PivotMeasure): number | null => {
  const v = figure(g, m);
  if (v === null) return null;
  return m === 'csat' || m === 'dissatisfied' ? Number((v * 100).toFixed(1)) : m === 'count' ? v : Number(v.toFixed(2));
};

/**
 * The export: every row (not only those on screen), the measure as the page shows it, and each
 * cell's count beside it when the measure is not the count, so a small cell is never read alone.
 */
export function pivotExportTable(
  title: string,
  pivot: { rows: PivotRow[]; columns: PivotLine[] },
  measure: PivotMeasure,
  h: { corner: string; total: string; n: string },
): ExportTable {
  const withN = measure !== 'count';
  const head = (name: string) => (withN ? [name, `${name} (${h.n})`] : [name]);
  const cell = (g: RatingGroup | null | undefined): Cell[] =>
    withN ? [exportValue(g, measure), g?.count ?? 0] : [exportValue(g, measure) ?? 0];
  return {
    title,
    headers: [h.corner, ...pivot.columns.flatMap((c) => head(c.name)), ...head(h.total)],
    rows: pivot.rows.map((r): Cell[] => [
      r.name,
      ...pivot.columns.flatMap((c) => cell(r.cells.get(c.id))),
      ...cell(r.total),
    ]),
  };
}

/** Types and sizing shared by the bar chart wrapper and the pages that reserve its space. */
export interface BarSeries {
  name: string;
  data: number[];
}

/** Height (px) that fits `bars` bars: grows with the count for horizontal charts, fixed otherwise. */
export function barChartHeight(bars: number, horizontal: boolean): number {
  return horizontal ? Math.max(200, Math.min(bars * 30 + 70, 900)) : 320;
}

export interface LineSeries {
  name: string;
  /** null leaves a gap (no ratings in that period). */
  data: (number | null)[];
}

export interface HeatmapRow {
  name: string;
  /** One share (0–1) per column; null without ratings. */
  data: (number | null)[];
  /** Ratings behind each cell: below the chart's minimum a cell is greyed and shows its n. */
  counts?: number[];
}

/** Height (px) for `rows` heatmap rows. */
export function heatmapHeight(rows: number): number {
  return Math.max(200, Math.min(rows * 34 + 90, 900));
}

/** How a chart prints its values: counts, shares 0–1 as percentages, or means. */
export type ValueFormat = 'number' | 'percent' | 'decimal';

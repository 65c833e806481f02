/** Types and sizing shared by the bar chart wrapper and the pages that reserve its space. */
export interface BarSeries {
  name: string;
  data: number[];
}

/** Height (px) that fits `bars` bars: grows with the count for horizontal charts, fixed otherwise. */
export function barChartHeight(bars: number, horizontal: boolean): number {
  return horizontal ? Math.max(200, Math.min(bars * 30 + 70, 900)) : 320;
}

/**
 * Chart entry points for pages. Charts load lazily (ApexCharts is by far the largest
 * dependency), so pages reserve the chart's height with `barChartHeight` / `heatmapHeight` to
 * avoid a layout jump.
 */
import { defineAsyncComponent } from 'vue';

export { barChartHeight, heatmapHeight, type BarSeries, type HeatmapRow, type LineSeries, type ValueFormat } from './barChart';

export const BarChart = defineAsyncComponent(() => import('./BarChart.vue'));
export const LineChart = defineAsyncComponent(() => import('./LineChart.vue'));
export const HeatmapChart = defineAsyncComponent(() => import('./HeatmapChart.vue'));

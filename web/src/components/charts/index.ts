/**
 * Chart entry points for pages. Charts load lazily (ApexCharts is by far the largest
 * dependency), so pages reserve the chart's height with `barChartHeight` to avoid a layout jump.
 */
import { defineAsyncComponent } from 'vue';

export { barChartHeight, type BarSeries } from './barChart';

export const BarChart = defineAsyncComponent(() => import('./BarChart.vue'));

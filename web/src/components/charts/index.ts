/**
 * Chart entry points for pages. Charts load lazily (ApexCharts is by far the largest
 * dependency), so pages reserve the chart's height with `barChartHeight` / `heatmapHeight` to
 * avoid a layout jump.
 */
import { defineAsyncComponent } from 'vue';
import { apexModules } from './apexModules';

export {
  barChartHeight,
  heatmapHeight,
  type BarSeries,
  type HeatmapRow,
  type LineSeries,
  type ValueFormat,
} from './barChart';

const loaders = {
  bar: () => import('./BarChart.vue'),
  line: () => import('./LineChart.vue'),
  heatmap: () => import('./HeatmapChart.vue'),
};

export const BarChart = defineAsyncComponent(loaders.bar);
export const LineChart = defineAsyncComponent(loaders.line);
export const HeatmapChart = defineAsyncComponent(loaders.heatmap);

/**
 * Starts loading the charts a page will draw while its data is on the way: a chart is mounted
 * only once its data has arrived, so without this the code would load after the data, not with it.
 */
export function preloadCharts(...kinds: (keyof typeof loaders)[]): void {
  for (const kind of kinds) {
    void loaders[kind]().catch(() => undefined);
    // Line and heatmap charts load their ApexCharts modules when mounted; bar charts import theirs.
    if (kind !== 'bar') void apexModules[kind]().catch(() => undefined);
  }
}

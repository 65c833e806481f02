/**
 * The ApexCharts modules each chart type needs (core plus its chart and feature modules), in one
 * place so that the chart components and `preloadCharts` ask for the same ones.
 */
const core = () => import('apexcharts/core').then((m) => m.default);

export const apexModules = {
  line: () =>
    Promise.all([core(), import('apexcharts/line'), import('apexcharts/features/legend')]).then(([apex]) => apex),
  heatmap: () => Promise.all([core(), import('apexcharts/heatmap')]).then(([apex]) => apex),
  /** The legend, for bar charts with several series. */
  legend: () => import('apexcharts/features/legend').then(() => undefined),
};

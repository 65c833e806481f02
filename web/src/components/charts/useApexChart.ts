/**
 * The life of one ApexCharts instance for a chart wrapper: render on mount (after the optional
 * feature modules are loaded), mirror reactive option changes, destroy on unmount. Render and
 * updates are serialised so an update never reaches a chart that is still rendering.
 */
import type ApexChartsType from 'apexcharts/core';
import { onBeforeUnmount, onMounted, watch, type Ref, type WatchSource } from 'vue';

export const reducedMotion =
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/**
 * The drawn chart is aria-hidden (a hidden table carries its data), so nothing in it may take
 * focus: ApexCharts makes legend entries focusable, which would leave keyboard users on
 * elements screen readers are told do not exist.
 */
export function keepOutOfTabOrder(host: HTMLElement | null): void {
  host?.querySelectorAll('[tabindex], a[href], button, input').forEach((el) => el.setAttribute('tabindex', '-1'));
}

export function useApexChart(
  host: Ref<HTMLElement | null>,
  load: () => Promise<typeof ApexChartsType>,
  options: () => ApexCharts.ApexOptions,
  sources: WatchSource[],
  name: string,
): void {
  let chart: ApexChartsType | null = null;
  let disposed = false;
  let pending: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>) => {
    pending = pending.then(step).catch((cause: unknown) => console.error(`${name}:`, cause));
  };

  onMounted(() =>
    enqueue(async () => {
      const ApexCharts = await load();
      if (disposed || !host.value) return;
      chart = new ApexCharts(host.value, options());
      await chart.render();
      keepOutOfTabOrder(host.value);
    }),
  );
  watch(
    sources,
    () =>
      enqueue(async () => {
        if (disposed || !chart) return;
        await chart.updateOptions(options(), false, !reducedMotion);
        keepOutOfTabOrder(host.value);
      }),
    { deep: true },
  );
  onBeforeUnmount(() => {
    disposed = true;
    chart?.destroy();
    chart = null;
  });
}

/// <reference lib="dom" />
/**
 * `npm run bench -- console`: the console's budgets in a real browser on loopback: the overview
 * from a cold load (new browser context, nothing cached) until its KPI tiles and charts are
 * drawn, each drill-down step from the click until the next level is shown, and the gzip size
 * of the shipped JavaScript.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'vite';
import { expect, it } from 'vitest';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { openTestStores } from '../support/stores.js';
import { startTestServer } from '../support/server.js';
import { percentile, writeReport } from './harness.js';

const COLD_LOADS = 7;
const DRILLS = 3;
const LEVELS = ['DEPARTMENT', 'BRANCH', 'TEAM', 'STAGE', 'OFFICER'];

const median = (values: number[]) =>
  Math.round(
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    ),
  );

it.skipIf(!hasChromium)(
  'console: overview cold load, drill-down steps, shipped JavaScript',
  async () => {
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-bench-web-'));
    await build({ configFile: 'web/vite.config.ts', logLevel: 'error', build: { outDir: webDir, emptyOutDir: true } });
    const stores = await openTestStores();
    await stores.seed(0.25);
    await rebuildRatingFacts(stores.em(), stores.analytics);
    const server = await startTestServer(stores, webDir, () => new Date('2026-06-30T12:00:00+07:00'));
    const browser = await launchBrowser();
    try {
      const login = await server.gql(
        'mutation { login(login: "leader", password: "demo") { token expiresAt me { kind id role displayName login enterpriseId } } }',
      );
      const session = JSON.stringify(login.data!.login);

      const newPage = async () => {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        await context.addInitScript((value) => window.localStorage.setItem('customs-sqa.session', value), session);
        return { context, page: await context.newPage() };
      };

      const overview: number[] = [];
      // The scripts a cold overview actually loads (the exporters and unused charts stay lazy).
      const overviewScripts = new Set<string>();
      for (let i = 0; i < COLD_LOADS; i++) {
        const { context, page } = await newPage();
        page.on('request', (r) => {
          if (r.resourceType() === 'script') overviewScripts.add(path.basename(new URL(r.url()).pathname));
        });
        const started = Date.now();
        await page.goto(`${server.url}/overview?period=2026-Q2`);
        await page.waitForFunction(() => {
          const tiles = Array.from(document.querySelectorAll('[data-testid^="kpi-"][data-value]'));
          return (
            tiles.length >= 6 &&
            tiles.every((t) => t.getAttribute('data-value') !== '') &&
            document.querySelectorAll('.apexcharts-svg').length >= 4
          );
        });
        overview.push(Date.now() - started);
        await context.close();
      }

      const steps: number[] = [];
      // Each step split in two: click → the API's answer arrives, answer → the next level is shown.
      const stepServer: number[] = [];
      const stepClient: number[] = [];
      for (let run = 0; run < DRILLS; run++) {
        const { context, page } = await newPage();
        await page.goto(`${server.url}/explore?period=2026-Q2`);
        for (let depth = 0; depth < LEVELS.length - 1; depth++) {
          await page
            .locator(`[data-testid="explore-page"][data-state="ready"][data-child="${LEVELS[depth]}"]`)
            .waitFor();
          const bar = page.getByTestId('drill-chart').locator('.apexcharts-bar-series path').first();
          await bar.waitFor();
          const answered = page
            .waitForResponse(
              (r) =>
                r.url().endsWith('/graphql') &&
                (r.request().postData() ?? '').includes('"operationName":"RatingDrillDown"'),
            )
            .then(() => Date.now());
          // Wait until the bar is clickable (ApexCharts animates a chart's first drawing), so the
          // step measures the console, not Playwright waiting for the bar to stop moving.
          await bar.click({ trial: true });
          const started = Date.now();
          await bar.click();
          await page
            .locator(`[data-testid="explore-page"][data-state="ready"][data-child="${LEVELS[depth + 1]}"]`)
            .waitFor();
          await page.getByTestId('drill-child-row').first().waitFor();
          const shown = Date.now();
          steps.push(shown - started);
          stepServer.push((await answered) - started);
          stepClient.push(shown - (await answered));
        }
        await context.close();
      }

      const js = fs.readdirSync(path.join(webDir, 'assets')).filter((f) => f.endsWith('.js'));
      const gzip = (f: string) => zlib.gzipSync(fs.readFileSync(path.join(webDir, 'assets', f))).length;
      const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
      const eager = js.filter((f) => html.includes(f));
      const report = {
        when: new Date().toISOString(),
        overviewColdLoadMs: {
          median: median(overview),
          p95: Math.round(
            percentile(
              [...overview].sort((a, b) => a - b),
              95,
            ),
          ),
          budget: 1500,
          samples: overview,
        },
        drillStepMs: {
          median: median(steps),
          p95: Math.round(
            percentile(
              [...steps].sort((a, b) => a - b),
              95,
            ),
          ),
          budget: 300,
          untilAnsweredMedian: median(stepServer),
          answerToShownMedian: median(stepClient),
          samples: steps,
        },
        javascriptGzipKb: {
          loadedByIndexHtml: Math.round(eager.reduce((n, f) => n + gzip(f), 0) / 102.4) / 10,
          loadedByOverview:
            Math.round(js.filter((f) => overviewScripts.has(f)).reduce((n, f) => n + gzip(f), 0) / 102.4) / 10,
          largestLazy: js
            .map((f) => ({ file: f, kb: Math.round(gzip(f) / 102.4) / 10 }))
            .sort((a, b) => b.kb - a.kb)
            .slice(0, 3),
          allChunks: Math.round(js.reduce((n, f) => n + gzip(f), 0) / 102.4) / 10,
          budget: 350,
        },
      };
      writeReport('console', report);
      console.log(JSON.stringify(report, null, 2));
      expect(overview.length).toBe(COLD_LOADS);
    } finally {
      await browser.close();
      await server.close();
      await stores.close();
      fs.rmSync(webDir, { recursive: true, force: true });
    }
  },
  900_000,
);

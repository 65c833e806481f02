/**
 * Saved views in a real browser: a leader drills from an overview heatmap cell to an officer by
 * month, saves the view, and its link opens the same figures (checked against the API) for
 * another leader; a link without a period gains one; an inspector's enterprise filter opened by a
 * leader is refused with a notice, not dropped; the pivot shows branches × levels as the API
 * counts them, sorts by a column, exports every row, and opens the explorer from a cell.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Account } from '../../api/auth/account.entity.js';
import { hashPassword } from '../../api/auth/passwords.js';
import { Role } from '../../api/auth/roles.js';
import { ARTIFACTS, describeInBrowser } from '../support/browser.js';
import { signIn as openSignedIn, startConsole, type ConsoleEnv } from '../support/console.js';
import type { TestServer } from '../support/server.js';

const NOW = new Date('2026-06-30T12:00:00+07:00');
const Q2 = { from: '2026-04-01T00:00:00+07:00', to: '2026-07-01T00:00:00+07:00' };
const BY = `query($filter: RatingFilterInput!, $groupBy: [GroupDimension!]!) {
  ratingStatistics(filter: $filter, groupBy: $groupBy, minCount: 10) { overall { count } groups { keys { value } count } }
}`;
const DRILL = `query($path: [DrillStep!]!, $filter: RatingFilterInput!) {
  ratingDrillDown(path: $path, childDimension: MONTH, filter: $filter, minCount: 10) { children { keys { value } count csat } }
}`;

describeInBrowser('saved views in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let env: ConsoleEnv;
  const pageErrors: string[] = [];
  let savedLink = '';

  beforeAll(async () => {
    ({ server, browser } = env = await startConsole('views', {
      now: () => NOW,
      demoAccounts: true,
      ratingFacts: true,
    }));
    const em = env.stores.em();
    em.create(Account, {
      login: 'leader2',
      displayName: 'Lãnh đạo Cục 2',
      role: Role.LEADER,
      passwordHash: await hashPassword('demo'),
      createdAt: new Date(),
    } as never);
    await em.flush();
  });
  afterAll(async () => {
    await env?.close();
    expect(pageErrors).toEqual([]);
  });

  /** The explorer's child rows as the page shows them: id and count, in order. */
  const childRows = (page: Page) =>
    page
      .getByTestId('drill-child-row')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-id')}:${r.getAttribute('data-count')}`));
  const ready = (page: Page, child: string) =>
    page.locator(`[data-testid="explore-page"][data-state="ready"][data-child="${child}"]`).waitFor();
  const pathParam = (page: Page) => new URL(page.url()).searchParams.get('path') ?? '';

  it('drills from a heatmap cell to an officer by month, saves it, and another leader opens the same figures', async () => {
    const { page, context } = await openSignedIn(browser, server, 'leader', pageErrors);
    await page.waitForURL(/\/overview/);
    await page.goto(server.url + '/overview?period=2026-Q2');
    const cell = page.getByTestId('heatmap-panel').locator('.apexcharts-heatmap-rect').first();
    await cell.waitFor();
    await cell.click();
    await page.waitForURL(/\/explore/);
    expect(pathParam(page)).toMatch(/^BRANCH:\d+,STAGE:\d+$/);
    expect(new URL(page.url()).searchParams.get('period')).toBe('2026-Q2');
    await ready(page, 'OFFICER');
    await page.getByTestId('drill-child-row').first().getByTestId('row-open').click();
    await expect.poll(() => pathParam(page)).toMatch(/^BRANCH:\d+,STAGE:\d+,OFFICER:\d+$/);
    await page.getByTestId('drill-next').selectOption('MONTH');
    await ready(page, 'MONTH');
    await expect.poll(async () => (await childRows(page)).length).toBeGreaterThan(0);
    const figures = await childRows(page);

    // The same question asked of the API: the months of that officer at that stage of that branch.
    const steps = pathParam(page)
      .split(',')
      .map((s) => ({ dimension: s.split(':')[0], id: s.split(':')[1] }));
    const token = await server.login('leader');
    const api = await server.gql(DRILL, { path: steps, filter: Q2 }, token);
    expect(api.errors).toBeUndefined();
    const months = api.data!.ratingDrillDown.children as { keys: { value: string }[]; count: number }[];
    expect([...figures].sort()).toEqual(months.map((m) => `${m.keys[0].value}:${m.count}`).sort());

    await page.getByTestId('save-view-open').click();
    await page.getByTestId('save-view-name').fill('Công chức theo tháng');
    await page.getByTestId('save-view-submit').click();
    await page.getByTestId('save-view-done').waitFor();
    await page.getByTestId('save-view-list').click();
    const row = page.getByTestId('saved-view').filter({ hasText: 'Công chức theo tháng' });
    await row.waitFor();
    savedLink = await row.getByTestId('saved-view-link').inputValue();
    expect(new URL(savedLink).pathname).toBe('/explore');
    expect(new URL(savedLink).searchParams.get('child')).toBe('MONTH');
    await page.screenshot({ path: path.join(ARTIFACTS, 'saved-views-leader.png'), fullPage: true });
    await context.close();

    const other = await openSignedIn(browser, server, 'leader2', pageErrors);
    await other.page.waitForURL(/\/overview/);
    await other.page.goto(savedLink);
    await ready(other.page, 'MONTH');
    await expect.poll(() => childRows(other.page)).toEqual(figures);
    // The second leader has no saved views of its own.
    await other.page.goto(server.url + '/views');
    await other.page.getByTestId('saved-views-empty').waitFor();
    await other.context.close();
  }, 120_000);

  it('writes the period into a link that has none, and refuses an enterprise filter to a leader with a notice', async () => {
    const { page, context } = await openSignedIn(browser, server, 'leader', pageErrors);
    await page.waitForURL(/\/overview/);
    await page.goto(server.url + '/explore?path=BRANCH:1');
    await page.waitForURL(/period=\d{4}-Q[1-4]/);
    expect(pathParam(page)).toBe('BRANCH:1');

    await page.goto(server.url + '/explore?period=2026-Q2&path=BRANCH:1&enterprise=3');
    await page.getByTestId('refused-filter').waitFor();
    expect(await page.getByTestId('drill-node').count()).toBe(0);
    expect(await page.getByTestId('refused-filter').textContent()).toContain('Doanh nghiệp');
    await page.screenshot({ path: path.join(ARTIFACTS, 'refused-filter-leader.png'), fullPage: true });
    await page.getByTestId('refused-filter-drop').click();
    await ready(page, 'TEAM');
    expect(new URL(page.url()).searchParams.get('enterprise')).toBeNull();
    expect(pathParam(page)).toBe('BRANCH:1');

    await page.goto(server.url + '/forms?period=2026-Q2&enterprise=3');
    await page.getByTestId('refused-filter').waitFor();
    await context.close();
  }, 90_000);

  it('pivots branches by level as the API counts them, sorts by a column, exports every row and opens a cell', async () => {
    const { page, context } = await openSignedIn(browser, server, 'leader', pageErrors, { acceptDownloads: true });
    await page.waitForURL(/\/overview/);
    await page.getByTestId('nav-pivot').click();
    await page.waitForURL(/\/pivot\?.*period=/);
    await page.goto(server.url + '/pivot?period=2026-Q2&rows=BRANCH&cols=LEVEL&measure=count');
    await page.locator('[data-testid="pivot-page"][data-state="ready"]').waitFor();

    const token = await server.login('leader');
    const api = await server.gql(BY, { filter: Q2, groupBy: ['BRANCH', 'LEVEL'] }, token);
    expect(api.errors).toBeUndefined();
    const expected = new Map<string, number>();
    for (const g of api.data!.ratingStatistics.groups as { keys: { value: string }[]; count: number }[])
      expected.set(`${g.keys[0].value}:${g.keys[1].value}`, g.count);
    const shown = await page.getByTestId('pivot-row').evaluateAll((rows) =>
      rows.map((r) => ({
        id: r.getAttribute('data-id')!,
        cells: Array.from(r.querySelectorAll('[data-testid="pivot-cell"]')).map((c) => [
          c.getAttribute('data-column')!,
          Number(c.getAttribute('data-count')),
        ]),
        total: Number(r.querySelector('[data-testid="pivot-row-total"]')!.getAttribute('data-count')),
      })),
    );
    expect(shown.length).toBeGreaterThan(1);
    const seen = new Map<string, number>();
    for (const row of shown) {
      for (const [level, n] of row.cells) if (Number(n) > 0) seen.set(`${row.id}:${level}`, Number(n));
      // Every rating has one level: a branch's own total is the sum of its levels.
      expect(row.total).toBe(row.cells.reduce((sum, [, n]) => sum + Number(n), 0));
    }
    expect(seen).toEqual(expected);
    // Rows by their total, largest first (the default order).
    expect(shown.map((r) => r.total)).toEqual([...shown.map((r) => r.total)].sort((a, b) => b - a));

    await page.locator('[data-testid="pivot-sort-column"][data-id="1"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('col:1:desc');
    const ones = await page
      .locator('[data-testid="pivot-cell"][data-column="1"]')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count'))));
    expect(ones).toEqual([...ones].sort((a, b) => b - a));

    await page.getByTestId('pivot-measure').selectOption('csat');
    await page.locator('[data-testid="pivot-page"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('pivot-cell').first().getAttribute('title')).toMatch(/^n = \d+/);
    await page.getByTestId('pivot-heatmap').locator('.apexcharts-heatmap-rect').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'pivot-leader-vi.png'), fullPage: true });

    const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-pivot-'));
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toBe('pivot_BRANCH-LEVEL_csat_2026-Q2.csv');
    const file = path.join(downloads, csv.suggestedFilename());
    await csv.saveAs(file);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\r\n');
    // A header, then one line per branch; each level as CSAT and its n, then the total and its n.
    expect(lines).toHaveLength(shown.length + 1);
    expect(lines[0].split(',')).toHaveLength(1 + 2 * (5 + 1));
    fs.rmSync(downloads, { recursive: true, force: true });

    const firstRow = page.getByTestId('pivot-row').first();
    const branch = await firstRow.getAttribute('data-id');
    await firstRow.locator('[data-testid="pivot-cell"][data-column="5"] button').click();
    await page.waitForURL(/\/explore/);
    expect(pathParam(page)).toBe(`BRANCH:${branch},LEVEL:5`);
    await page.locator('[data-testid="explore-page"][data-state="ready"]').waitFor();
    await context.close();
  }, 120_000);
});

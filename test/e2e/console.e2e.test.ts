import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeInBrowser } from '../support/browser.js';
import { startConsole, type ConsoleEnv } from '../support/console.js';
import type { TestStores } from '../support/stores.js';
import type { TestServer } from '../support/server.js';

describeInBrowser('console in a real browser', () => {
  let stores: TestStores;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let env: ConsoleEnv;

  beforeAll(async () => {
    // Build the console as shipped, into a folder of this test's own.
    ({ stores, server, browser } = env = await startConsole('web'));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('shows the catalog tree with counts from the API, in Vietnamese by default', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url + '/');
    await page.waitForURL(/\/catalog$/);
    await page.getByTestId('catalog-tree').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Danh mục đơn vị');

    const [counts] = await stores
      .em()
      .getConnection()
      .execute<{ branches: string; teams: string; declarations: string }[]>(
        'select (select count(*) from branch) as branches, (select count(*) from team) as teams, (select count(*) from declaration) as declarations',
      );
    expect(await page.getByTestId('branch-row').count()).toBe(Number(counts.branches));
    expect(await page.getByTestId('team-row').count()).toBe(Number(counts.teams));
    const declarations = Number(counts.declarations).toLocaleString('vi-VN');
    expect(await page.getByTestId('kpi-declarations').textContent()).toContain(declarations);
    await page.getByTestId('declarations-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('stage-row').first().textContent()).toContain('Tiếp nhận, đăng ký tờ khai');

    // Open a branch: its teams become visible with their officer counts.
    await page.getByTestId('branch-toggle').first().click();
    expect(await page.getByTestId('branch-toggle').first().getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.getByTestId('team-row').first().isVisible()).toBe(true);
    await page.waitForTimeout(1500); // let the chart finish its entry animation before the picture
    await page.screenshot({ path: path.join(ARTIFACTS, 'catalog-vi.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('switches to English and keeps the choice after a reload', async () => {
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Organisation catalog');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('stage-row').first().textContent()).toContain(
      'Declaration reception and registration',
    );
    await page.reload();
    await page.getByTestId('catalog-tree').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: path.join(ARTIFACTS, 'catalog-en.png'), fullPage: true });
    await page.getByTestId('lang-vi').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Danh mục đơn vị');
  });
});

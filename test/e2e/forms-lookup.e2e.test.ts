/**
 * The forms lookup by what users know, as an inspector in a real browser: an officer code, a tax
 * code and a declaration number each find their forms (counted in Postgres); an entry that
 * matches nothing says so at its field and searches nothing; several levels at once; and the
 * CSV export holds every matching form, not only the 20 on screen; a form's enterprise opens its
 * page (ratings, cases, surveys).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeInBrowser } from '../support/browser.js';
import { signIn, startConsole, type ConsoleEnv } from '../support/console.js';
import type { TestServer } from '../support/server.js';
import type { TestStores } from '../support/stores.js';

const NOW = new Date('2026-06-30T12:00:00+07:00');
const Q2 = [new Date('2026-04-01T00:00:00+07:00'), new Date('2026-07-01T00:00:00+07:00')];
const YEAR = [new Date('2026-01-01T00:00:00+07:00'), new Date('2027-01-01T00:00:00+07:00')];
/** Sent forms in the period given as the query's two parameters. */
const SENT_IN = `a.status = 'SENT' and a.sent_at >= ? and a.sent_at < ?`;

describeInBrowser('forms lookup by what users know', () => {
  let env: ConsoleEnv;
  let stores: TestStores;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-e2e-forms-'));

  const one = async (sql: string, params: unknown[] = []) =>
    (await stores.em().getConnection().execute<Record<string, string>[]>(sql, params))[0];
  const shownTotal = async () => {
    await page.waitForLoadState('networkidle');
    const text = (await page.locator('#forms-table-title').textContent()) ?? '';
    return Number(/\(([\d.]+)\)/.exec(text)![1].replace(/\./g, ''));
  };
  const search = async () => {
    await page.getByTestId('forms-search').click();
    await page.waitForLoadState('networkidle');
  };

  beforeAll(async () => {
    ({ stores, server, browser } = env = await startConsole('forms-lookup', {
      now: () => NOW,
      demoAccounts: true,
      ratingFacts: true,
    }));
    ({ context, page } = await signIn(browser, server, 'inspector', pageErrors, { acceptDownloads: true }));
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  });
  afterAll(async () => {
    await context?.close();
    await env?.close();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  it('finds the forms of an officer by its code', async () => {
    const top = await one(
      `select o.code, count(distinct a.id) as n from assessment a join assessment_item i on i.assessment_id = a.id
       join officer o on o.id = i.subject_id where i.subject_kind = 'OFFICER' and ${SENT_IN}
       group by o.code order by 2 desc, 1 limit 1`,
      Q2,
    );
    await page.goto(server.url + '/forms?period=2026-Q2');
    await page.getByTestId('form-row').first().waitFor();
    await page.getByTestId('forms-officer').fill(top.code);
    await search();
    await page.waitForURL(/officer=\d+/);
    await expect.poll(shownTotal).toBe(Number(top.n));
    // The field now says who, by code and name.
    expect(await page.getByTestId('forms-officer').inputValue()).toMatch(new RegExp(`^${top.code} · `));
  });

  it('says so when an officer code matches nothing, and searches nothing', async () => {
    const before = page.url();
    await page.getByTestId('forms-officer').fill('XX99999');
    await search();
    await expect.poll(() => page.getByTestId('forms-officer-error').textContent()).toContain('XX99999');
    expect(await page.getByTestId('forms-officer').getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toBe(before);
    await page.getByTestId('forms-reset').click();
    await page.waitForURL((u) => !u.search.includes('officer='));
  });

  it('finds the forms of an enterprise by its tax code', async () => {
    const top = await one(
      `select e.tax_code, count(*) as n from assessment a join enterprise e on e.id = a.enterprise_id
       where ${SENT_IN} group by e.tax_code order by 2 desc, 1 limit 1`,
      Q2,
    );
    await page.getByTestId('forms-enterprise').fill(top.tax_code);
    await search();
    await page.waitForURL(/enterprise=\d+/);
    await expect.poll(shownTotal).toBe(Number(top.n));
    const names = await page.getByTestId('form-enterprise').allTextContents();
    expect(new Set(names).size).toBe(1);
    await page.getByTestId('forms-reset').click();
    await page.waitForURL((u) => !u.search.includes('enterprise='));
  });

  it('finds the forms of a declaration by its number, and several levels at once', async () => {
    const d = await one(
      `select d.number, count(*) as n from assessment a join declaration d on d.id = a.declaration_id
       where ${SENT_IN} group by d.number order by 2 desc, 1 limit 1`,
      Q2,
    );
    await page.getByTestId('forms-declaration').fill(d.number);
    await search();
    await page.waitForURL(new RegExp(`declaration=${d.number}`));
    await expect.poll(shownTotal).toBe(Number(d.n));
    expect(await page.getByTestId('form-row').count()).toBe(Number(d.n));
    await page.getByTestId('forms-reset').click();
    await page.waitForURL((u) => !u.search.includes('declaration='));

    const low = await one(
      `select count(distinct a.id) as n from assessment a join assessment_item i on i.assessment_id = a.id
       where i.level in (1, 2) and ${SENT_IN}`,
      Q2,
    );
    await page.getByTestId('forms-level-1').check();
    await page.getByTestId('forms-level-2').check();
    await search();
    await page.waitForURL(/level=1%2C2|level=1,2/);
    await expect.poll(shownTotal).toBe(Number(low.n));
    await page.getByTestId('forms-reset').click();
    await page.waitForURL((u) => !u.search.includes('level='));
  });

  it('exports every matching form, not only the rows on screen', async () => {
    // The branch whose year has the number of forms nearest 50: more than two pages of 20.
    const b = await one(
      `select i.branch_id, count(distinct a.id) as n from assessment a join assessment_item i on i.assessment_id = a.id
       where ${SENT_IN} group by i.branch_id order by abs(count(distinct a.id) - 50), 1 limit 1`,
      YEAR,
    );
    const n = Number(b.n);
    expect(n).toBeGreaterThan(40);
    await page.goto(server.url + '/forms?period=2026');
    await page.getByTestId('form-row').first().waitFor();
    await page.getByTestId('forms-branch').selectOption(String(b.branch_id));
    await search();
    await page.waitForURL(/branch=\d+/);
    await expect.poll(shownTotal).toBe(n);
    expect(await page.getByTestId('form-row').count()).toBe(20);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const lines = fs
      .readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter((l) => l.length > 0);
    expect(lines.length).toBe(n + 1); // the header and one row per form
    expect(await page.getByTestId('export-truncated').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'forms-lookup-branch.png'), fullPage: true });
  });

  it('opens the enterprise page from a form: its ratings, cases and surveys as the API and Postgres give them', async () => {
    // The enterprise with the most complaint cases, and one of its forms sent in the quarter.
    const e = await one(
      `select a.id as form_id, d.enterprise_id from assessment a join declaration d on d.id = a.declaration_id
       where ${SENT_IN} and d.enterprise_id = (select enterprise_id from complaint_case group by 1 order by count(*) desc, 1 limit 1)
       order by a.id limit 1`,
      Q2,
    );
    await page.goto(`${server.url}/forms/${e.form_id}`);
    await page.getByTestId('detail-enterprise-link').click();
    await page.waitForURL(new RegExp(`/enterprises/${e.enterprise_id}\\?period=2026-Q2`));
    await page.locator('[data-testid="enterprise-page"][data-state="ready"]').waitFor();

    const token = await server.login('inspector');
    const figures = await server.gql(
      `query($f: RatingFilterInput!) { ratingStatistics(filter: $f) { overall { count } } cases(filter: { enterpriseId: "${e.enterprise_id}" }) { totalCount } }`,
      { f: { from: Q2[0].toISOString(), to: Q2[1].toISOString(), enterpriseIds: [String(e.enterprise_id)] } },
      token,
    );
    expect(figures.errors).toBeUndefined();
    await expect
      .poll(() => page.getByTestId('enterprise-count').getAttribute('data-value'))
      .toBe(String(figures.data!.ratingStatistics.overall.count));
    expect(figures.data!.ratingStatistics.overall.count).toBeGreaterThan(0);
    const cases = await one(`select count(*) as n from complaint_case where enterprise_id = ?`, [e.enterprise_id]);
    expect(figures.data!.cases.totalCount).toBe(Number(cases.n));
    expect(await page.locator('#enterprise-cases-title').textContent()).toContain(`(${cases.n})`);
    expect(await page.getByTestId('enterprise-case').count()).toBe(Math.min(20, Number(cases.n)));
    const surveys = await one(`select count(*) as n from survey_campaign`);
    expect(await page.getByTestId('enterprise-survey').count()).toBe(Math.min(20, Number(surveys.n)));
    await page
      .getByTestId('enterprise-levels-panel')
      .locator('.apexcharts-bar-series path:not([val="0"])')
      .first()
      .waitFor({ state: 'attached' });
    await page.waitForTimeout(1000); // chart entry animations
    await page.screenshot({ path: path.join(ARTIFACTS, 'enterprise-inspector-vi.png'), fullPage: true });
  });

  it('shows the case analytics of a quarter by responsible branch, as Postgres counts the cases', async () => {
    await page.goto(server.url + '/case-analytics?period=2026-Q2');
    await page.locator('[data-testid="case-analytics-page"][data-state="ready"]').waitFor();
    const rows = await stores
      .em()
      .getConnection()
      .execute<{ branch: number; n: string }[]>(
        `select c.responsible_branch_id as branch, count(*) as n from complaint_case c join branch b on b.id = c.responsible_branch_id
         where c.opened_at >= ? and c.opened_at < ?
           and b.department_id = (select department_id from account where login = 'inspector')
         group by 1`,
        Q2,
      );
    expect(rows.length).toBeGreaterThan(0);
    await expect
      .poll(async () =>
        Object.fromEntries(
          await page
            .getByTestId('case-analytics-row')
            .evaluateAll((r) => r.map((e) => [e.getAttribute('data-id'), Number(e.getAttribute('data-cases'))])),
        ),
      )
      .toEqual(Object.fromEntries(rows.map((r) => [String(r.branch), Number(r.n)])));
    const open = await stores
      .em()
      .getConnection()
      .execute<{ branch: number; n: string }[]>(
        `select c.responsible_branch_id as branch, count(*) as n from complaint_case c join branch b on b.id = c.responsible_branch_id
         where c.status <> 'CLOSED' and b.department_id = (select department_id from account where login = 'inspector')
         group by 1`,
      );
    const shownOpen = await page
      .getByTestId('case-backlog-row')
      .evaluateAll((r) => r.map((e) => [e.getAttribute('data-id'), Number(e.getAttribute('data-open'))]));
    expect(Object.fromEntries(shownOpen.filter(([, n]) => Number(n) > 0))).toEqual(
      Object.fromEntries(open.map((r) => [String(r.branch), Number(r.n)])),
    );
    await page.getByTestId('case-trend-panel').locator('.apexcharts-svg').waitFor();

    // One branch's trend: the cases it opened each month, as Postgres counts them, kept in the URL.
    const branch = String(rows.sort((a, b) => Number(b.n) - Number(a.n))[0].branch);
    await page.getByTestId('case-trend-branch').selectOption(branch);
    await page.waitForURL((u) => u.searchParams.get('branch') === branch);
    const perMonth = await stores
      .em()
      .getConnection()
      .execute<{ month: string; n: string }[]>(
        `select to_char(c.opened_at at time zone 'UTC' + interval '7 hours', 'YYYY-MM') as month, count(*) as n
         from complaint_case c where c.responsible_branch_id = ? and c.opened_at >= ? and c.opened_at < ? group by 1`,
        [Number(branch), ...Q2],
      );
    const opened = new Map(perMonth.map((m) => [m.month, Number(m.n)]));
    const shownOpened = async () => {
      const months = await page
        .locator('[data-testid="case-trends"][data-state="ready"]')
        .getAttribute('data-months', { timeout: 2000 });
      return (months ?? '').split(' ').map((m) => m.split(':').slice(0, 2).join(':'));
    };
    await expect.poll(shownOpened).toEqual(['2026-04', '2026-05', '2026-06'].map((m) => `${m}:${opened.get(m) ?? 0}`));
    expect([...opened.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await page.getByTestId('case-backlog-trend-panel').locator('.apexcharts-svg').waitFor();
    await page.waitForTimeout(1000); // the charts' update animation
    await page.screenshot({ path: path.join(ARTIFACTS, 'case-analytics-inspector-vi.png'), fullPage: true });
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

/**
 * The evaluation scorecards in a real browser, as a leader: the figures of each level against the
 * API, the period and level switches in the URL, sorting, greyed rows below the minimum n, the
 * officer link and the XLSX export read back with ExcelJS; an officer has no such page.
 * Screenshots land in test-artifacts/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeInBrowser } from '../support/browser.js';
import { signIn as openSignedIn, startConsole, type ConsoleEnv } from '../support/console.js';
import type { TestServer } from '../support/server.js';

/** The seed's data ends on 2026-07-01 (FIXED_UNTIL); the API's clock stands the day before. */
const NOW = new Date('2026-06-30T12:00:00+07:00');
const Q2 = { from: '2026-04-01T00:00:00+07:00', to: '2026-07-01T00:00:00+07:00' };
const Q1 = { from: '2026-01-01T00:00:00+07:00', to: '2026-04-01T00:00:00+07:00' };
const H1 = { from: '2026-01-01T00:00:00+07:00', to: '2026-07-01T00:00:00+07:00' };
const CARDS = `query($unit: GroupDimension!, $from: DateTimeISO!, $to: DateTimeISO!) {
  evaluationScorecards(unit: $unit, from: $from, to: $to, minCount: 10) { unit { value label } ratings { count shrunkMean belowMinimum } cases substantiated } }`;

interface Card {
  unit: { value: string; label: string };
  ratings: { count: number; shrunkMean: number | null; belowMinimum: boolean };
  cases: number;
  substantiated: number;
}

describeInBrowser('evaluation scorecards in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  let env: ConsoleEnv;
  const pageErrors: string[] = [];
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-e2e-scorecards-dl-'));

  const signIn = (login: string) => openSignedIn(browser, server, login, pageErrors, { acceptDownloads: true });

  const cards = async (unit: string, range: { from: string; to: string }): Promise<Card[]> => {
    const res = await server.gql(CARDS, { unit, ...range }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.evaluationScorecards;
  };
  const ready = (unit: string, period: string) =>
    page
      .locator(`[data-testid="scorecards-page"][data-state="ready"][data-unit="${unit}"][data-period="${period}"]`)
      .waitFor();
  const rows = () => page.getByTestId('scorecard-row');

  beforeAll(async () => {
    ({ server, browser } = env = await startConsole('scorecards', { now: () => NOW, ratingFacts: true }));
    token = await server.login('leader');
    ({ context, page } = await signIn('leader'));
    await page.waitForURL(/\/overview/);
  });
  afterAll(async () => {
    await context?.close();
    await env?.close();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  it('opens from the navigation on branches with the figures the API gives, ranked by shrunk score', async () => {
    await page.getByTestId('nav-scorecards').click();
    await page.waitForURL(/\/scorecards/);
    await page.goto(server.url + '/scorecards?period=2026-Q2');
    await ready('BRANCH', '2026-Q2');
    const api = await cards('BRANCH', Q2);
    expect(api.length).toBeGreaterThanOrEqual(8);
    await expect.poll(() => rows().count()).toBe(api.length);
    for (const card of api) {
      const row = page.locator(`[data-testid="scorecard-row"][data-id="${card.unit.value}"]`);
      expect(await row.getAttribute('data-name')).toBe(card.unit.label);
      expect(Number(await row.getAttribute('data-count'))).toBe(card.ratings.count);
      expect(Number(await row.getAttribute('data-cases'))).toBe(card.cases);
      expect(Number((await row.locator('[data-col="substantiated"]').textContent())!.trim())).toBe(card.substantiated);
    }
    // Default order: rank 1 first, the best shrunk score among those with enough ratings.
    const best = api
      .filter((c) => !c.ratings.belowMinimum)
      .sort((a, b) => b.ratings.shrunkMean! - a.ratings.shrunkMean!)[0];
    expect(await rows().first().getAttribute('data-id')).toBe(best.unit.value);
    expect((await rows().first().locator('[data-col="rank"]').textContent())!.trim()).toBe('1');
    // The change from Q1, where both quarters could be ranked.
    const q1 = new Map((await cards('BRANCH', Q1)).map((c) => [c.unit.value, c]));
    let compared = 0;
    for (const card of api.filter((c) => !c.ratings.belowMinimum)) {
      const before = q1.get(card.unit.value);
      const cell = page.locator(`[data-testid="scorecard-row"][data-id="${card.unit.value}"] [data-col="change"]`);
      if (!before || before.ratings.belowMinimum) {
        expect(await cell.getAttribute('data-value')).toBeNull();
        continue;
      }
      expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(
        card.ratings.shrunkMean! - before.ratings.shrunkMean!,
        10,
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'scorecards-branches-vi.png'), fullPage: true });
  });

  it('sorts by a column, keeping the order in the URL', async () => {
    await page.getByTestId('sort-cases').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('cases:desc');
    const counts = await rows().evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-cases'))));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await page.getByTestId('sort-cases').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('cases:asc');
    await page.getByTestId('sort-rank').click();
  });

  it('switches period and level: the URL and the rows follow, rows below the minimum n are greyed', async () => {
    await page.getByTestId('period-kind').selectOption('half');
    await page.waitForURL(/period=2026-H1/);
    await ready('BRANCH', '2026-H1');
    const half = await cards('BRANCH', H1);
    const first = half.find((c) => c.unit.value === '1')!;
    await expect
      .poll(() => page.locator('[data-testid="scorecard-row"][data-id="1"]').getAttribute('data-count'))
      .toBe(String(first.ratings.count));
    // A month is not an evaluation period: the picker offers quarters, half-years and years only.
    const kinds = await page
      .getByTestId('period-kind')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(kinds).toEqual(['quarter', 'half', 'year']);

    await page.getByTestId('level-switch').getByText('Công chức').click();
    await page.waitForURL(/level=officer/);
    await ready('OFFICER', '2026-H1');
    const officers = await cards('OFFICER', H1);
    await expect.poll(() => rows().count()).toBe(officers.length);
    const below = officers.filter((c) => c.ratings.belowMinimum);
    expect(below.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="scorecard-row"][data-below-min="true"]').count()).toBe(below.length);
    const greyed = page.locator(`[data-testid="scorecard-row"][data-id="${below[0].unit.value}"]`);
    expect(await greyed.getAttribute('class')).toContain('row--muted');
    const colours = await page.evaluate((id) => {
      const row = document.querySelector(`[data-testid="scorecard-row"][data-id="${id}"]`)!;
      const ranked = document.querySelector('[data-testid="scorecard-row"][data-below-min="false"]');
      return { greyed: getComputedStyle(row).color, ranked: ranked ? getComputedStyle(ranked).color : null };
    }, below[0].unit.value);
    expect(colours.greyed).not.toBe(colours.ranked);
    expect((await greyed.locator('[data-col="rank"]').textContent())!.trim()).toMatch(/^–/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'scorecards-officers-vi.png'), fullPage: true });

    // Back returns to the branches.
    await page.goBack();
    await ready('BRANCH', '2026-H1');
  });

  it('exports the officers as XLSX with a title, a header row and numbers as numbers', async () => {
    await page.goForward();
    await ready('OFFICER', '2026-H1');
    const shown = await rows().evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.getAttribute('data-name'),
        count: Number(tr.getAttribute('data-count')),
        below: tr.getAttribute('data-below-min') === 'true',
      })),
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('scorecards-officer_2026-H1.xlsx');
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Bảng điểm');
    expect(sheet.getRow(1).getCell(1).value).toBe('Bảng điểm đánh giá thi đua – Công chức – 6 tháng 1/2026');
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/dưới 10 lượt/);
    const header = (sheet.getRow(4).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Hạng',
      'Mã',
      'Công chức',
      'Đội',
      'Chi cục',
      'Số lượt đánh giá',
      'Điểm trung bình',
      'Điểm xếp hạng',
      'Điểm xếp hạng 6 tháng 2/2025',
      'Thay đổi so với 6 tháng 2/2025',
      'Tỷ lệ hài lòng (%)',
      'Dưới ngưỡng',
      'Phản ánh',
      'Có cơ sở',
      'Đã kết luận',
      'Đúng hạn (%)',
      'Lượt đánh giá bị loại (cờ bất thường)',
      'Điểm so cùng khâu',
      'Xếp loại',
    ]);
    expect(sheet.getRow(4).font?.bold).toBe(true);
    const data: { name: unknown; count: unknown; rank: unknown; below: unknown }[] = [];
    sheet.eachRow((r, i) => {
      if (i > 4)
        data.push({
          rank: r.getCell(1).value,
          name: r.getCell(3).value,
          count: r.getCell(6).value,
          below: r.getCell(12).value,
        });
    });
    expect(data.length).toBe(shown.length);
    // Same rows in the same order as the page, counts as numbers, rank empty below the minimum.
    data.forEach((d, i) => {
      expect(d.name).toBe(shown[i].name);
      expect(d.count).toBe(shown[i].count);
      expect(typeof d.count).toBe('number');
      expect(d.below).toBe(shown[i].below ? 'Có' : 'Không');
      if (shown[i].below) expect(d.rank).toBeNull();
      else expect(typeof d.rank).toBe('number');
    });
  });

  it('grades the cards under thresholds an administrator sets for the period, and the grades follow', async () => {
    const admin = await signIn('admin');
    await admin.page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await admin.page.goto(server.url + '/scorecards?period=2026-Q2&unit=BRANCH');
    await admin.page.locator('[data-testid="scorecards-page"][data-state="ready"]').waitFor();
    expect(await admin.page.getByTestId('grade-bands-text').textContent()).toContain('Xuất sắc từ 95 %');
    await admin.page.getByTestId('grade-bands-edit').click();
    await admin.page.getByTestId('grade-band-excellent').fill('99');
    await admin.page.getByTestId('grade-band-good').fill('97');
    await admin.page.getByTestId('grade-band-pass').fill('96');
    await admin.page.getByTestId('grade-bands-save').click();
    await expect.poll(() => admin.page.getByTestId('grade-bands-text').textContent()).toContain('Xuất sắc từ 99 %');
    const adminToken = await server.login('admin');
    const graded = await server.gql(
      `query($from: DateTimeISO!, $to: DateTimeISO!) { evaluationScorecards(unit: BRANCH, from: $from, to: $to) { unit { value } grade } }`,
      Q2,
      adminToken,
    );
    const expected = new Map((graded.data!.evaluationScorecards as any[]).map((c) => [c.unit.value, c.grade ?? '']));
    expect([...expected.values()]).toContain('FAIL');
    await expect
      .poll(
        async () =>
          new Map(
            await admin.page
              .getByTestId('scorecard-row')
              .evaluateAll((rows) =>
                rows.map((r) => [
                  r.getAttribute('data-id')!,
                  r.querySelector('[data-col="grade"]')!.getAttribute('data-grade')!,
                ]),
              ),
          ),
      )
      .toEqual(expected);
    await admin.page.screenshot({ path: path.join(ARTIFACTS, 'scorecards-grades-admin.png'), fullPage: true });
    await admin.context.close();
  });

  it('links an officer to the officer page for the same period', async () => {
    const link = rows().first().getByTestId('open-officer');
    const id = await rows().first().getAttribute('data-id');
    await link.click();
    await page.waitForURL(new RegExp(`/officers/${id}\\?period=2026-H1`));
    await page.getByTestId('officer-name').waitFor();
  });

  it('has no scorecards for an officer: not in the navigation, and the address leads to the overview', async () => {
    const officer = await signIn('officer');
    await officer.page.waitForURL(/\/overview/);
    expect(await officer.page.getByTestId('nav-scorecards').count()).toBe(0);
    await officer.page.goto(server.url + '/scorecards');
    await officer.page.waitForURL(/\/overview/);
    await officer.context.close();
    expect(pageErrors).toEqual([]);
  });

  it('shows an officer on its own page the comments about it, without form, rater or time', async () => {
    const officer = await signIn('officer');
    await officer.page.waitForURL(/\/overview/);
    const token = await server.login('officer');
    const me = (await server.gql('{ me { officerId } }', {}, token)).data!.me;
    const api = (
      await server.gql(
        `{ commentsAboutMe(from: "2026-01-01T00:00:00+07:00", to: "2026-07-01T00:00:00+07:00", first: 50) {
             belowMinimum comments { level comment } } }`,
        {},
        token,
      )
    ).data!.commentsAboutMe;
    await officer.page.goto(server.url + `/officers/${me.officerId}?period=2026-H1`);
    const panel = officer.page.getByTestId('officer-comments');
    await panel.waitFor();
    if (api.belowMinimum) await panel.getByTestId('own-comments-below-minimum').waitFor();
    else await expect.poll(() => panel.getByTestId('officer-comment').count()).toBe(api.comments.length);
    expect(await panel.locator('a[href^="/forms/"]').count()).toBe(0);
    expect(await panel.getByTestId('comment-rater').count()).toBe(0);
    await officer.context.close();
    expect(pageErrors).toEqual([]);
  });
});

/**
 * The survey form as an enterprise (answer, save a draft, resume after a reload, submit once),
 * the survey report as an inspector (XLSX export) and the CDCI ranking as a leader, in Chromium
 * against the real server and stores.
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
import type { TestStores } from '../support/stores.js';

/** The seed ends on 1 July 2026; on 10 July the third-quarter campaign (id 5) is open and unanswered. */
const NOW = new Date('2026-07-10T10:00:00+07:00');

describeInBrowser('surveys and the CDCI in a real browser', () => {
  let stores: TestStores;
  let server: TestServer;
  let browser: Browser;
  let env: ConsoleEnv;
  const pageErrors: string[] = [];
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'sqa-e2e-survey-downloads-'));
  const sql = async <T>(query: string, params: unknown[] = []) =>
    stores.em().getConnection().execute<T[]>(query, params);

  async function signIn(login: string, landing: RegExp): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await openSignedIn(browser, server, login, pageErrors, { acceptDownloads: true });
    await page.waitForURL(landing);
    return { context, page };
  }

  beforeAll(async () => {
    ({ stores, server, browser } = env = await startConsole('surveys', {
      now: () => NOW,
      demoAccounts: true,
      ratingFacts: true,
    }));
  });
  afterAll(async () => {
    await env?.close();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  it('lets an enterprise answer, save a draft, resume it after a reload, and submit once', async () => {
    const { context, page } = await signIn('enterprise', /\/declarations/);
    await page.getByTestId('nav-surveys').click();
    await page.getByTestId('survey-campaigns').waitFor();
    await page.getByTestId('campaign-5-open').click();
    await page.getByTestId('survey-form').waitFor();
    expect(await page.getByTestId('survey-title').textContent()).toContain('Quý 3/2026');

    // Submitting with no branch ticked is refused at the branches, in Vietnamese, and nothing is stored.
    await page.getByTestId('answer-PRO_STYLE-5').check();
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-confirm').click();
    await page.getByTestId('survey-branch-error').waitFor();
    expect(await page.getByTestId('survey-branch-error').textContent()).toContain('Chọn ít nhất một chi cục');
    expect(await page.getByTestId('survey-error').count()).toBe(0);
    expect(await sql(`select id from survey_response where campaign_id = 5 and enterprise_id = 1`)).toEqual([]);

    const [branch] = await sql<{ id: number }>(`select min(branch_id) as id from declaration where enterprise_id = 1`);
    await page.getByTestId(`survey-branch-${branch.id}`).check();
    // Radios are reachable by their labels, as a screen reader announces them.
    const style = page.getByTestId('question-PRO_STYLE');
    await style.getByRole('radio', { name: '5 – Rất hài lòng' }).check();
    await page.getByTestId('question-PRO_SKILL').getByRole('radio', { name: '2 – Không hài lòng' }).check();
    await page.getByTestId('comment-PRO_SKILL').fill('Cần hướng dẫn cụ thể hơn.');
    await page.getByTestId('question-TIME_DOCS').getByRole('radio', { name: 'Nhanh hơn cam kết' }).check();
    expect(await page.getByTestId('survey-status').textContent()).toContain('3/25');
    await page.getByTestId('survey-save').click();
    await page.getByTestId('survey-notice').waitFor();
    expect(await page.getByTestId('survey-notice').textContent()).toContain('Đã lưu nháp');

    await page.reload();
    await page.getByTestId('survey-form').waitFor();
    expect(await page.getByTestId('answer-PRO_STYLE-5').isChecked()).toBe(true);
    expect(await page.getByTestId('answer-PRO_SKILL-2').isChecked()).toBe(true);
    expect(await page.getByTestId('answer-TIME_DOCS-FASTER').isChecked()).toBe(true);
    expect(await page.getByTestId('comment-PRO_SKILL').inputValue()).toBe('Cần hướng dẫn cụ thể hơn.');
    expect(await page.getByTestId(`survey-branch-${branch.id}`).isChecked()).toBe(true);
    expect(await page.getByTestId('survey-status').textContent()).toContain('Bản nháp');

    await page.getByTestId('answer-PRO_ATTITUDE-4').check();
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-confirm').click();
    await page.getByTestId('survey-submitted').waitFor();
    expect(await page.getByTestId('survey-save').count()).toBe(0);
    expect(await page.getByTestId('answer-PRO_STYLE-4').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'survey-form-submitted.png'), fullPage: false });

    const [response] = await sql<{ status: string; answers: string }>(
      `select r.status, (select count(*) from survey_answer a where a.response_id = r.id) as answers from survey_response r where r.campaign_id = 5 and r.enterprise_id = 1`,
    );
    expect(response).toEqual({ status: 'SUBMITTED', answers: expect.anything() });
    expect(Number(response.answers)).toBe(4);

    await page.getByTestId('nav-surveys').click();
    await page.getByTestId('campaign-5-view').waitFor();
    await context.close();
  });

  it('shows an inspector the report of a quarter by branch and exports it as XLSX', async () => {
    const { context, page } = await signIn('inspector', /\/overview/);
    await page.goto(server.url + '/survey-report?period=2026-Q2');
    await page.getByTestId('survey-branches').waitFor();
    const respondents = Number((await page.getByTestId('survey-respondents').textContent())!.replace(/\D/g, ''));
    const [counted] = await sql<{ n: string }>(
      `select count(*) as n from survey_response where status = 'SUBMITTED' and submitted_at >= '2026-03-31T17:00:00Z' and submitted_at < '2026-06-30T17:00:00Z'`,
    );
    expect(respondents).toBe(Number(counted.n));
    const panel = page.locator('section.panel', { has: page.getByTestId('survey-branches') });
    const [xlsx] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe('survey-branches_2026-Q2.xlsx');
    const file = path.join(downloads, xlsx.suggestedFilename());
    await xlsx.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(2).value).toBe('Số doanh nghiệp trả lời');
    expect(sheet.getRow(2).getCell(2).value).toBe(respondents);

    // The period picker moves the URL and the figures.
    await page.getByTestId('review-period-index').selectOption('1');
    await page.waitForURL(/period=2026-Q1/);
    await page.getByTestId('survey-branches').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'survey-report.png'), fullPage: false });

    // The third quarter holds the one response submitted above (PRO_SKILL 2): below the minimum
    // of 3 it is hidden; an inspector may lower the minimum, then record the measure of the low mark.
    await page.goto(server.url + '/survey-report?period=2026-Q3');
    await page.getByTestId('survey-branches').waitFor();
    expect(await page.getByTestId('survey-low-marks').textContent()).toContain('Không có tiêu chí điểm thấp');
    await page.getByTestId('survey-min-respondents').fill('1');
    await page.getByTestId('survey-min-respondents').press('Enter');
    const [branch] = await sql<{ id: number }>(`select min(branch_id) as id from declaration where enterprise_id = 1`);
    const row = page.getByTestId(`low-mark-${branch.id}-PRO_SKILL`);
    await row.waitFor();
    await page.getByTestId(`edit-measure-${branch.id}-PRO_SKILL`).click();
    await page.getByTestId('measure-text').fill('Tập huấn nghiệp vụ cho công chức Đội Thủ tục.');
    await page.getByTestId('measure-owner').fill('Phó Chi cục trưởng');
    await page.getByTestId('measure-beyond').check();
    await page.getByTestId('measure-save').click();
    await page.getByText('Đã lưu biện pháp.').waitFor();
    // The row shows the measure once the report is read again after the save.
    await expect.poll(() => row.textContent()).toContain('Tập huấn nghiệp vụ cho công chức Đội Thủ tục.');
    const [measure] = await sql<{ owner: string; beyond_branch_authority: boolean; period_key: string }>(
      `select owner, beyond_branch_authority, period_key from survey_improvement_measure where branch_id = ? and indicator_id = 2`,
      [branch.id],
    );
    expect(measure).toEqual({ owner: 'Phó Chi cục trưởng', beyond_branch_authority: true, period_key: '2026-Q3' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'survey-report-measure.png'), fullPage: true });

    // The year's comments, by indicator and branch, as the API groups them; text only.
    await page.goto(server.url + '/survey-report?period=2026');
    const token = await server.login('inspector');
    const api = await server.gql(
      `{ surveyComments(period: "2026") { indicator { id } branch { id } total comments } }`,
      {},
      token,
    );
    const groups = api.data!.surveyComments as { indicator: { id: string }; comments: string[] }[];
    expect(groups.length).toBeGreaterThan(0);
    const indicators = new Set(groups.map((g) => g.indicator.id));
    await expect.poll(() => page.getByTestId('survey-comments-indicator').count()).toBe(indicators.size);
    await page.getByTestId('survey-comments-indicator').first().locator('summary').click();
    const first = groups[0].comments[0];
    await expect.poll(async () => (await page.getByTestId('survey-comments').textContent()) ?? '').toContain(first);
    await context.close();
  });

  it('shows a leader the CDCI ranking with its components, the change and the formula', async () => {
    const { context, page } = await signIn('leader', /\/overview/);
    await page.getByTestId('nav-cdci').click();
    await page.waitForURL(/\/cdci/);
    await page.goto(server.url + '/cdci?period=2026-Q2');
    await page.getByTestId('cdci-ranking').waitFor();
    const token = await server.login('leader');
    const api = (
      await server.gql(
        `{ cdciRanking(period: "2026-Q2") { formula isRunning rows { rank index change branch { id } components { value } } } }`,
        {},
        token,
      )
    ).data!.cdciRanking;
    expect(await page.getByTestId('cdci-formula-text').textContent()).toBe(api.formula);
    expect(await page.getByTestId('cdci-formula').textContent()).toContain('Khảo sát doanh nghiệp');
    const rows = page.locator('[data-testid^="cdci-row-"]');
    expect(await rows.count()).toBe(9);
    const top = api.rows[0];
    expect(top.rank).toBe(1);
    expect(await rows.first().getAttribute('data-testid')).toBe(`cdci-row-${top.branch.id}`);
    expect((await rows.first().getByTestId('cdci-index').textContent())!.replace(',', '.')).toBe(top.index.toFixed(1));
    if (top.change !== null) expect(await rows.first().getByTestId('cdci-change').textContent()).toMatch(/[+−±]/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'cdci-ranking.png'), fullPage: false });
    // A row missing a component is marked preliminary; the quarter has ended, so the page is not.
    const partial = api.rows.filter(
      (r: { index: number | null; components: { value: number | null }[] }) =>
        r.index !== null && r.components.some((c) => c.value === null),
    );
    expect(partial.length).toBeGreaterThan(0);
    expect(await page.getByTestId('cdci-partial').count()).toBe(partial.length);
    expect(api.isRunning).toBe(false);
    expect(await page.getByTestId('cdci-running').count()).toBe(0);
    // The quarter under way (the clock is in July) says its figures are preliminary.
    await page.getByTestId('review-period-index').selectOption('3');
    await page.getByTestId('cdci-running').waitFor();
    expect(await page.getByTestId('cdci-running').textContent()).toContain('2026-Q3');
    await page.goto(server.url + '/cdci?period=2026-Q2');
    await page.getByTestId('cdci-ranking').waitFor();

    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('cdci-formula').textContent()).toContain('Enterprise survey');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('lets a leader set the weights and the department’s scores, and the ranking follows them', async () => {
    const { context, page } = await signIn('leader', /\/overview/);
    await page.goto(server.url + '/cdci?period=2026-Q2');
    await page.getByTestId('cdci-editor').waitFor();
    const rows = page.locator('[data-testid^="cdci-row-"]');
    const order = async () => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(9)));
    const before = await order();

    // Weights that do not add up to 100 are refused, and nothing changes.
    await page.getByTestId('cdci-weight-survey').fill('10');
    await page.getByTestId('cdci-weight-satisfaction').fill('10');
    await page.getByTestId('cdci-weight-departmentAssessment').fill('10');
    await page.getByTestId('cdci-weight-caseTimeliness').fill('10');
    expect(await page.getByTestId('cdci-weights-total').textContent()).toContain('40');
    await page.getByTestId('cdci-save-weights').click();
    await expect.poll(() => page.getByTestId('cdci-weights-total').getAttribute('class')).toContain('field-error');
    expect(await order()).toEqual(before);

    // Only the department's assessment counts, and it ranks the branches the other way round.
    await page.getByTestId('cdci-weight-survey').fill('0');
    await page.getByTestId('cdci-weight-satisfaction').fill('0');
    await page.getByTestId('cdci-weight-departmentAssessment').fill('100');
    await page.getByTestId('cdci-weight-caseTimeliness').fill('0');
    await page.getByTestId('cdci-save-weights').click();
    await page.getByTestId('cdci-edit-done').waitFor();
    await expect.poll(() => page.getByTestId('cdci-formula-text').textContent()).toContain('100·');
    const reversed = [...before].reverse();
    for (const [i, id] of reversed.entries()) await page.getByTestId(`cdci-score-${id}`).fill(String(100 - i * 10));
    await page.getByTestId('cdci-save-scores').click();
    await expect.poll(order).toEqual(reversed);
    const first = rows.first();
    expect((await first.getByTestId('cdci-index').textContent())!.replace(',', '.')).toBe('100.0');

    // The API agrees, and keeps the scores for the period.
    const token = await server.login('leader');
    const api = (
      await server.gql(
        `{ cdciRanking(period: "2026-Q2") { weights { departmentAssessment } rows { index branch { id } } }
           cdciDepartmentAssessments(period: "2026-Q2") { branch { id } score } }`,
        {},
        token,
      )
    ).data!;
    expect(api.cdciRanking.weights.departmentAssessment).toBe(100);
    expect(api.cdciRanking.rows.map((r: { branch: { id: string } }) => r.branch.id)).toEqual(reversed);
    expect(api.cdciDepartmentAssessments).toHaveLength(before.length);
    await page.screenshot({ path: path.join(ARTIFACTS, 'cdci-editor.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('lets a leader create a campaign with Vietnamese and English titles, edit its end, and close it', async () => {
    const { context, page } = await signIn('leader', /\/overview/);
    await page.getByTestId('nav-survey-campaigns').click();
    await page.getByTestId('campaigns-table').waitFor();
    await page.getByTestId('campaign-title').fill('Khảo sát chuyên đề thủ tục');
    await page.getByTestId('campaign-title-en').fill('Special survey on procedures');
    await page.getByTestId('campaign-opens').fill('2026-07-05');
    await page.getByTestId('campaign-last-day').fill('2026-07-31');
    await page.getByTestId('campaign-submit').click();
    await page.getByTestId('campaign-saved').waitFor();
    const [made] = await sql<{ id: number; title_en: string; opens_at: Date; closes_at: Date }>(
      `select id, title_en, opens_at, closes_at from survey_campaign where title = 'Khảo sát chuyên đề thủ tục'`,
    );
    expect(made.title_en).toBe('Special survey on procedures');
    expect(new Date(made.opens_at).toISOString()).toBe('2026-07-04T17:00:00.000Z');
    expect(new Date(made.closes_at).toISOString()).toBe('2026-07-31T17:00:00.000Z');
    const row = page.locator(`[data-testid="managed-campaign"][data-id="${made.id}"]`);
    expect(await row.getAttribute('data-status')).toBe('OPEN');

    // An open campaign keeps its opening; its end moves.
    await row.getByTestId('campaign-edit').click();
    expect(await page.getByTestId('campaign-opens').isDisabled()).toBe(true);
    await page.getByTestId('campaign-last-day').fill('2026-08-15');
    await page.getByTestId('campaign-submit').click();
    await page.getByTestId('campaign-saved').waitFor();
    const [edited] = await sql<{ closes_at: Date }>(`select closes_at from survey_campaign where id = ?`, [made.id]);
    expect(new Date(edited.closes_at).toISOString()).toBe('2026-08-15T17:00:00.000Z');
    await page.screenshot({ path: path.join(ARTIFACTS, 'survey-campaigns-leader.png'), fullPage: true });

    await row.getByTestId('campaign-close').click();
    await row.getByTestId('campaign-close-confirm').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('CLOSED');
    expect(await row.getByTestId('campaign-edit').count()).toBe(0);
    await context.close();

    // The enterprise reads the English title in English.
    const enterprise = await signIn('enterprise', /\/declarations/);
    await enterprise.page.getByTestId('lang-en').click();
    await enterprise.page.goto(server.url + '/surveys');
    await enterprise.page.getByTestId(`campaign-${made.id}`).waitFor();
    expect(await enterprise.page.getByTestId(`campaign-${made.id}`).textContent()).toContain(
      'Special survey on procedures',
    );
    await enterprise.context.close();
  });
});

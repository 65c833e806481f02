/**
 * Notices of new legal documents in a real browser: an administrator's refused notice shows the
 * API's problem beside the field; the administrator publishes to some enterprises picked by
 * search; the enterprise sees the unread badge beside its unrated one, opens the notice (the
 * badge drops, the official link opens safely), reads it in English; the administrator then
 * sees one read. Screenshots land in test-artifacts/.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeInBrowser } from '../support/browser.js';
import { signIn as openSignedIn, startConsole, type ConsoleEnv } from '../support/console.js';
import type { TestServer } from '../support/server.js';

const NOW = new Date('2026-06-30T12:00:00+07:00');
const NUMBER = '27/2026/TT-BTC';
const TITLE_VI = 'Thông tư quy định về khai báo điện tử hồ sơ xuất xứ hàng hóa xuất khẩu, nhập khẩu';
const TITLE_EN = 'Circular on the electronic declaration of certificates of origin';

describeInBrowser('notices of new documents in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page };
  let enterprise: { context: BrowserContext; page: Page };
  let enterpriseToken: string;
  let env: ConsoleEnv;
  const pageErrors: string[] = [];

  const signIn = (login: string) =>
    openSignedIn(browser, server, login, pageErrors, { viewport: { width: 1280, height: 900 } });
  const unread = async () =>
    (await server.gql<{ unreadNoticeCount: number }>('{ unreadNoticeCount }', {}, enterpriseToken)).data!
      .unreadNoticeCount;
  const badge = (page: Page) => page.getByTestId('notices-badge');

  beforeAll(async () => {
    ({ server, browser } = env = await startConsole('notices', { now: () => NOW }));
    enterpriseToken = await server.login('enterprise');
  });
  afterAll(async () => {
    await admin?.context.close();
    await enterprise?.context.close();
    await env?.close();
  });

  it("shows the API's refusal beside the field and publishes nothing", async () => {
    admin = await signIn('admin');
    await admin.page.waitForURL(/\/overview/);
    await admin.page.getByTestId('nav-admin-notices').click();
    await admin.page.waitForURL(/\/admin-notices/);
    await admin.page.locator('[data-testid="admin-notices-page"][data-state="ready"]').waitFor();
    const before = await admin.page.getByTestId('admin-notice').count();
    const p = admin.page;
    await p.getByTestId('notice-documentNumber').fill(NUMBER);
    await p.getByTestId('notice-issuer').fill('Bộ Tài chính');
    await p.getByTestId('notice-issuedOn').fill('2026-06-20');
    await p.getByTestId('notice-effectiveOn').fill('2026-06-01');
    await p.getByTestId('notice-titleVi').fill(TITLE_VI);
    await p.getByTestId('notice-titleEn').fill(TITLE_EN);
    await p
      .getByTestId('notice-summary')
      .fill('Doanh nghiệp nộp chứng từ chứng nhận xuất xứ dạng điện tử qua Cổng thông tin một cửa quốc gia.');
    await p
      .getByTestId('notice-sourceUrl')
      .fill('https://vbpl.vn/tw/Pages/vbpq-timkiem.aspx?Keyword=27%2F2026%2FTT-BTC');
    await p.getByTestId('audience-some').check();
    await p.getByTestId('publish-submit').click();
    // The API refuses the date order and the empty audience, each beside its field, with a summary focused.
    await p.getByTestId('error-effectiveOn').waitFor({ timeout: 10_000 });
    expect(await p.getByTestId('error-effectiveOn').textContent()).toBe(
      'Ngày hiệu lực không được trước ngày ban hành.',
    );
    expect(await p.getByTestId('error-enterpriseIds').textContent()).toBe('Chọn ít nhất một doanh nghiệp.');
    expect(await p.getByTestId('notice-effectiveOn').getAttribute('aria-invalid')).toBe('true');
    expect(await p.getByTestId('notice-effectiveOn').getAttribute('aria-describedby')).toBe('notice-effectiveOn-error');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('publish-errors');
    await p.screenshot({ path: path.join(ARTIFACTS, 'notices-admin-errors-vi.png'), fullPage: true });
    expect(await p.getByTestId('admin-notice').count()).toBe(before);
  });

  it('publishes to two enterprises found by search', async () => {
    const p = admin.page;
    await p.getByTestId('notice-effectiveOn').fill('2026-07-15');
    const [first, second] = (
      await server.gql(
        '{ enterprises(first: 2) { edges { node { id name taxCode } } } }',
        {},
        await server.login('admin'),
      )
    ).data!.enterprises.edges.map((e: any) => e.node);
    expect(first.id).toBe('1');
    await p.getByTestId('enterprise-search').fill(first.taxCode.slice(0, 10));
    await p.locator(`[data-testid="enterprise-choose"][data-id="${first.id}"]`).click();
    await p.getByTestId('enterprise-search').fill(second.name);
    await p.locator(`[data-testid="enterprise-choose"][data-id="${second.id}"]`).click();
    await expect.poll(() => p.getByTestId('enterprise-chosen').count()).toBe(2);
    await p.getByTestId('publish-submit').click();
    await expect.poll(() => p.getByTestId('publish-done').textContent()).toContain(NUMBER);
    const row = p.locator(`[data-testid="admin-notice"][data-number="${NUMBER}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-audience')).toBe('2');
    expect(await row.getAttribute('data-read-count')).toBe('0');
    // The form starts over.
    expect(await p.getByTestId('notice-documentNumber').inputValue()).toBe('');
  });

  it('shows the enterprise its unread badge beside the unrated one; opening the notice drops it', async () => {
    const count = await unread();
    expect(count).toBe(3); // two unread from the demo data, and the new one
    enterprise = await signIn('enterprise');
    const p = enterprise.page;
    await p.waitForURL(/\/declarations/);
    await expect.poll(() => badge(p).getAttribute('data-count')).toBe(String(count));
    await p.getByTestId('unrated-badge').waitFor();
    // The two badges sit on neighbouring navigation entries.
    const order = await p
      .locator('.shell__nav li')
      .evaluateAll((lis) => lis.map((li) => li.querySelector('a')?.getAttribute('data-testid')));
    expect(order.indexOf('nav-notices')).toBe(order.indexOf('nav-declarations') + 1);

    await p.getByTestId('nav-notices').click();
    await p.waitForURL(/\/notices/);
    const notice = p.locator(`[data-testid="notice"][data-number="${NUMBER}"]`);
    await notice.waitFor();
    expect(await notice.getAttribute('data-read')).toBe('false');
    expect(await notice.getByTestId('notice-title').textContent()).toBe(TITLE_VI);
    await p.screenshot({ path: path.join(ARTIFACTS, 'notices-feed-vi.png'), fullPage: true });

    await notice.getByTestId('notice-open').click();
    await expect.poll(() => notice.getAttribute('data-read')).toBe('true');
    await expect.poll(() => badge(p).getAttribute('data-count')).toBe(String(count - 1));
    expect(await unread()).toBe(count - 1);
    const link = notice.getByTestId('notice-source');
    expect(await link.getAttribute('href')).toBe(
      'https://vbpl.vn/tw/Pages/vbpq-timkiem.aspx?Keyword=27%2F2026%2FTT-BTC',
    );
    expect(await link.getAttribute('target')).toBe('_blank');
    expect((await link.getAttribute('rel'))!.split(' ')).toContain('noopener');
    await p.screenshot({ path: path.join(ARTIFACTS, 'notices-opened-vi.png'), fullPage: true });

    await p.getByTestId('lang-en').click();
    await expect.poll(() => notice.getByTestId('notice-title').textContent()).toBe(TITLE_EN);
    await p.screenshot({ path: path.join(ARTIFACTS, 'notices-feed-en.png'), fullPage: true });
  });

  it('shows the administrator one read of the new notice', async () => {
    await admin.page.reload();
    const row = admin.page.locator(`[data-testid="admin-notice"][data-number="${NUMBER}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-read-count')).toBe('1');
    expect((await row.locator('[data-col="readCount"]').textContent())!.trim()).toBe('1 / 2');
    await admin.page.screenshot({ path: path.join(ARTIFACTS, 'notices-admin-list-vi.png'), fullPage: true });
  });

  it('marks all read: the badge goes', async () => {
    const p = enterprise.page;
    await p.getByTestId('notices-unread').click();
    await p.getByTestId('mark-all-read').click();
    await expect.poll(() => badge(p).count()).toBe(0);
    expect(await unread()).toBe(0);
    await p.getByTestId('notices-empty').waitFor();
    expect(pageErrors).toEqual([]);
  });
});

import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeInBrowser } from '../support/browser.js';
import { startConsole, type ConsoleEnv } from '../support/console.js';
import type { TestStores } from '../support/stores.js';
import type { TestServer } from '../support/server.js';

/** The seed's data ends on 2026-07-01 (FIXED_UNTIL); the API's clock stands the day before. */
const NOW = new Date('2026-06-30T12:00:00+07:00');

describeInBrowser('enterprise portal in a real browser', () => {
  let stores: TestStores;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let env: ConsoleEnv;
  const pageErrors: string[] = [];

  /** Filled in by the first test, used by the later ones. */
  let number = '';
  let unratedBefore = 0;

  const sql = async <T>(query: string, params: unknown[] = []) =>
    stores.em().getConnection().execute<T[]>(query, params);
  const badgeCount = async () => Number(await page.getByTestId('unrated-badge').getAttribute('data-count'));
  const hasFocus = (testid: string) => page.getByTestId(testid).evaluate((el) => el === el.ownerDocument.activeElement);
  /** `stars-BRANCH-5` → `BRANCH-5`: the subject part of a star group's test id. */
  const subjectOf = async (prefix: string) => {
    const testid = await page.locator(`[data-testid^="stars-${prefix}-"]`).first().getAttribute('data-testid');
    return testid!.replace(/^stars-/, '');
  };

  beforeAll(async () => {
    ({ stores, server, browser } = env = await startConsole('web', { now: () => NOW, demoAccounts: true }));
    // The contact a new form starts from: the one left on the enterprise's newest sent form.
    await sql(
      `update assessment set contact_name = 'Trần Thị Bình', contact_phone = '0987654321' where id = (
         select a.id from assessment a join declaration d on d.id = a.declaration_id
         where a.status = 'SENT' and d.enterprise_id = (select enterprise_id from account where login = 'enterprise')
         order by a.id desc limit 1)`,
    );
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await env?.close();
  });

  it('sends a visitor of an enterprise page to the sign-in page, and refuses a wrong password', async () => {
    await page.goto(server.url + '/declarations');
    await page.waitForURL(/\/login\?/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/declarations');
    expect(await page.getByTestId('login-notice').textContent()).toContain('Vui lòng đăng nhập để tiếp tục.');
    // No enterprise entries in the navigation for a visitor; the catalog stays public.
    expect(await page.getByTestId('nav-declarations').count()).toBe(0);
    expect(await page.getByTestId('nav-catalog').count()).toBe(1);

    await page.getByLabel('Tên đăng nhập').fill('enterprise');
    await page.getByLabel('Mật khẩu').fill('wrong');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await page.getByTestId('login-error').getAttribute('data-code')).toBe('UNAUTHENTICATED');
    expect(page.url()).toContain('/login');
  });

  it('signs in and shows the unrated declarations with their count in the navigation', async () => {
    await page.getByLabel('Tên đăng nhập').fill('enterprise');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/declarations$/);
    expect(await page.getByTestId('session-name').textContent()).toBe('Doanh nghiệp (mẫu)');
    await page.getByTestId('unrated-badge').waitFor();
    unratedBefore = await badgeCount();
    expect(unratedBefore).toBeGreaterThan(0);

    expect(await page.getByTestId('tab-unrated').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('declaration-row').first().waitFor();
    const first = page.getByTestId('declaration-row').first();
    number = (await first.getAttribute('data-number'))!;
    expect(number).toMatch(/^\d{12}$/);
    expect(await first.getAttribute('data-rating')).toBe('unrated');
    expect(await page.getByTestId('declaration-row').count()).toBe(Math.min(unratedBefore, 20));
    expect(await page.getByTestId('unrated-warning').textContent()).toContain(`${unratedBefore} tờ khai`);
    // Registration time in Vietnam time, dd/mm/yyyy.
    expect(await first.locator('time').textContent()).toMatch(/\d{2}\/\d{2}\/2026/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'declarations-vi.png'), fullPage: true });

    // The "All" tab (reached with the arrow key, as ARIA tabs are) lists every declaration, page by page.
    await page.getByTestId('tab-unrated').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('tab-all').getAttribute('aria-selected')).toBe('true');
    expect(await hasFocus('tab-all')).toBe(true);
    await page.waitForURL(/view=all/);
    await expect.poll(() => page.getByTestId('declaration-row').count()).toBe(20);
    await page.getByTestId('load-more').click();
    await expect.poll(() => page.getByTestId('declaration-row').count()).toBeGreaterThan(20);
    await page.getByTestId('tab-unrated').click();
    await expect.poll(() => page.getByTestId('declaration-row').first().getAttribute('data-number')).toBe(number);
  });

  it('refuses a 1★ rating without a reason or comment, next to that subject, and saves nothing', async () => {
    await page.getByTestId(`rate-${number}`).click();
    await page.waitForURL(new RegExp(`/declarations/${number}/rate$`));
    await page.getByTestId('rating-form').waitFor();
    const officer = await subjectOf('OFFICER');

    await page.getByTestId(`star-${officer}-1`).click();
    expect(await page.getByTestId(`stars-${officer}`).locator('input:checked').getAttribute('value')).toBe('1');
    await page.getByTestId('review').click();
    await page.getByTestId(`error-${officer}`).waitFor();
    expect(await page.getByTestId(`error-${officer}`).textContent()).toContain(
      'Với mức 1–2 sao, hãy chọn ít nhất một lý do hoặc viết nhận xét.',
    );
    expect(await page.getByTestId(`subject-${officer}`).getByTestId(`error-${officer}`).count()).toBe(1);
    expect(await page.getByTestId('form-errors').textContent()).toContain('Với mức 1–2 sao');
    // The summary took the focus, so a screen reader announces it.
    expect(await hasFocus('form-errors')).toBe(true);
    expect(page.url()).toMatch(/\/rate$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'rate-error-vi.png'), fullPage: true });

    const [forms] = await sql<{ n: string }>(
      'select count(*) as n from assessment a join declaration d on d.id = a.declaration_id where d.number = ?',
      [number],
    );
    expect(Number(forms.n)).toBe(0);

    // Clearing the subject leaves it out of the form, and the error goes with it.
    await page.getByTestId(`clear-${officer}`).click();
    expect(await page.getByTestId(`stars-${officer}`).locator('input:checked').count()).toBe(0);
    await expect.poll(() => page.getByTestId(`error-${officer}`).count()).toBe(0);
  });

  it('keeps what was typed when the user leaves the form, and starts the contact from the last sent form', async () => {
    expect(await page.getByTestId('contact-name').inputValue()).toBe('Trần Thị Bình');
    expect(await page.getByTestId('contact-phone').inputValue()).toBe('0987654321');

    const branch = await subjectOf('BRANCH');
    await page.getByTestId(`star-${branch}-3`).click();
    await page.getByTestId('kept-locally').waitFor();
    await page.getByTestId('nav-declarations').click();
    await page.waitForURL(/\/declarations(\?.*)?$/);
    await page.getByTestId(`rate-${number}`).click();
    await page.getByTestId('restored-draft').waitFor();
    expect(await page.getByTestId(`stars-${branch}`).locator('input:checked').getAttribute('value')).toBe('3');
    // Nothing of it reached the server.
    const [forms] = await sql<{ n: string }>(
      'select count(*) as n from assessment a join declaration d on d.id = a.declaration_id where d.number = ?',
      [number],
    );
    expect(Number(forms.n)).toBe(0);
    const kept = () =>
      page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('customs-sqa.rating-draft:')).length);
    expect(await kept()).toBe(1);

    await page.getByTestId('discard-restored').click();
    expect(await page.getByTestId(`stars-${branch}`).locator('input:checked').count()).toBe(0);
    await expect.poll(kept).toBe(0);
  });

  it('rates the branch and an officer, reviews, edits and sends the form', async () => {
    const branch = await subjectOf('BRANCH');
    const officer = await subjectOf('OFFICER');

    await page.getByTestId(`star-${branch}-5`).click();
    await page.getByTestId(`reason-${branch}-FAST`).check();
    await page.getByTestId(`star-${officer}-2`).click();
    // Only the reasons that fit 2★ are offered.
    expect(await page.getByTestId(`reason-${officer}-FAST`).count()).toBe(0);
    await page.getByTestId(`reason-${officer}-GUIDANCE_UNCLEAR`).check();
    await page.getByTestId(`comment-${officer}`).fill('Hướng dẫn chưa rõ ràng, phải bổ sung hồ sơ nhiều lần.');
    expect(await page.getByTestId(`subject-${officer}`).textContent()).toContain('53 / 1.000 ký tự');
    expect(await page.getByTestId('contact-hint').textContent()).toContain('nên để lại thông tin liên hệ');
    await page.getByTestId('contact-name').fill('Nguyễn Văn An');
    await page.getByTestId('contact-phone').fill('0912 345 678');
    expect(await page.getByTestId('contact-consent-hint').textContent()).toContain('Chỉ thanh tra thấy');
    await page.getByTestId('contact-consent').check();
    expect(await page.getByTestId('contact-consent-hint').textContent()).toContain('Đơn vị xử lý phản ánh');
    await page.screenshot({ path: path.join(ARTIFACTS, 'rate-vi.png'), fullPage: true });
    await page.getByTestId('review').click();

    await page.waitForURL(/\/assessments\/\d+\/review$/);
    const reviewUrl = page.url();
    await page.getByTestId('review-item').first().waitFor();
    expect(await page.getByTestId('assessment-status').getAttribute('data-status')).toBe('RECORDED');
    expect(await page.getByTestId('review-item').count()).toBe(2);
    const branchItem = page.locator(`[data-testid="review-item"][data-subject="${branch}"]`);
    const officerItem = page.locator(`[data-testid="review-item"][data-subject="${officer}"]`);
    expect(await branchItem.getAttribute('data-level')).toBe('5');
    expect(await branchItem.getByTestId('review-reasons').textContent()).toContain('Xử lý nhanh chóng, đúng thời hạn');
    expect(await officerItem.getAttribute('data-level')).toBe('2');
    expect(await officerItem.getByRole('img').getAttribute('aria-label')).toBe('2 sao – Không hài lòng');
    expect(await officerItem.getByTestId('review-reasons').textContent()).toContain(
      'Hướng dẫn không rõ ràng, thiếu nhất quán',
    );
    expect(await officerItem.getByTestId('review-comment').textContent()).toContain(
      'Hướng dẫn chưa rõ ràng, phải bổ sung hồ sơ nhiều lần.',
    );
    expect(await page.getByTestId('review-contact').textContent()).toContain('Nguyễn Văn An');
    expect(await page.getByTestId('review-phone').textContent()).toBe('0912345678');
    expect(await page.getByTestId('review-consent').getAttribute('data-consent')).toBe('true');
    await page.screenshot({ path: path.join(ARTIFACTS, 'review-vi.png'), fullPage: true });

    // Edit: back to the form, filled in from the draft; the branch goes down to 4★.
    await page.getByTestId('edit').click();
    await page.waitForURL(new RegExp(`/declarations/${number}/rate$`));
    await page.getByTestId('editing-draft').waitFor();
    expect(await page.getByTestId(`stars-${branch}`).locator('input:checked').getAttribute('value')).toBe('5');
    expect(await page.getByTestId(`reason-${branch}-FAST`).isChecked()).toBe(true);
    expect(await page.getByTestId(`comment-${officer}`).inputValue()).toBe(
      'Hướng dẫn chưa rõ ràng, phải bổ sung hồ sơ nhiều lần.',
    );
    expect(await page.getByTestId('contact-phone').inputValue()).toBe('0912345678');
    // With the keyboard: the stars are radio buttons, so an arrow key moves the level.
    await page.getByTestId(`stars-${branch}`).locator('input:checked').focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByTestId(`stars-${branch}`).locator('input:checked').getAttribute('value')).toBe('4');
    expect(await page.getByTestId(`reason-${branch}-FAST`).isChecked()).toBe(true); // FAST fits 4★ too
    await page.getByTestId('review').click();

    await page.waitForURL(reviewUrl);
    await expect.poll(() => branchItem.getAttribute('data-level')).toBe('4');
    expect(await page.getByTestId('review-item').count()).toBe(2);

    await page.getByTestId('send').click();
    await page.getByTestId('sent-confirmation').waitFor();
    expect(await page.getByTestId('sent-confirmation').textContent()).toContain(
      `Phiếu đánh giá tờ khai ${number} đã được gửi`,
    );
    expect(await page.getByTestId('assessment-status').getAttribute('data-status')).toBe('SENT');
    expect(await page.getByTestId('assessment-status').textContent()).toContain('Đã gửi');
    expect(await page.getByTestId('send').count()).toBe(0);
    expect(await page.getByTestId('edit').count()).toBe(0);
    await expect.poll(badgeCount).toBe(unratedBefore - 1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sent-vi.png'), fullPage: true });

    // Stored once, sent once, announced once.
    const forms = await sql<{ id: number; status: string; phase: string }>(
      'select a.id, a.status, a.phase from assessment a join declaration d on d.id = a.declaration_id where d.number = ?',
      [number],
    );
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({ status: 'SENT', phase: 'AFTER' });
    const [consent] = await sql<{ contact_consent: boolean }>('select contact_consent from assessment where id = ?', [
      forms[0].id,
    ]);
    expect(consent.contact_consent).toBe(true);
    const items = await sql<{ subject_kind: string; level: number }>(
      'select subject_kind, level from assessment_item where assessment_id = ? order by level desc',
      [forms[0].id],
    );
    expect(items.map((i) => [i.subject_kind, i.level])).toEqual([
      ['BRANCH', 4],
      ['OFFICER', 2],
    ]);
    const events = await sql<{ n: string }>(
      "select count(*) as n from outbox_event where topic = 'assessment.sent' and aggregate_id = ?",
      [String(forms[0].id)],
    );
    expect(Number(events[0].n)).toBe(1);
  });

  it('lists the form as sent in My assessments, and no longer as unrated', async () => {
    await page.getByTestId('nav-assessments').click();
    await page.waitForURL(/\/assessments$/);
    const row = page.locator(`[data-testid="assessment-row"][data-number="${number}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('SENT');
    expect(await row.textContent()).toContain('Đã gửi');
    expect(await row.textContent()).toContain('Sau thông quan');

    await page.getByTestId('nav-declarations').click();
    await page.getByTestId('declaration-row').first().waitFor();
    expect(await page.locator(`[data-testid="declaration-row"][data-number="${number}"]`).count()).toBe(0);
    expect(await badgeCount()).toBe(unratedBefore - 1);
  });

  it('searches its own declarations and forms by digits of the number, as Postgres counts them', async () => {
    const digits = number.slice(-5);
    const [own] = await sql<{ n: string }>(
      `select count(*) as n from declaration where number like ? and enterprise_id = (select enterprise_id from account where login = 'enterprise')`,
      [`%${digits}%`],
    );
    await page.getByTestId('nav-declarations').click();
    await page.getByTestId('declaration-row').first().waitFor();
    await page.getByTestId('number-search-input').fill('12');
    await page.getByTestId('number-search-submit').click();
    expect(await page.getByTestId('number-search-error').textContent()).toContain('từ 3 đến 12 chữ số');
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();

    await page.getByTestId('number-search-input').fill(digits);
    await page.getByTestId('number-search-submit').click();
    await page.waitForURL(new RegExp(`q=${digits}`));
    expect(new URL(page.url()).searchParams.get('view')).toBe('all');
    await expect
      .poll(async () =>
        (
          await page.getByTestId('declaration-row').evaluateAll((r) => r.map((e) => e.getAttribute('data-number')))
        ).join(),
      )
      .toContain(number);
    const numbers = await page
      .getByTestId('declaration-row')
      .evaluateAll((r) => r.map((e) => e.getAttribute('data-number')!));
    expect(numbers.length).toBe(Math.min(20, Number(own.n)));
    for (const n of numbers) expect(n).toContain(digits);

    await page.getByTestId('nav-assessments').click();
    await page.waitForURL(/\/assessments/);
    await page.getByTestId('number-search-input').fill(digits);
    await page.getByTestId('number-search-submit').click();
    await page.waitForURL(new RegExp(`q=${digits}`));
    await page.locator(`[data-testid="assessment-row"][data-number="${number}"]`).waitFor();
    for (const n of await page
      .getByTestId('assessment-row')
      .evaluateAll((r) => r.map((e) => e.getAttribute('data-number')!)))
      expect(n).toContain(digits);
    await page.getByTestId('number-search-clear').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBeNull();
  });

  it('switches My assessments to English', async () => {
    await page.getByTestId('nav-assessments').click();
    await page.getByTestId('assessment-row').first().waitFor();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('My assessments');
    expect(await page.getByTestId('nav-declarations').textContent()).toContain('My declarations');
    const row = page.locator(`[data-testid="assessment-row"][data-number="${number}"]`);
    expect(await row.textContent()).toContain('After release');
    expect(await row.locator('[data-status]').first().textContent()).toBe('Sent');
    expect(await page.getByTestId('sign-out').textContent()).toContain('Sign out');
    await page.screenshot({ path: path.join(ARTIFACTS, 'assessments-en.png'), fullPage: true });
    await page.getByTestId('lang-vi').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Phiếu đánh giá của tôi');
  });

  it('signs out to the sign-in page, and a revoked token leads back there too', async () => {
    const stored = await page.evaluate(() => localStorage.getItem('customs-sqa.session'));
    expect(JSON.parse(stored!)).toMatchObject({ me: { login: 'enterprise', role: 'ENTERPRISE' } });
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/login\?reason=signedOut$/);
    expect(await page.getByTestId('login-notice').textContent()).toContain('Bạn đã đăng xuất.');
    expect(await page.evaluate(() => localStorage.getItem('customs-sqa.session'))).toBeNull();
    expect(await page.getByTestId('nav-declarations').count()).toBe(0);
    await page.goto(server.url + '/assessments');
    await page.waitForURL(/\/login\?/);

    // The session signed out above, put back: the API refuses its token, the console drops it.
    await page.evaluate((session) => localStorage.setItem('customs-sqa.session', session), stored!);
    await page.goto(server.url + '/declarations');
    await page.waitForURL(/reason=expired/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/declarations');
    expect(await page.getByTestId('login-notice').textContent()).toContain('Phiên làm việc đã hết hạn');
    expect(await page.evaluate(() => localStorage.getItem('customs-sqa.session'))).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});

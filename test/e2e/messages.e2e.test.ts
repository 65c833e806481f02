/**
 * Messages in a real browser: the enterprise turns e-mail on in its notification settings; a
 * reminder then rings its bell with a sentence in the reader's language (no code, no raw enum)
 * linking to the rate page, and the administrator reads the held e-mail (no SMTP server).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from '../support/browser.js';
import { signIn as openSignedIn, startConsole, type ConsoleEnv } from '../support/console.js';
import type { TestServer } from '../support/server.js';
import { FIXED_UNTIL } from '../support/stores.js';

const NOW = new Date(FIXED_UNTIL.getTime() - 3_600_000);

describeInBrowser('messages in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let env: ConsoleEnv;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, browser } = env = await startConsole('messages', { now: () => NOW, demoAccounts: true }));
  });
  afterAll(async () => {
    await env?.close();
    expect(pageErrors).toEqual([]);
  });

  it('lets the enterprise choose e-mail, rings its bell in English for a reminder, and holds the e-mail', async () => {
    const { page, context } = await openSignedIn(browser, server, 'enterprise', pageErrors, {
      next: '/notification-settings',
    });
    await page.getByTestId('message-settings').waitFor();
    await page.getByTestId('message-locale').selectOption('en');
    await page.getByTestId('message-email').fill('ketoan@example.vn');
    await page.getByTestId('message-by-email').check();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('message-saved').waitFor();

    const reminders = async () => {
      const [row] = await env.stores
        .em()
        .execute<{ n: string }[]>(
          `select count(*) as n from notification where topic = 'rating.reminder' and audience_role = 'ENTERPRISE'`,
        );
      return Number(row.n);
    };
    const before = await reminders();
    const run = await server.gql('mutation { runRatingReminders }', {}, 'sqa_demo_system_feed');
    expect(run.errors).toBeUndefined();
    expect(run.data!.runRatingReminders).toBeGreaterThan(0);
    await page.getByTestId('lang-en').click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    // The reminders reach the inbox through the message relay, a moment after the run answered (on a
    // loaded machine, seconds): wait for the enterprise's notification, then read the bell.
    await expect.poll(reminders, { timeout: 60_000 }).toBeGreaterThan(before);
    await page.reload();
    await expect
      .poll(async () => Number(await page.getByTestId('notification-count').getAttribute('data-count')), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    await page.getByTestId('notification-bell').click();
    const item = page.locator('[data-testid="notification-item"][data-topic="rating.reminder"]').first();
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toMatch(/Declaration \d{12} is waiting for your rating\./);
    expect(text).not.toMatch(/rating\.reminder|notifications\./);
    expect(await item.getByTestId('notification-open').getAttribute('href')).toMatch(/^\/declarations\/\d{12}\/rate$/);
    await context.close();

    const admin = await openSignedIn(browser, server, 'admin', pageErrors, { next: '/outgoing-messages' });
    const held = admin.page.locator('[data-testid="outgoing-message"][data-status="HELD"]').first();
    await held.waitFor();
    expect(await held.textContent()).toMatch(/ketoan@example\.vn.*Please rate declaration \d{12}/s);
    await admin.context.close();
    // Two sessions, a reminder run and the relay's delivery: on a loaded CI machine over a minute.
  }, 150_000);
});

/**
 * The console as shipped, in Chromium, against a server that lets signed-in users run only
 * trusted documents: every GraphQL request goes out as a document id (no query text), and none
 * is refused.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadTrustedDocuments } from '../../api/graphql/trusted-documents.js';
import { describeInBrowser } from '../support/browser.js';
import { startConsole, type ConsoleEnv } from '../support/console.js';
import type { TestServer } from '../support/server.js';

describeInBrowser('console with trusted documents required', () => {
  let server: TestServer;
  let browser: Browser;
  let env: ConsoleEnv;

  beforeAll(async () => {
    ({ server, browser } = env = await startConsole('trusted', {
      now: () => new Date('2026-06-30T12:00:00+07:00'),
      ratingFacts: true,
      settings: (config) => ({ graphql: { ...config.graphql, trustedDocumentsForSessions: true } }),
    }));
  });
  afterAll(async () => {
    await env?.close();
  });

  it('sends only document ids, and every one is answered', async () => {
    const documents = loadTrustedDocuments();
    const sent: { documentId?: string; query?: string; operationName?: string }[] = [];
    const answers: { status: number; codes: string[] }[] = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST')
        sent.push(JSON.parse(request.postData() ?? '{}'));
    });
    page.on('response', async (response) => {
      if (!response.url().endsWith('/graphql')) return;
      const body = (await response.json().catch(() => ({}))) as { errors?: { extensions?: { code?: string } }[] };
      answers.push({ status: response.status(), codes: (body.errors ?? []).map((e) => e.extensions?.code ?? '?') });
    });
    await page.goto(server.url + '/login');
    await page.getByTestId('login-user').fill('leader');
    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.waitForLoadState('networkidle');
    await page.goto(server.url + '/catalog');
    await page.getByTestId('catalog-tree').waitFor();
    await page.waitForLoadState('networkidle');
    await context.close();

    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.filter((body) => body.query !== undefined)).toEqual([]);
    for (const body of sent) expect(documents.get(body.documentId ?? ''), body.operationName).toBeDefined();
    expect(new Set(sent.map((b) => b.operationName))).toContain('CatalogTree');
    expect(answers.filter((a) => a.status !== 200 || a.codes.length > 0)).toEqual([]);
  });
});

/**
 * Set-up shared by the browser tests: the console built as shipped into a folder of the test's
 * own, seeded stores, the server and Chromium; and signing in through the login page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createMessageRelay, startMessageRelay } from '../../api/messages/message-relay.js';
import { build } from 'vite';
import { rebuildRatingFacts } from '../../api/relay/rebuild.js';
import type { Config } from '../../api/config.js';
import { ensureDemoAccounts } from '../../api/db/seed/demo-seed.js';
import { ARTIFACTS, launchBrowser } from './browser.js';
import { startTestServer, type TestServer } from './server.js';
import { openTestStores, type TestStores } from './stores.js';

export interface ConsoleEnv {
  stores: TestStores;
  server: TestServer;
  browser: Browser;
  /** Closes the browser, the server and the stores, and removes the built console. */
  close(): Promise<void>;
}

export interface ConsoleOptions {
  now?: () => Date;
  /** Adds the demo accounts (leader, inspector, admin, …) to the seed. */
  demoAccounts?: boolean;
  /** Rebuilds the analytics rating facts from the seed. */
  ratingFacts?: boolean;
  /** Overrides parts of the server's config, e.g. `(config) => ({ graphql: { ...config.graphql, timeoutMs: 50 } })`. */
  settings?: (config: TestStores['config']) => Partial<Config>;
}

/** Builds the console into a fresh temp folder named after `name`, then opens stores, server and browser. */
export async function startConsole(name: string, options: ConsoleOptions = {}): Promise<ConsoleEnv> {
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), `sqa-e2e-${name}-`));
  let stores: TestStores | undefined;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let stopMessages: (() => Promise<void>) | undefined;
  const close = async () => {
    await browser?.close();
    await stopMessages?.();
    await server?.close();
    await stores?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  };
  try {
    await build({ configFile: 'web/vite.config.ts', logLevel: 'error', build: { outDir: webDir, emptyOutDir: true } });
    stores = await openTestStores();
    await stores.seed();
    if (options.demoAccounts) await ensureDemoAccounts(stores.em());
    if (options.ratingFacts) await rebuildRatingFacts(stores.em(), stores.analytics);
    server = await startTestServer(stores, webDir, options.now, options.settings?.(stores.config));
    // As in `npm start`: in-app messages reach the inbox within a second.
    stopMessages = startMessageRelay(
      createMessageRelay(stores.db.orm.em, stores.config, { clock: options.now }),
      500,
      () => {},
    );
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    return { stores, server, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface SignInOptions {
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Sent as `/login?next=…`. */
  next?: string;
}

/**
 * Opens a new context and page, records the page's uncaught errors in `pageErrors`, and signs
 * `login` in with the demo password. Waiting for the landing page is left to the caller.
 */
export async function signIn(
  browser: Browser,
  server: TestServer,
  login: string,
  pageErrors: string[],
  { viewport = { width: 1440, height: 1000 }, acceptDownloads, next }: SignInOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, ...(acceptDownloads ? { acceptDownloads } : {}) });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(next === undefined ? server.url + '/login' : `${server.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill('demo');
  await page.getByTestId('login-submit').click();
  return { context, page };
}

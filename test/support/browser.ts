/**
 * Headless Debian Chromium for browser tests, driven by playwright-core (which downloads nothing).
 * Without Chromium the browser tests are skipped locally, with a warning, and fail under CI, which
 * installs it: `describeInBrowser` is the one place that decides.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const requireBrowser = process.env.CI === 'true';

/** `describe` for tests that need Chromium: a missing browser fails under CI and is reported, then skipped, elsewhere. */
export function describeInBrowser(name: string, body: () => void): void {
  if (!hasChromium) {
    if (requireBrowser) throw new Error(`CI needs ${CHROMIUM} for the browser tests (.ci/run installs it).`);
    console.warn(`Skipping the browser tests "${name}": ${CHROMIUM} is not installed (apt-get install chromium).`);
  }
  describe.skipIf(!hasChromium)(name, body);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const ARTIFACTS = 'test-artifacts';

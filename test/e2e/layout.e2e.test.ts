/**
 * Every page every demo role may open, on a phone (390×844) and a desktop (1440×900): no page
 * scrolls sideways and no table is clipped. Screenshots of each page land in test-artifacts/layout/.
 *
 * The table rule: at 1440 px a table fits its panel (nothing to scroll). At 390 px a table may be
 * wider than the screen only inside a `.table-wrap` that scrolls by design: overflow-x auto, a
 * keyboard-focusable labelled region, with the fade at the edge that says there is more. A table
 * inside any other box that hides overflow, or one that pushes the page wider, fails.
 *
 * Each page is also checked with axe-core (WCAG 2.1 A and AA rules) at 1440 px: no serious or
 * critical violation.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ARTIFACTS, describeInBrowser } from '../support/browser.js';
import { signIn, startConsole, type ConsoleEnv } from '../support/console.js';
import type { TestServer } from '../support/server.js';

const NOW = new Date('2026-06-30T12:00:00+07:00');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ROLES = ['enterprise', 'officer', 'supervisor', 'inspector', 'leader', 'admin'] as const;
/** Detail pages reached from the first link of a list page. */
const DETAIL_LINKS: Record<string, string> = {
  '/declarations': 'a[href$="/rate"]',
  '/assessments': 'a[href$="/review"]',
  '/surveys': 'a[href^="/surveys/"]',
  '/forms': 'a[href^="/forms/"]',
  '/cases': 'a[href^="/cases/"]',
  '/scorecards': 'a[href^="/officers/"]',
};

interface AxeResults {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}

interface LayoutProblem {
  what: string;
  detail: string;
}

/** Runs in the page: page-level sideways scroll and clipped tables, by the rule in the header. */
function layoutProblems(desktop: boolean): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const root = document.scrollingElement!;
  if (root.scrollWidth > root.clientWidth) {
    // Name the outermost elements that stick out, to say what to fix.
    const name = (e: Element) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')}`;
    const out = Array.from(document.body.querySelectorAll('*')).filter(
      (e) =>
        e.getBoundingClientRect().right > root.clientWidth + 1 &&
        !(e.parentElement && e.parentElement.getBoundingClientRect().right > root.clientWidth + 1),
    );
    problems.push({
      what: 'page scrolls sideways',
      detail: `${root.scrollWidth} > ${root.clientWidth}: ${out.slice(0, 4).map(name).join(', ')}`,
    });
  }
  for (const table of Array.from(document.querySelectorAll('table'))) {
    if (table.closest('.visually-hidden, [hidden]') || table.offsetParent === null) continue;
    const label = table.getAttribute('data-testid') ?? table.querySelector('caption')?.textContent ?? table.className;
    for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === 'visible') continue;
      const scrolls = overflow === 'auto' || overflow === 'scroll';
      const wider = box.scrollWidth > box.clientWidth + 1;
      if (!wider) break;
      if (!scrolls)
        problems.push({ what: 'table clipped', detail: `${label}: ${box.scrollWidth} > ${box.clientWidth}` });
      else if (desktop)
        problems.push({ what: 'table scrolls at desktop width', detail: `${label}: ${box.scrollWidth}` });
      else if (!box.classList.contains('table-wrap') || box.tabIndex < 0 || !box.getAttribute('aria-label'))
        problems.push({ what: 'table scrolls without the affordance', detail: String(label) });
      break;
    }
  }
  return problems;
}

describeInBrowser('every page at phone and desktop width', () => {
  let env: ConsoleEnv;
  let server: TestServer;
  let browser: Browser;
  const pageErrors: string[] = [];
  const axeFindings: string[] = [];
  const dir = path.join(ARTIFACTS, 'layout');

  beforeAll(async () => {
    ({ server, browser } = env = await startConsole('layout', {
      now: () => NOW,
      demoAccounts: true,
      ratingFacts: true,
    }));
    fs.mkdirSync(dir, { recursive: true });
  });
  afterAll(async () => env?.close());

  const settle = async (page: Page) => {
    await page.waitForLoadState('networkidle');
    await page.locator('h1').first().waitFor();
    await page.waitForTimeout(400); // chart entry animations
  };

  /** Serious and critical axe-core violations of the page as it stands. */
  const axeViolations = async (page: Page): Promise<string[]> => {
    // Evaluated by the browser's debugging protocol, not as a <script>: the console's CSP allows
    // no inline script, and that is part of what is tested.
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
    const results = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(o: unknown): Promise<AxeResults> } }).axe;
      return axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}) at ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
      );
  };

  /** The pages of the navigation, plus one detail page reached from each list that has one. */
  const pagesOf = async (page: Page): Promise<string[]> => {
    const nav = await page
      .locator('.shell__nav a.nav-link')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const pages = [...nav];
    for (const list of nav.filter((p) => DETAIL_LINKS[p])) {
      await page.goto(server.url + list);
      await settle(page);
      const link = page.locator(DETAIL_LINKS[list]).first();
      await link.waitFor({ timeout: 5000 }).catch(() => undefined);
      if (await link.count()) pages.push(new URL((await link.getAttribute('href'))!, server.url).pathname);
    }
    return pages;
  };

  for (const role of ROLES) {
    it(`${role}: no sideways scroll and no clipped table at 390 and 1440 px`, async () => {
      const { context, page } = await signIn(browser, server, role, pageErrors, { viewport: DESKTOP });
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      // The console's default period follows the browser's clock: put it where the seed's data is.
      await context.clock.setFixedTime(NOW);
      await page.reload();
      await settle(page);
      const pages = await pagesOf(page);
      expect(pages.length).toBeGreaterThan(2);
      const found: string[] = [];
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        for (const p of pages) {
          await page.goto(server.url + p);
          await settle(page);
          const name = `${role}-${viewport.width}${p.replaceAll('/', '_')}.png`;
          await page.screenshot({ path: path.join(dir, name), fullPage: true });
          for (const problem of await page.evaluate(layoutProblems, viewport === DESKTOP))
            found.push(`${viewport.width}px ${p}: ${problem.what} (${problem.detail})`);
          if (viewport === DESKTOP) axeFindings.push(...(await axeViolations(page)).map((v) => `${role} ${p}: ${v}`));
        }
      }
      expect(found).toEqual([]);
      // On a phone the navigation is behind the menu button, and the button opens it.
      await page.goto(server.url + pages[0]);
      await settle(page);
      const toggle = page.getByTestId('nav-toggle');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('.shell__nav a.nav-link').first().isVisible()).toBe(false);
      expect(await page.getByTestId('lang-en').isVisible()).toBe(false);
      await toggle.click();
      expect(await page.locator('.shell__nav a.nav-link').first().isVisible()).toBe(true);
      expect(await page.getByTestId('lang-en').isVisible()).toBe(true);
      await context.close();
    }, 900_000);
  }

  it('axe finds no serious or critical violation on any of those pages', () => {
    expect(axeFindings).toEqual([]);
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});

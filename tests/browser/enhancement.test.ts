/**
 * The one script on the page, with the visitor's clock frozen: times shown in the visitor's zone,
 * "3 minutes ago" said again from the visitor's clock, and the stale-data warning when the page
 * has outlived the Action that builds it. Without JavaScript the page says the same in UTC.
 */

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSkipReason, launchChromium } from '../../scripts/lib/site/chromium.ts';
import { buildDemoSite, DEMO_NOW, SITE_BASE } from '../../scripts/lib/site/demo-site.ts';
import { buildOperationalSite } from '../../scripts/lib/site/snapshot-sites.ts';
import { type StaticServer, startStaticServer } from '../../scripts/lib/site/static-server.ts';
import { createVisitor, FRESH_CLOCK, listProblems, MOBILE } from './support/harness.ts';

const skip = browserSkipReason('tests/browser/enhancement.test.ts');

/** The demo's data is taken 3 minutes before the build; it goes stale after 30 minutes. */
const AS_OF = new Date(new Date(DEMO_NOW).getTime() - 3 * 60_000);
const STALE_CLOCK = new Date(AS_OF.getTime() + 3 * 24 * 60 * 60_000);
const JUST_FRESH = new Date(AS_OF.getTime() + 29 * 60_000);
const JUST_STALE = new Date(AS_OF.getTime() + 31 * 60_000);

// Skips only when Chromium is missing outside CI; browserSkipReason prints why and how to
// install it. In CI it never skips: the launch fails instead.
describe.skipIf(skip !== undefined)('local time and stale-data warning (JavaScript on, clock frozen)', () => {
  let browser: Browser;
  let demo: StaticServer;
  let operational: StaticServer;
  beforeAll(async () => {
    const [demoDir, operationalDir] = [await buildDemoSite(), await buildOperationalSite()];
    browser = await launchChromium();
    demo = await startStaticServer({ root: demoDir, base: SITE_BASE });
    operational = await startStaticServer({ root: operationalDir, base: SITE_BASE });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await operational?.close();
  });

  async function home(server: StaticServer, options: { clock?: Date; javaScript?: boolean }) {
    const visitor = await createVisitor(browser, server.origin, options);
    const { problems } = await visitor.visit(SITE_BASE);
    const page = visitor.page;
    const state = {
      warningVisible: await page.locator('#stale-warning').isVisible(),
      banner: (await page.locator('.banner [data-banner]').textContent()) ?? '',
      footerTimes: await page.locator('footer time').allTextContents(),
      footerTitles: await page.locator('footer time').evaluateAll((els) => els.map((el) => el.getAttribute('title'))),
      tzNote: (await page.locator('footer [data-tz-note]').textContent()) ?? '',
      asOfRelative: (await page.locator('.banner [data-relative]').textContent()) ?? '',
      problems: listProblems(problems),
    };
    await visitor.close();
    return state;
  }

  test("the data time reads as the visitor's local time, UTC kept as a tooltip", async () => {
    const state = await home(demo, { clock: FRESH_CLOCK });
    // Europe/Berlin is UTC+1 in November; the build wrote 11:57 and 12:00 UTC. The zone is named, never "(your time)".
    expect(state.footerTimes).toEqual(['21 Nov 2026, 12:57 CET', '21 Nov 2026, 13:00 CET']);
    expect(state.footerTitles).toEqual(['21 Nov 2026, 11:57 UTC', '21 Nov 2026, 12:00 UTC']);
    expect(state.tzNote).toBe('Times are your local time (CET); tap, hover or focus a time for UTC.');
    expect(state.problems).toEqual([]);
  });

  test('without JavaScript the same times read in UTC', async () => {
    const state = await home(demo, { javaScript: false });
    expect(state.footerTimes).toEqual(['21 Nov 2026, 11:57 UTC', '21 Nov 2026, 12:00 UTC']);
    expect(state.tzNote).toBe('Times are UTC.');
    expect(state.asOfRelative).toBe(' (3 minutes ago)');
    expect(state.warningVisible).toBe(false);
  });

  test.each([
    { when: '2 minutes after the build', clock: FRESH_CLOCK, stale: false, relative: ' (5 minutes ago)' },
    { when: '29 minutes after the data', clock: JUST_FRESH, stale: false, relative: ' (29 minutes ago)' },
    { when: '31 minutes after the data', clock: JUST_STALE, stale: true, relative: ' (31 minutes ago)' },
    { when: '3 days after the data', clock: STALE_CLOCK, stale: true, relative: ' (3 days ago)' },
  ])('visitor $when: stale warning shown = $stale, "as of" says$relative', async ({ clock, stale, relative }) => {
    const state = await home(demo, { clock });
    expect(state.warningVisible).toBe(stale);
    expect(state.asOfRelative).toBe(relative);
    // An outage banner stays an outage banner, stale or not: only "operational" is in doubt.
    expect(state.banner).toBe('Major outage');
    expect(state.problems).toEqual([]);
  });

  test('"All systems operational" from an old build turns into a warning, not a false all-clear', async () => {
    const fresh = await home(operational, { clock: FRESH_CLOCK });
    expect(fresh.banner).toMatch(/operational/i);
    expect(fresh.banner).not.toMatch(/out of date/);
    expect(fresh.warningVisible).toBe(false);

    const stale = await home(operational, { clock: STALE_CLOCK });
    expect(stale.banner).toBe('No incidents reported as of 21 Nov 2026, 11:57 UTC — this status may be out of date');
    expect(stale.warningVisible).toBe(true);
    expect(stale.problems).toEqual([]);
  });

  test('a time shows its UTC on keyboard focus and on tap (not only in a title tooltip)', async () => {
    const visitor = await createVisitor(browser, demo.origin, { clock: FRESH_CLOCK, viewport: MOBILE, hasTouch: true });
    await visitor.visit(`${SITE_BASE}incidents/412/`);
    const time = visitor.page.locator('dl.facts time').first();
    const tooltip = () => time.evaluate((el) => getComputedStyle(el, '::after').content);
    await expect(tooltip()).resolves.toBe('none');
    await time.focus();
    await expect(tooltip()).resolves.toMatch(/^"\d+ Nov 2026, \d\d:\d\d UTC"$/);
    await visitor.page.locator('h1').click();
    await expect(tooltip()).resolves.toBe('none');
    await time.tap();
    await expect(tooltip()).resolves.toMatch(/ UTC"$/);
    expect(listProblems(visitor.problems)).toEqual([]);
    await visitor.close();
  });

  test.each([
    { when: 'two minutes after the build', clock: FRESH_CLOCK, ongoing: '1 h 40 min', overdue: false },
    { when: 'three days later', clock: STALE_CLOCK, ongoing: '3 d 1 h', overdue: true },
  ])('"Ongoing for" and an overdue promised update follow the visitor’s clock: $when', async ({ clock, ongoing, overdue }) => {
    const visitor = await createVisitor(browser, demo.origin, { clock });
    await visitor.visit(`${SITE_BASE}incidents/412/`);
    await expect(visitor.page.locator('[data-ongoing-since]').textContent()).resolves.toBe(ongoing);
    await expect(visitor.page.locator('[data-next-update] [data-overdue]').isVisible()).resolves.toBe(overdue);
    await visitor.close();
  });

  test('an incident page also warns when stale, and its relative times follow the clock', async () => {
    const visitor = await createVisitor(browser, demo.origin, { clock: STALE_CLOCK });
    await visitor.visit(`${SITE_BASE}incidents/412/`);
    const page = visitor.page;
    await expect(page.locator('#stale-warning').isVisible()).resolves.toBe(true);
    await expect(page.locator('#stale-warning').innerText()).resolves.toMatch(/last updated 21 Nov 2026, 11:57 UTC\. Check the incident issues on GitHub/);
    // Started 95 minutes before the data was taken; three days later it reads "3 days ago".
    await expect(page.locator('dl.facts [data-relative]').first().textContent()).resolves.toBe(' (3 days ago)');
    expect(listProblems(visitor.problems)).toEqual([]);
    await visitor.close();
  });
});

/**
 * The home page's 90-day uptime bars in Chromium (issue #13): every day with incidents is reached
 * by Tab and shows its incidents on focus, on tap (a touch phone) and on hover, with JavaScript on
 * and off (it is CSS only); quiet days are never tab stops. Screenshots of an open day are kept
 * in test-artifacts/screenshots/ for a person to look at.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSkipReason } from '../../scripts/lib/site/chromium.ts';
import { SITE_BASE } from '../../scripts/lib/site/demo-site.ts';
import { ROOT } from '../../src/data/paths.ts';
import { createVisitor, listProblems, MOBILE, type Visitor } from './support/harness.ts';
import { useBrowserSuite } from './support/suite.ts';

const skip = browserSkipReason('tests/browser/uptime-bars.test.ts');
const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');

/** `component|day|href` of every incident link the bars hold, in page order. */
function listDayLinks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-component] .days [data-day] a')].map(
      (a) => `${a.closest('[data-component]')?.getAttribute('data-component')}|${a.closest('[data-day]')?.getAttribute('data-day')}|${a.getAttribute('href')}`,
    ),
  );
}

interface OpenDay {
  readonly day: string;
  /** The tip's text when it is on screen and not covered, else null. */
  readonly shown: string | null;
}

/** The day holding the focus (or `selector`), and what its tip shows. */
function readOpenDay(page: Page, selector?: string): Promise<OpenDay | null> {
  return page.evaluate((sel) => {
    const start = sel ? document.querySelector(sel) : document.activeElement;
    const day = start?.closest('[data-day]');
    if (!day) return null;
    const tip = day.querySelector('.tip');
    const box = tip?.getBoundingClientRect();
    if (!tip || !box || box.width < 100 || box.height < 20) return { day: day.getAttribute('data-day') ?? '', shown: null };
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + 8);
    return { day: day.getAttribute('data-day') ?? '', shown: top && tip.contains(top) ? (tip.textContent ?? '').replace(/\s+/g, ' ').trim() : null };
  }, selector);
}

/** Presses Tab through the whole page; the incident links reached inside the bars, and whether each showed its day. */
async function tabThroughBars(page: Page): Promise<{ reached: string[]; unshown: string[]; quietStops: number }> {
  const reached: string[] = [];
  const unshown: string[] = [];
  let quietStops = 0;
  for (let press = 0; press < 600; press += 1) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const day = el.closest('[data-day]');
      return {
        inBars: el.closest('.days') !== null,
        key: day ? `${el.closest('[data-component]')?.getAttribute('data-component')}|${day.getAttribute('data-day')}|${el.getAttribute('href')}` : null,
        title: el.textContent ?? '',
        footer: el.closest('footer') !== null,
      };
    });
    if (where === null) break;
    if (where.inBars && where.key === null) quietStops += 1;
    if (where.key) {
      reached.push(where.key);
      const open = await readOpenDay(page);
      if (!open?.shown?.includes(where.title.replace(/\s+/g, ' ').trim())) unshown.push(where.key);
    }
    if (where.footer && reached.length > 0) break;
  }
  return { reached, unshown, quietStops };
}

// Skips only when Chromium is missing outside CI; browserSkipReason prints why and how to
// install it. In CI it never skips: the launch fails instead.
describe.skipIf(skip !== undefined)('uptime bars: each day with incidents is reachable', () => {
  const suite = useBrowserSuite();
  const visitors: Visitor[] = [];
  const visitor = async (options: Parameters<typeof createVisitor>[2]): Promise<Visitor> => {
    const v = await createVisitor(suite().browser, suite().server.origin, options);
    visitors.push(v);
    return v;
  };
  beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));
  afterAll(async () => {
    for (const v of visitors) await v.close();
  });

  test.each([{ javaScript: true }, { javaScript: false }])(
    'Tab reaches every incident of every day, showing the day (JavaScript: $javaScript)',
    async ({ javaScript }) => {
      const v = await visitor({ javaScript });
      const { problems } = await v.visit(SITE_BASE);
      expect(listProblems(problems)).toEqual([]);
      const links = await listDayLinks(v.page);
      // The demo has incident days on every component but one quiet stretch: enough to mean something.
      expect(links.length).toBeGreaterThanOrEqual(15);
      const { reached, unshown, quietStops } = await tabThroughBars(v.page);
      expect(reached).toEqual(links);
      expect(unshown).toEqual([]);
      expect(quietStops).toBe(0);
    },
  );

  test("a closed group's days are not tab stops until the group is opened from the keyboard", async () => {
    const v = await visitor({ javaScript: false });
    await v.visit(SITE_BASE);
    const all = await listDayLinks(v.page);
    const web = all.filter((key) => ['website', 'docs', 'playground'].includes(key.split('|')[0] ?? ''));
    expect(web.length).toBeGreaterThan(0);
    await v.page.locator('details[data-group="Web"] > summary').click();
    expect(await v.page.locator('details[data-group="Web"]').getAttribute('open')).toBeNull();
    expect((await tabThroughBars(v.page)).reached).toEqual(all.filter((key) => !web.includes(key)));
    await v.page.locator('details[data-group="Web"] > summary').focus();
    await v.page.keyboard.press('Enter');
    expect((await tabThroughBars(v.page)).reached).toEqual(web.concat(all.filter((key) => !web.includes(key))));
  });

  test('a tap on a day shows its incidents; a tap on one opens it (touch phone, with and without JavaScript)', async () => {
    for (const javaScript of [true, false]) {
      const v = await visitor({ viewport: MOBILE, hasTouch: true, javaScript });
      await v.visit(SITE_BASE);
      const day = '[data-component="docs"] [data-day="2026-11-19"]';
      expect(await readOpenDay(v.page, day)).toEqual({ day: '2026-11-19', shown: null });
      await v.page.locator(day).tap();
      const open = await readOpenDay(v.page, day);
      expect(open?.shown).toBe('19 Nov 2026 Degraded performance, 1 incident:#402 Docs search returns no results');
      if (!javaScript) await v.page.screenshot({ path: path.join(SCREENSHOTS, 'home-uptime-day-phone.png') });
      await v.page.locator(`${day} a`).tap();
      await v.page.waitForURL(`**${SITE_BASE}incidents/402/`);
      expect(listProblems(v.problems)).toEqual([]);
    }
  });

  test('hovering a day shows it; moving away hides it', async () => {
    const v = await visitor({});
    await v.visit(SITE_BASE);
    const day = '[data-component="cli"] [data-day]';
    await v.page.locator(day).first().hover();
    expect((await readOpenDay(v.page, day))?.shown).toMatch(/^\d+ \w+ 2026 (Degraded performance|Partial outage|Major outage), \d incidents?:#\d+/);
    await v.page.mouse.move(0, 0);
    expect((await readOpenDay(v.page, day))?.shown).toBeNull();
  });

  test('screenshot of an open day (desktop), kept as an artifact', async () => {
    const v = await visitor({});
    await v.visit(SITE_BASE);
    await v.page.locator('[data-component="npm-packages"] [data-day] a').last().focus();
    const file = path.join(SCREENSHOTS, 'home-uptime-day.png');
    await v.page.locator('section[aria-labelledby="components-heading"]').screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });
});

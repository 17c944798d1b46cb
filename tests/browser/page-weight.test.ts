/**
 * The page-weight budgets of issue 6, as limits (the figures themselves: `npm run bench`):
 * the home page is at most 25 KB gzipped with everything it loads, renders in one request, and
 * does not grow when the history gets long (the demo's uptime bars included); with 20
 * components' 90-day bars (issue #13) it still fits. Byte counts of the built files, no timing.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { buildDemoSite, SITE_BASE } from '../../scripts/lib/site/demo-site.ts';
import { MANY_COMPONENTS, manyComponentsFigures } from '../../scripts/lib/site/many-components.ts';
import { BUDGETS, formatKb, largestHistoryPage, measurePage, measureSite } from '../../scripts/lib/site/page-weight.ts';
import { buildSnapshotSite, demoSnapshot, withLongHistory } from '../../scripts/lib/site/snapshot-sites.ts';

const { homeGzip: HOME_BUDGET_GZIP, extraIncidents: EXTRA_INCIDENTS, homeGrowthBytes } = BUDGETS;

describe('page weight budgets', () => {
  let demo: string;
  let normal: string;
  let long: string;
  beforeAll(async () => {
    const snapshot = await demoSnapshot();
    demo = await buildDemoSite();
    normal = await buildSnapshotSite('history-normal', snapshot);
    long = await buildSnapshotSite('history-long', withLongHistory(snapshot, EXTRA_INCIDENTS));
  });

  test(`the home page is at most ${formatKb(HOME_BUDGET_GZIP)} gzipped, all included, in one request`, () => {
    const home = measurePage(demo, SITE_BASE, SITE_BASE);
    expect(home.missing).toEqual([]);
    expect(home.total.gzip).toBeLessThanOrEqual(HOME_BUDGET_GZIP);
    // CSS is inlined and the one script is inline: nothing else to fetch before the page reads.
    expect(home.requests).toBe(1);
  });

  test('incident and history pages also render in one request', () => {
    for (const page of [`${SITE_BASE}incidents/412/`, largestHistoryPage(demo, SITE_BASE)]) {
      const weight = measurePage(demo, SITE_BASE, page);
      expect(weight.requests, page).toBe(1);
      expect(weight.total.gzip, page).toBeLessThanOrEqual(HOME_BUDGET_GZIP);
    }
  });

  test(`the home page does not grow with ${EXTRA_INCIDENTS} more incidents in the history`, () => {
    const [before, after] = [measurePage(normal, SITE_BASE, SITE_BASE), measurePage(long, SITE_BASE, SITE_BASE)];
    const [siteBefore, siteAfter] = [measureSite(normal), measureSite(long)];
    // The long history really is in the second build: hundreds more pages...
    expect(siteAfter.htmlPages - siteBefore.htmlPages).toBeGreaterThanOrEqual(EXTRA_INCIDENTS);
    // ...and the home page stays the same size (a few bytes of difference at most).
    expect(Math.abs(after.html.raw - before.html.raw)).toBeLessThanOrEqual(homeGrowthBytes);
  });

  test(`with ${MANY_COMPONENTS} components' 90-day uptime bars, the home page stays within ${formatKb(HOME_BUDGET_GZIP)} gzipped, in one request`, async () => {
    const many = await manyComponentsFigures();
    // The bars really are there: every component, every day, and a busy quarter's incidents.
    expect(many.components).toBe(MANY_COMPONENTS);
    expect(many.days).toBe(MANY_COMPONENTS * 90);
    expect(many.incidentDays).toBeGreaterThanOrEqual(100);
    expect(many.home.missing).toEqual([]);
    expect(many.home.total.gzip).toBeLessThanOrEqual(HOME_BUDGET_GZIP);
    expect(many.home.requests).toBe(1);
  });
});

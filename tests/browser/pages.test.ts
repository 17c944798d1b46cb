/**
 * The demo site as a visitor gets it: real Chromium, the site served under a sub-path as GitHub
 * Pages serves project sites. Every page loads with no console error, no failed request and no
 * request to another host; a visitor can walk from the home page to everything by clicking.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSkipReason } from '../../scripts/lib/site/chromium.ts';
import { listHtmlFiles, pagePathOf, SITE_BASE } from '../../scripts/lib/site/demo-site.ts';
import { createVisitor, listProblems, type Visitor } from './support/harness.ts';
import { PAGE_TYPES, useBrowserSuite } from './support/suite.ts';

const skip = browserSkipReason('tests/browser/pages.test.ts');

// Skips only when Chromium is missing outside CI; browserSkipReason prints why and how to
// install it. In CI it never skips: the launch fails instead.
describe.skipIf(skip !== undefined)('the demo site in Chromium, under a sub-path', () => {
  const suite = useBrowserSuite();
  let visitor: Visitor;
  beforeAll(async () => {
    visitor = await createVisitor(suite().browser, suite().server.origin);
  });
  afterAll(async () => {
    await visitor?.close();
  });

  test.each(PAGE_TYPES)('$name (/$path) loads complete and clean', async (row) => {
    const status = 'status' in row ? row.status : 200;
    const { response, problems } = await visitor.visit(`${SITE_BASE}${row.path}`);
    expect(response?.status()).toBe(status);
    expect(listProblems(problems, status === 200 ? undefined : status)).toEqual([]);
    await expect(visitor.page.locator('h1').first().textContent()).resolves.toBe(row.heading);
    expect(await visitor.page.title()).toMatch(/Quill status$/);
    // The shell every page shares: navigation (Status, History, Post-mortems, Maintenance, and the demo's one `links` entry), main content, footer with the data time.
    expect(await visitor.page.locator('header nav a').count()).toBe(5);
    expect(await visitor.page.locator('main#main').innerText()).not.toBe('');
    expect(await visitor.page.locator('footer time[datetime]').count()).toBe(2);
  });

  test('every built page loads with no console error, failed request or outside request', async () => {
    const pages = listHtmlFiles(suite().dir).filter((file) => file !== '404.html');
    expect(pages.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const file of pages) {
      const { response, problems: found } = await visitor.visit(pagePathOf(file));
      if (response?.status() !== 200) problems.push(`${file}: HTTP ${response?.status()}`);
      problems.push(...listProblems(found).map((p) => `${file}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  test('home page: overall status, active incidents first, components, recent history', async () => {
    await visitor.visit(SITE_BASE);
    const page = visitor.page;
    await expect(page.locator('.banner [data-banner]').textContent()).resolves.toBe('Major outage');
    expect(
      await page.locator('section[aria-labelledby="active-heading"] [data-incident]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-incident'))),
    ).toEqual(['412', '410']);
    await expect(page.locator('[data-component="cli"]').innerText()).resolves.toMatch(/CLI\s+Major outage/);
    await expect(page.locator('[data-component="docs"]').innerText()).resolves.toMatch(/Documentation\s+Operational/);
    const text = await page.locator('main').innerText();
    // Never published: an outsider's issue, an embargoed one, a pull request.
    expect(text).not.toContain('EVERYTHING IS DOWN');
    expect(text).not.toContain('token leak');
    expect(text).not.toContain('Fix release workflow timeout');
    expect(await page.locator('section[aria-labelledby="recent-heading"] [data-incident="402"]').count()).toBe(1);
  });

  test('active incident: scope, workaround, updates newest first, no outsider comment', async () => {
    await visitor.visit(`${SITE_BASE}incidents/412/`);
    const page = visitor.page;
    await expect(page.locator('h1 + .meta .pill').allTextContents()).resolves.toEqual(['P0 · Critical', 'Identified']);
    const updates = page.locator('ol.updates > li');
    expect(await updates.count()).toBe(3);
    await expect(updates.first().locator('pre code').textContent()).resolves.toContain('npm install @quill/cli@4.1.3');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Everyone installing or upgrading the CLI');
    expect(text).not.toContain('URGENT');
    expect(text).not.toContain('quill-fix.example.net');
  });

  test('resolved incident → its post-mortem → back, by clicking', async () => {
    await visitor.visit(`${SITE_BASE}incidents/402/`);
    const page = visitor.page;
    await expect(page.locator('h1 + .meta .pill').allTextContents()).resolves.toContain('Resolved');
    await expect(page.locator('dl.facts').innerText()).resolves.toMatch(/Resolved\s+.*\(after 1 h 40 min\)/);
    await Promise.all([page.waitForURL(`**${SITE_BASE}postmortems/402/`), page.getByRole('link', { name: 'Read the post-mortem' }).click()]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Post-mortem: docs search returned no results (#402)');
    await expect(page.getByRole('heading', { name: 'Root cause (5 whys)' }).count()).resolves.toBe(1);
    // The third item is unticked but its linked issue (#413) is closed, which counts as done.
    expect(await page.locator('[data-action-done]').evaluateAll((items) => items.map((i) => i.getAttribute('data-action-done')))).toEqual([
      'true',
      'false',
      'true',
    ]);
    await expect(page.getByText('2 of 3 done.').count()).resolves.toBe(1);
    await Promise.all([page.waitForURL(`**${SITE_BASE}incidents/402/`), page.getByRole('link', { name: /← Incident #402/ }).click()]);
    expect(listProblems(visitor.problems)).toEqual([]);
  });

  test('history pagination: Older → to the last page and Newer ← back, every incident once', async () => {
    await visitor.visit(`${SITE_BASE}history/`);
    const page = visitor.page;
    const total = Number(/(\d+) incidents/.exec(await page.locator('main p.muted').first().innerText())?.[1]);
    const seen: string[] = [];
    const pages: string[] = [];
    for (;;) {
      pages.push(new URL(page.url()).pathname);
      seen.push(...(await page.locator('[data-incident]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-incident') ?? ''))));
      const older = page.getByRole('link', { name: 'Older →' });
      if ((await older.count()) === 0) break;
      await Promise.all([page.waitForURL((url) => url.pathname !== pages.at(-1)), older.click()]);
    }
    expect(pages).toEqual([`${SITE_BASE}history/`, `${SITE_BASE}history/2/`, `${SITE_BASE}history/3/`]);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    await Promise.all([page.waitForURL(`**${SITE_BASE}history/2/`), page.getByRole('link', { name: '← Newer' }).click()]);
    await Promise.all([page.waitForURL(`**${SITE_BASE}history/`), page.getByRole('link', { name: '← Newer' }).click()]);
    expect(await page.getByRole('link', { name: '← Newer' }).count()).toBe(0);
    expect(listProblems(visitor.problems)).toEqual([]);
  });

  test('component page, reached from the home page, shows its status and incidents', async () => {
    await visitor.visit(SITE_BASE);
    const page = visitor.page;
    await Promise.all([page.waitForURL(`**${SITE_BASE}components/cli/`), page.locator('[data-component="cli"] > a').click()]);
    await expect(page.locator('[data-component-status]').textContent()).resolves.toBe('Major outage');
    expect(await page.locator('[data-incident="412"]').count()).toBe(1);
    expect(await page.locator('[data-incident]').count()).toBeGreaterThan(1);
    expect(listProblems(visitor.problems)).toEqual([]);
  });

  test('the header navigation reaches every section under the sub-path', async () => {
    await visitor.visit(`${SITE_BASE}incidents/410/`);
    const page = visitor.page;
    for (const [name, path] of [
      ['History', 'history/'],
      ['Post-mortems', 'postmortems/'],
      ['Status', ''],
      ['Quill status', ''],
    ] as const) {
      await page.getByRole('banner').getByRole('link', { name, exact: true }).click();
      await page.waitForURL(`**${SITE_BASE}${path}`);
      expect(new URL(page.url()).pathname).toBe(`${SITE_BASE}${path}`);
    }
    expect(listProblems(visitor.problems)).toEqual([]);
  });

  test('the 404 page answers unknown addresses with status 404 and a way home', async () => {
    const { response } = await visitor.visit(`${SITE_BASE}incidents/999999/`);
    expect(response?.status()).toBe(404);
    const page = visitor.page;
    await Promise.all([page.waitForURL(`**${SITE_BASE}`), page.getByRole('link', { name: 'See the current status' }).click()]);
    await expect(page.locator('.banner [data-banner]').textContent()).resolves.toBe('Major outage');
  });
});

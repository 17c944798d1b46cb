/**
 * A status page must be readable with JavaScript off (blocked by an extension, a corporate proxy,
 * a text browser, a script that failed to load on a bad network). For every built page: what a
 * visitor reads without JavaScript is what they read with it, except the times, which the script
 * only re-expresses in the visitor's zone.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSkipReason } from '../../scripts/lib/site/chromium.ts';
import { listHtmlFiles, pagePathOf } from '../../scripts/lib/site/demo-site.ts';
import { createVisitor, listProblems, type Visitor } from './support/harness.ts';
import { useBrowserSuite } from './support/suite.ts';

const skip = browserSkipReason('tests/browser/no-javascript.test.ts');

/** The page's visible text, with every time the script may rewrite replaced by a marker. */
function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll('time[data-local], [data-relative], [data-tz-note], [data-ongoing-since]')) el.textContent = '⟨time⟩';
    for (const el of copy.querySelectorAll('script')) el.remove();
    // innerText needs layout: measure the copy in place of the original, then put it back.
    const original = document.body;
    original.replaceWith(copy);
    const text = copy.innerText;
    copy.replaceWith(original);
    return text;
  });
}

// Skips only when Chromium is missing outside CI; browserSkipReason prints why and how to
// install it. In CI it never skips: the launch fails instead.
describe.skipIf(skip !== undefined)('every page without JavaScript', () => {
  const suite = useBrowserSuite();
  let off: Visitor;
  let on: Visitor;
  beforeAll(async () => {
    [off, on] = await Promise.all([
      createVisitor(suite().browser, suite().server.origin, { javaScript: false }),
      createVisitor(suite().browser, suite().server.origin),
    ]);
  });
  afterAll(async () => {
    await off?.close();
    await on?.close();
  });

  test('reads the same as with JavaScript, apart from the times', async () => {
    const files = listHtmlFiles(suite().dir);
    expect(files.length).toBeGreaterThan(30);
    const differences: string[] = [];
    for (const file of files) {
      const path = pagePathOf(file);
      const [withoutJs, withJs] = [await off.visit(path), await on.visit(path)];
      const status = file === '404.html' ? undefined : 200;
      if (status && withoutJs.response?.status() !== status) differences.push(`${file}: HTTP ${withoutJs.response?.status()}`);
      differences.push(...listProblems(withoutJs.problems, status ? undefined : 404).map((p) => `${file} (no JS): ${p}`));
      differences.push(...listProblems(withJs.problems, status ? undefined : 404).map((p) => `${file} (JS): ${p}`));
      const [textOff, textOn] = [await readableText(off.page), await readableText(on.page)];
      if (textOff !== textOn) differences.push(`${file}: text differs with JavaScript on:\n--- off\n${textOff}\n--- on\n${textOn}`);
      if (!/\S/.test(await off.page.locator('h1').first().innerText())) differences.push(`${file}: no visible h1`);
    }
    expect(differences).toEqual([]);
  });

  test('the home page shows what matters at once: status, incidents, the component groups with something wrong', async () => {
    await off.visit(pagePathOf('index.html'));
    const page = off.page;
    await expect(page.locator('.banner').isVisible()).resolves.toBe(true);
    expect(await page.locator('details').count()).toBeGreaterThan(0);
    // A group opens without JavaScript when something in it is not operational; the rest stay one click away.
    const groups = await page
      .locator('details[data-group]')
      .evaluateAll((els) =>
        els.map((d) => ({ open: d.hasAttribute('open'), troubled: d.querySelector('[data-component]:not([data-status="operational"])') !== null })),
      );
    expect(groups.map((g) => g.open)).toEqual(groups.map((g) => g.troubled));
    expect(await page.locator('[data-component]').count()).toBe(7);
    const troubled = page.locator('[data-component]:not([data-status="operational"])');
    expect(await troubled.count()).toBeGreaterThan(0);
    expect(await page.locator('[data-component]:not([data-status="operational"]):visible').count()).toBe(await troubled.count());
    expect(await page.locator('[data-incident]:visible').count()).toBeGreaterThanOrEqual(2);
    // Nothing is waiting for a script to reveal it, except the warning for a page that went stale.
    expect(await page.locator('[hidden]').evaluateAll((els) => els.map((el) => el.id))).toEqual(['stale-warning']);
  });
});

/**
 * How the pages look: light and dark colour schemes follow the visitor's setting, a 375-px phone
 * never scrolls sideways, and screenshots of the home page are saved for a person to look at
 * (test-artifacts/screenshots/, git-ignored).
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserSkipReason } from '../../scripts/lib/site/chromium.ts';
import { listHtmlFiles, pagePathOf, SITE_BASE } from '../../scripts/lib/site/demo-site.ts';
import { ROOT } from '../../src/data/paths.ts';
import { createVisitor, listProblems, MOBILE, type Visitor } from './support/harness.ts';
import { PAGE_TYPES, useBrowserSuite } from './support/suite.ts';

const skip = browserSkipReason('tests/browser/appearance.test.ts');
const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');

/** Relative luminance (WCAG) of a computed `rgb(…)` colour. */
function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function bodyColours(page: Page): Promise<{ background: number; text: number }> {
  const { background, text } = await page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, text: style.color };
  });
  return { background: luminance(background), text: luminance(text) };
}

// Skips only when Chromium is missing outside CI; browserSkipReason prints why and how to
// install it. In CI it never skips: the launch fails instead.
describe.skipIf(skip !== undefined)('appearance: colour schemes, a phone, screenshots', () => {
  const suite = useBrowserSuite();
  let light: Visitor;
  let dark: Visitor;
  let phone: Visitor;
  beforeAll(async () => {
    const { browser, server } = suite();
    [light, dark, phone] = await Promise.all([
      createVisitor(browser, server.origin, { colorScheme: 'light' }),
      createVisitor(browser, server.origin, { colorScheme: 'dark' }),
      createVisitor(browser, server.origin, { viewport: MOBILE }),
    ]);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await Promise.all([light?.close(), dark?.close(), phone?.close()]);
  });

  test.each(PAGE_TYPES)('$name follows the light and the dark colour scheme', async ({ path: pagePath }) => {
    await light.visit(`${SITE_BASE}${pagePath}`);
    await dark.visit(`${SITE_BASE}${pagePath}`);
    const [l, d] = [await bodyColours(light.page), await bodyColours(dark.page)];
    expect(l.background).toBeGreaterThan(0.9);
    expect(l.text).toBeLessThan(0.05);
    expect(d.background).toBeLessThan(0.02);
    expect(d.text).toBeGreaterThan(0.7);
  });

  test('no page scrolls sideways on a 375-px phone', async () => {
    const overflowing: string[] = [];
    for (const file of listHtmlFiles(suite().dir)) {
      await phone.visit(pagePathOf(file));
      const widths = await phone.page.evaluate(() => {
        const root = document.documentElement;
        // Elements sticking out of the viewport, outside any box that scrolls on its own.
        const culprits = Array.from(document.body.querySelectorAll('*'))
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
          .filter((el) => !el.parentElement?.closest('pre, table, .prose table'))
          .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`);
        return { scroll: root.scrollWidth, client: root.clientWidth, culprits: culprits.slice(0, 5) };
      });
      if (widths.scroll > widths.client) overflowing.push(`${file}: ${widths.scroll}px > ${widths.client}px (${widths.culprits.join(', ')})`);
    }
    expect(overflowing).toEqual([]);
  });

  test('screenshots of the home page: desktop, mobile and dark', async () => {
    const shots = [
      ['home-desktop.png', light],
      ['home-mobile.png', phone],
      ['home-dark.png', dark],
    ] as const;
    for (const [name, visitor] of shots) {
      const { problems } = await visitor.visit(SITE_BASE);
      expect(listProblems(problems)).toEqual([]);
      const file = path.join(SCREENSHOTS, name);
      await visitor.page.screenshot({ path: file, fullPage: true });
      expect(statSync(file).size).toBeGreaterThan(20_000);
    }
    await dark.visit(`${SITE_BASE}incidents/412/`);
    await dark.page.screenshot({ path: path.join(SCREENSHOTS, 'incident-dark.png'), fullPage: true });
    await phone.visit(`${SITE_BASE}incidents/412/`);
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'incident-mobile.png'), fullPage: true });
  });
});

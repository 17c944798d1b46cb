/**
 * "Your brand" in Chromium (issue #13): the demo's incidents built with an accent that fails
 * WCAG AA in both themes, a logo, header links and a footer link. The shaded accent is what the
 * browser renders (the inline CSS wins over the stylesheet), and axe finds no serious or critical
 * violation in the light or the dark scheme.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { browserSkipReason, launchChromium } from '../../scripts/lib/site/chromium.ts';
import { DEMO_NOW } from '../../scripts/lib/site/demo-site.ts';
import { type StaticServer, startStaticServer } from '../../scripts/lib/site/static-server.ts';
import { generateDemoSnapshot } from '../../src/demo/generate-demo.ts';
import { buildFixture, type FixtureBuild } from '../support/build.ts';
import { runAxe } from './support/axe.ts';
import { createVisitor, type Visitor } from './support/harness.ts';

const skip = browserSkipReason('tests/browser/brand.test.ts');
const ROOT = path.resolve(import.meta.dirname, '../..');
const SITE_URL = 'http://127.0.0.1/brand/status';
const BASE = '/brand/status/';
// #0b5fff (the example) has 3.9:1 on the light theme's backgrounds and 2.7:1 on the dark ones.
const ACCENT = '#0b5fff';
const SHADES = { light: 'rgb(10, 86, 232)', dark: 'rgb(84, 143, 255)' } as const;
const PAGES = ['', 'incidents/412/', 'history/', 'maintenance/414/'];

describe.skipIf(skip !== undefined)('brand keys in Chromium', () => {
  let site: FixtureBuild;
  let server: StaticServer;
  let browser: Browser;
  const visitors = new Map<'light' | 'dark', Visitor>();

  beforeAll(async () => {
    const publicDir = mkdtempSync(path.join(tmpdir(), 'sitrep-public-'));
    writeFileSync(
      path.join(publicDir, 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#0b5fff"/></svg>',
    );
    const demoConfig = parse(readFileSync(path.join(ROOT, 'src/demo/status.yml'), 'utf8')) as object;
    const [build, launched] = await Promise.all([
      buildFixture({
        now: DEMO_NOW,
        siteUrl: SITE_URL,
        config: {
          ...demoConfig,
          logo: 'logo.svg',
          favicon: 'logo.svg',
          accent: ACCENT,
          links: [{ text: 'Discord', url: 'https://discord.example/quill' }],
          footer: 'Run by the [Quill](https://quill-lang.org) maintainers.',
        },
        snapshot: generateDemoSnapshot(new Date(Date.parse(DEMO_NOW) - 3 * 60_000)),
        postmortems: { '40.md': readFileSync(path.join(ROOT, 'src/demo/postmortems/40.md'), 'utf8') },
        env: { SITREP_PUBLIC: publicDir },
      }),
      launchChromium(),
    ]);
    site = build;
    browser = launched;
    if (site.code !== 0) throw new Error(`fixture build failed:\n${site.stderr}\n${site.stdout}`);
    server = await startStaticServer({ root: site.outDir, base: BASE });
    for (const scheme of ['light', 'dark'] as const) visitors.set(scheme, await createVisitor(browser, server.origin, { colorScheme: scheme }));
  });
  afterAll(async () => {
    for (const visitor of visitors.values()) await visitor.close();
    await browser?.close();
    await server?.close();
  });

  test.each(PAGES.flatMap((page) => (['light', 'dark'] as const).map((scheme) => ({ page, scheme }))))(
    '/$page ($scheme): links in the shaded accent, logo loaded, axe finds nothing serious',
    async ({ page, scheme }) => {
      const visitor = visitors.get(scheme);
      if (!visitor) throw new Error(`no ${scheme} visitor`);
      const { problems } = await visitor.visit(`${BASE}${page}`);
      expect([...problems.failedRequests, ...problems.httpErrors, ...problems.outbound, ...problems.consoleErrors]).toEqual([]);
      const colours = await visitor.page.evaluate(() => ({
        header: getComputedStyle(document.querySelector('header nav a[data-brand-link]') as Element).color,
        footer: getComputedStyle(document.querySelector('footer [data-brand-footer] a') as Element).color,
      }));
      expect(colours).toEqual({ header: SHADES[scheme], footer: SHADES[scheme] });
      expect(await visitor.page.locator('img[data-brand-logo]').evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
      const blocking = (await runAxe(visitor.page)).filter((f) => f.impact === 'serious' || f.impact === 'critical');
      expect(blocking).toEqual([]);
    },
  );

  test('the accent as given would have failed: axe reports it once the shade is undone', async () => {
    // Dark: #0b5fff has 3.7:1 even on the page background there, so every link fails.
    const visitor = visitors.get('dark');
    if (!visitor) throw new Error('no dark visitor');
    await visitor.visit(BASE);
    await visitor.page.addStyleTag({ content: `html:root:root{--link:${ACCENT}}` });
    expect((await runAxe(visitor.page)).map((f) => f.id)).toContain('color-contrast');
  });
});

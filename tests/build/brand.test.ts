/**
 * "Your brand" (issue #13) in the real build: logo, favicon, accent, header links and footer from
 * content/status.yml, on every page, with hostile link and footer text kept as text.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, type FixtureBuild, text } from '../support/build.ts';
import { CONFIG_INPUT, snapshot } from '../support/records.ts';

const HOSTILE_LINK = '<img src=x onerror="alert(1)">Chat';
const HOSTILE_FOOTER = 'Run by [Acme](https://acme.example/about) · <script>alert("footer")</script> <b onclick="x()">b</b> [bad](javascript:alert(1)) `npm i`';
const PAGES = ['', 'history/', 'severity/'];

function publicDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-public-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b5fff"/></svg>';

let site: FixtureBuild;
beforeAll(async () => {
  site = await buildFixture({
    config: {
      ...CONFIG_INPUT,
      logo: '/brand/logo.svg',
      favicon: 'favicon.png',
      // Fails 4.5:1 in both themes: darkened for light, lightened for dark.
      accent: '#0b5fff',
      links: [
        { text: 'Discord', url: 'https://discord.example/acme' },
        { text: HOSTILE_LINK, url: 'https://acme.example/' },
      ],
      footer: HOSTILE_FOOTER,
    },
    snapshot: snapshot([]),
    env: { SITREP_PUBLIC: publicDir({ 'brand/logo.svg': SVG, 'favicon.png': 'not really a png' }) },
  });
  if (site.code !== 0) throw new Error(`fixture build failed:\n${site.stderr}\n${site.stdout}`);
});

describe.each(PAGES)('page "%s" with every brand key set', (page) => {
  test('the logo sits in the header link, its alt text the title, loaded from public/ under the base path', () => {
    const doc = site.page(page);
    const img = doc.querySelector('header.site a.brand img[data-brand-logo]');
    expect(img?.getAttribute('src')).toBe('/status-sub/brand/logo.svg');
    expect(img?.getAttribute('alt')).toBe('Acme status');
    expect(doc.querySelector('header.site a.brand')?.getAttribute('href')).toBe('/status-sub/');
    expect(site.exists('brand/logo.svg')).toBe(true);
  });

  test('one icon: the configured favicon, typed from its extension', () => {
    const icons = [...site.page(page).querySelectorAll('link[rel="icon"]')];
    expect(icons.map((l) => [l.getAttribute('href'), l.getAttribute('type')])).toEqual([['/status-sub/favicon.png', 'image/png']]);
    expect(site.exists('favicon.png')).toBe(true);
  });

  test('the accent is set for both themes, each shade adjusted to 4.5:1', () => {
    const css = site.page(page).querySelector('style[data-brand-accent]')?.textContent ?? '';
    expect(css).toBe('html:root{--link:#0a56e8}@media (prefers-color-scheme: dark){html:root{--link:#548fff}}');
  });

  test('header links follow the navigation; hostile text stays text', () => {
    const doc = site.page(page);
    const links = [...doc.querySelectorAll('header.site nav a[data-brand-link]')];
    expect(links.map((a) => [text(a), a.getAttribute('href')])).toEqual([
      ['Discord', 'https://discord.example/acme'],
      [HOSTILE_LINK, 'https://acme.example/'],
    ]);
    expect(doc.querySelector('header.site img:not([data-brand-logo])')).toBeNull();
    expect(doc.querySelector('[onerror]')).toBeNull();
  });

  test('the footer text renders inline Markdown; raw HTML shows as text and script URLs lose their href', () => {
    const doc = site.page(page);
    const footer = doc.querySelector('footer.site p[data-brand-footer]');
    expect(text(footer)).toBe('Run by Acme · <script>alert("footer")</script> <b onclick="x()">b</b> bad npm i');
    expect([...(footer?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toEqual(['https://acme.example/about', null]);
    expect(footer?.querySelector('code')?.textContent).toBe('npm i');
    expect(doc.querySelector('footer script, footer b, [onclick]')).toBeNull();
  });
});

test('the branded pages are valid HTML (the presets and exceptions of tests/browser/html-validity.test.ts)', async () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended', 'html-validate:document'],
    rules: { 'long-title': 'off', 'void-style': 'off' },
  });
  const messages: string[] = [];
  for (const page of PAGES) {
    const file = path.join(site.outDir, page, 'index.html');
    const report = await validator.validateString(readFileSync(file, 'utf8'), file);
    for (const m of report.results.flatMap((r) => r.messages)) messages.push(`/${page} ${m.ruleId}: ${m.message} (${m.selector ?? ''})`);
  }
  expect(messages).toEqual([]);
});

test('the build log says which theme got which shade', () => {
  expect(site.stderr).toContain(
    `note: accent: "#0b5fff" has 3.9:1 against the light theme's backgrounds (links need 4.5:1); the light theme uses #0a56e8 (4.5:1) instead`,
  );
  expect(site.stderr).toContain('the dark theme uses #548fff (4.5:1) instead');
});

describe('logo and favicon as https URLs', () => {
  test('are used as they are; a colour that passes in a theme is kept there', async () => {
    const build = await buildFixture({
      config: { ...CONFIG_INPUT, logo: 'https://cdn.acme.example/logo', favicon: 'https://cdn.acme.example/icon.svg', accent: '#7CB2FF' },
      snapshot: snapshot([]),
    });
    expect(build.code, build.stderr).toBe(0);
    const doc = build.page('');
    expect(doc.querySelector('img[data-brand-logo]')?.getAttribute('src')).toBe('https://cdn.acme.example/logo');
    const icons = [...doc.querySelectorAll('link[rel="icon"]')].map((l) => [l.getAttribute('href'), l.getAttribute('type')]);
    expect(icons).toEqual([['https://cdn.acme.example/icon.svg', 'image/svg+xml']]);
    // #7cb2ff is the default dark-theme link colour: kept in dark, darkened in light.
    expect(doc.querySelector('style[data-brand-accent]')?.textContent).toBe(
      'html:root{--link:#476591}@media (prefers-color-scheme: dark){html:root{--link:#7cb2ff}}',
    );
  });
});

describe('a logo or favicon missing from public/', () => {
  test.each([
    { key: 'logo', value: 'logo.svg', file: 'logo.svg' },
    { key: 'favicon', value: '/icons/favicon.ico', file: 'icons/favicon.ico' },
  ])('$key: fails the build naming the key and the path', async ({ key, value, file }) => {
    const dir = publicDir({});
    const build = await buildFixture({ config: { ...CONFIG_INPUT, [key]: value }, snapshot: snapshot([]), env: { SITREP_PUBLIC: dir } });
    expect(build.code).not.toBe(0);
    expect(build.stderr).toContain('status.yml is not valid');
    expect(build.stderr).toContain(`${key}: ${path.join(dir, file)} does not exist (put the file there, or use an https:// URL)`);
    expect(build.exists('')).toBe(false);
  });
});

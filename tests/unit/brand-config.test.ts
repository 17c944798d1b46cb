/** The "Your brand" keys of content/status.yml (issue #13): what is accepted, and errors that name the key. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/data/load-config.ts';
import { buildBrand } from '../../src/lib/brand.ts';
import { readAssetRef } from '../../src/lib/brand-assets.ts';
import { configProblems, MINIMAL_CONFIG } from '../support/config-text.ts';
import { config } from '../support/records.ts';

const VALID = MINIMAL_CONFIG;

function problemsOf(text: string): readonly string[] {
  return configProblems(text);
}

describe('accepted', () => {
  test('every key, in the shapes the README shows', () => {
    const parsed = parseConfigText(
      `${VALID}logo: logo.svg\nfavicon: /icons/favicon.ico\naccent: "#0B5FFF"\nlinks:\n  - { text: Discord, url: "https://discord.gg/acme" }\n  - text: " Home "\n    url: http://acme.example\nfooter: "Run by [Acme](https://acme.example)."\n`,
      'status.yml',
    );
    expect(parsed).toMatchObject({
      logo: 'logo.svg',
      favicon: '/icons/favicon.ico',
      accent: '#0B5FFF',
      links: [
        { text: 'Discord', url: 'https://discord.gg/acme' },
        { text: 'Home', url: 'http://acme.example' },
      ],
      footer: 'Run by [Acme](https://acme.example).',
    });
  });

  test('all optional: no links by default, no brand shown', () => {
    const parsed = parseConfigText(VALID, 'status.yml');
    expect(parsed.links).toEqual([]);
    expect(buildBrand(parsed)).toEqual({
      brand: { logo: null, favicon: null, accent: null, accentCss: null, links: [], footerHtml: null },
      notices: [],
    });
  });
});

test('the commented brand example in content/status.yml is valid once uncommented', () => {
  const example = readFileSync(path.resolve(import.meta.dirname, '../../content/status.yml'), 'utf8');
  const uncommented = example
    .slice(example.indexOf('# Your brand'))
    .split('\n')
    .filter((line) => /^# (logo|favicon|accent|links|footer):|^# {3}- /.test(line))
    .map((line) => line.slice(2));
  expect(uncommented.length).toBe(7);
  const { brand } = buildBrand(parseConfigText(`${VALID}${uncommented.join('\n')}\n`, 'status.yml'));
  expect(brand).toMatchObject({
    logo: { kind: 'public', file: 'logo.svg' },
    favicon: { type: 'image/svg+xml' },
    links: [{ text: 'Discord' }, { text: 'Docs' }],
  });
  expect(brand.accentCss).not.toBeNull();
  expect(brand.footerHtml).toContain('<a href="https://your-project.dev/coc">Code of conduct</a>');
});

describe('refused, naming the key', () => {
  test.each([
    { name: 'logo over http', yaml: 'logo: http://cdn.example/logo.svg', problem: 'logo: use a file in public/ (e.g. "logo.svg") or an https:// URL' },
    { name: 'logo as a data URL', yaml: 'logo: "data:image/svg+xml,<svg/>"', problem: 'logo: use a file in public/ (e.g. "logo.svg") or an https:// URL' },
    { name: 'logo as javascript', yaml: 'logo: "javascript:alert(1)"', problem: 'logo: use a file in public/ (e.g. "logo.svg") or an https:// URL' },
    { name: 'logo outside public/', yaml: 'logo: ../secrets/logo.png', problem: 'logo: use a file in public/ (e.g. "logo.svg") or an https:// URL' },
    { name: 'logo protocol-relative', yaml: 'logo: //cdn.example/logo.svg', problem: 'logo: use a file in public/ (e.g. "logo.svg") or an https:// URL' },
    { name: 'logo not an image', yaml: 'logo: logo.txt', problem: 'logo: use a .svg, .png, .jpg, .jpeg, .webp, .gif, .avif file' },
    { name: 'favicon as jpg', yaml: 'favicon: favicon.jpg', problem: 'favicon: use a .svg, .png, .ico file' },
    { name: 'favicon URL without a type', yaml: 'favicon: https://cdn.example/icon', problem: 'favicon: use a .svg, .png, .ico file' },
    {
      name: 'favicon in a hidden folder',
      yaml: 'favicon: .well-known/icon.png',
      problem: 'favicon: use a file in public/ (e.g. "logo.svg") or an https:// URL',
    },
    {
      name: 'accent unquoted (a YAML comment)',
      yaml: 'accent: #0b5fff',
      problem: 'accent: use a quoted hex colour, "#rgb" or "#rrggbb", e.g. accent: "#0b5fff" (unquoted, # starts a YAML comment)',
    },
    {
      name: 'accent as a name',
      yaml: 'accent: blue',
      problem: 'accent: use a quoted hex colour, "#rgb" or "#rrggbb", e.g. accent: "#0b5fff" (unquoted, # starts a YAML comment)',
    },
    {
      name: 'accent as rgb()',
      yaml: 'accent: "rgb(0, 0, 255)"',
      problem: 'accent: use a quoted hex colour, "#rgb" or "#rrggbb", e.g. accent: "#0b5fff" (unquoted, # starts a YAML comment)',
    },
    {
      name: 'accent with alpha',
      yaml: 'accent: "#0b5fff80"',
      problem: 'accent: use a quoted hex colour, "#rgb" or "#rrggbb", e.g. accent: "#0b5fff" (unquoted, # starts a YAML comment)',
    },
    {
      name: 'accent CSS injection',
      yaml: 'accent: "#fff}body{display:none"',
      problem: 'accent: use a quoted hex colour, "#rgb" or "#rrggbb", e.g. accent: "#0b5fff" (unquoted, # starts a YAML comment)',
    },
    { name: 'link without text', yaml: 'links:\n  - { text: "  ", url: "https://a.example" }', problem: 'links.0.text: give the link a text' },
    {
      name: 'link text too long',
      yaml: `links:\n  - { text: "${'x'.repeat(41)}", url: "https://a.example" }`,
      problem: 'links.0.text: keep it to 40 characters',
    },
    { name: 'link to a script', yaml: 'links:\n  - { text: Chat, url: "javascript:alert(1)" }', problem: 'links.0.url: use an http:// or https:// URL' },
    { name: 'link with a typo', yaml: 'links:\n  - { txt: Chat, url: "https://a.example" }', problem: 'links.0: unknown key "txt"' },
    {
      name: 'too many links',
      yaml: `links:\n${Array.from({ length: 7 }, (_, i) => `  - { text: L${i}, url: "https://a.example/${i}" }`).join('\n')}`,
      problem: 'links: list at most 6 header links',
    },
    { name: 'empty footer', yaml: 'footer: "  "', problem: 'footer: leave footer out, or give it a text' },
    { name: 'long footer', yaml: `footer: "${'x'.repeat(501)}"`, problem: 'footer: keep it to 500 characters' },
  ])('$name', ({ yaml, problem }) => {
    expect(problemsOf(`${VALID}${yaml}\n`)).toContain(problem);
  });
});

describe('reading a logo or favicon reference', () => {
  test.each([
    { ref: 'logo.svg', read: { kind: 'public', file: 'logo.svg' } },
    { ref: '/logo.svg', read: { kind: 'public', file: 'logo.svg' } },
    { ref: 'img/brand/logo.v2.png', read: { kind: 'public', file: 'img/brand/logo.v2.png' } },
    { ref: 'https://cdn.example/a/logo.svg?v=2', read: { kind: 'url', url: 'https://cdn.example/a/logo.svg?v=2' } },
    { ref: 'HTTPS://cdn.example/logo.svg', read: { kind: 'url', url: 'HTTPS://cdn.example/logo.svg' } },
    { ref: 'http://cdn.example/logo.svg', read: null },
    { ref: 'https:/cdn.example/logo.svg', read: null },
    { ref: 'java\tscript:alert(1)', read: null },
    { ref: 'img/../../etc/passwd', read: null },
    { ref: 'img//logo.svg', read: null },
    { ref: '\\\\host\\logo.svg', read: null },
    { ref: 'logo .svg', read: null },
    { ref: '', read: null },
  ])('$ref', ({ ref, read }) => {
    expect(readAssetRef(ref)).toEqual(read);
  });
});

test('the brand view resolves the favicon type and renders the footer', () => {
  const { brand } = buildBrand(config({ favicon: 'https://cdn.example/icon.ICO', footer: 'By **Acme**' }));
  expect(brand.favicon).toEqual({ ref: { kind: 'url', url: 'https://cdn.example/icon.ICO' }, type: 'image/x-icon' });
  expect(brand.footerHtml).toBe('By <strong>Acme</strong>');
});

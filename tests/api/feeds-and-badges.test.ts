/**
 * The feeds and badges of a real `astro build` of the fixture, read with a strict XML parser
 * (@xmldom/xmldom stops at the first warning): they must parse, link to pages that exist, carry
 * untrusted titles as text, and be discoverable from every page's <head>.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, onWarningStopParsing, type Document as XmlDocument, type Element as XmlElement } from '@xmldom/xmldom';
import { beforeAll, describe, expect, test } from 'vitest';
import { componentBadgePath, componentFeedPath, SITE_BADGE, SITE_FEEDS } from '../../src/lib/api/paths.ts';
import { buildFixture, type FixtureBuild, parseHtml } from '../support/build.ts';
import { CONFIG, fixtureIssues, fixtureSnapshot, HOSTILE_TITLE_AS_XML_TEXT, NOW, POSTMORTEMS } from './fixture.ts';

const SITE = 'http://127.0.0.1/status-sub';
const ATOM = 'http://www.w3.org/2005/Atom';

let site: FixtureBuild;
beforeAll(async () => {
  site = await buildFixture({ config: CONFIG, snapshot: fixtureSnapshot(), postmortems: POSTMORTEMS, now: NOW, siteUrl: SITE });
  if (site.code !== 0) throw new Error(`build failed:\n${site.stderr}`);
});

const parseXml = (file: string): XmlDocument =>
  new DOMParser({ onError: onWarningStopParsing }).parseFromString(readFileSync(path.join(site.outDir, file), 'utf8'), 'text/xml');
const children = (parent: XmlElement | XmlDocument, name: string): XmlElement[] => Array.from(parent.getElementsByTagName(name));
const textOf = (parent: XmlElement, name: string): string => children(parent, name)[0]?.textContent ?? '';
/** What an HTML-typed Atom text means, decoded by an HTML parser. */
const htmlText = (html: string): string => parseHtml(`<p>${html}</p>`).querySelector('p')?.textContent ?? '';

/** The site path of an absolute link under the site, checked to exist in the build. */
function expectPage(href: string): string {
  expect(href.startsWith(`${SITE}/`), href).toBe(true);
  const pagePath = new URL(href).pathname.slice('/status-sub/'.length);
  expect(site.exists(pagePath), `${pagePath} is built`).toBe(true);
  return pagePath;
}

describe('site-wide feeds', () => {
  test('Atom: a valid feed whose entries link to incident pages, newest first', () => {
    const doc = parseXml(SITE_FEEDS.atom);
    expect(doc.documentElement?.namespaceURI).toBe(ATOM);
    const entries = children(doc, 'entry');
    expect(entries.length).toBe(100);
    const updated = entries.map((e) => textOf(e, 'updated'));
    expect(updated).toEqual([...updated].sort().reverse());
    for (const entry of entries) {
      const href = children(entry, 'link')[0]?.getAttribute('href') ?? '';
      expect(expectPage(href.replace(/#.*$/, ''))).toMatch(/^incidents\/\d+\/$/);
      expect(textOf(entry, 'id')).toMatch(/^urn:sitrep:acme-widgets:incident:\d+:/);
    }
    const self = children(doc, 'link').find((l) => l.getAttribute('rel') === 'self');
    expect(self?.getAttribute('href')).toBe(`${SITE}/history.atom`);
  });

  test('RSS: a valid channel with the same entries', () => {
    const doc = parseXml(SITE_FEEDS.rss);
    expect(doc.documentElement?.getAttribute('version')).toBe('2.0');
    const items = children(doc, 'item');
    expect(items.length).toBe(100);
    const atom = children(parseXml(SITE_FEEDS.atom), 'entry');
    expect(items.map((i) => textOf(i, 'guid'))).toEqual(atom.map((e) => textOf(e, 'id')));
    for (const item of items) expectPage(textOf(item, 'link').replace(/#.*$/, ''));
  });

  test('an update links to its place on the incident page', () => {
    const entry = children(parseXml(SITE_FEEDS.atom), 'entry').find((e) => textOf(e, 'id').endsWith(':5002'));
    expect(entry && textOf(entry, 'title')).toBe('Identified: Installs fail with 404');
    expect(entry && children(entry, 'link')[0]?.getAttribute('href')).toBe(`${SITE}/incidents/101/#update-5002`);
    expect(parseHtml(readFileSync(path.join(site.outDir, 'incidents/101/index.html'), 'utf8')).getElementById('update-5002')).not.toBeNull();
  });

  test('an untrusted title with markup, entities and two CDATA ends stays text', () => {
    const atomEntry = children(parseXml(SITE_FEEDS.atom), 'entry').find((e) => textOf(e, 'id').endsWith(':103-opened'));
    const rssItem = children(parseXml(SITE_FEEDS.rss), 'item').find((i) => textOf(i, 'guid').endsWith(':103-opened'));
    if (!atomEntry || !rssItem) throw new Error('incident 103 is missing from the feeds');
    expect(children(atomEntry, 'title')[0]?.getAttribute('type')).toBe('html');
    expect(htmlText(textOf(atomEntry, 'title'))).toBe(`Investigating: ${HOSTILE_TITLE_AS_XML_TEXT}`);
    // RSS titles are plain text; inside CDATA a "]]>" can only be written as "]]&gt;".
    expect(textOf(rssItem, 'title')).toBe(`Investigating: ${HOSTILE_TITLE_AS_XML_TEXT.replaceAll(']]>', ']]&gt;')}`);
    const content = parseHtml(textOf(atomEntry, 'content'));
    expect(content.querySelector('script, b')).toBeNull();
    expect(content.body.textContent).toContain('Pages show raw & ]]> markup.');
  });
});

describe('per-component feeds', () => {
  /** Incident numbers naming the component (by label, as every fixture incident does), newest first. */
  const naming = (id: string): string[] =>
    fixtureIssues()
      .filter((i) => i.labels.includes('incident') && i.labels.includes(`component:${id}`))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((i) => String(i.number));

  test.each(CONFIG.components.map((c) => ({ id: c.id })))('$id: only incidents naming it, the newest included', ({ id }) => {
    const expected = naming(id);
    for (const format of ['atom', 'rss'] as const) {
      const doc = parseXml(componentFeedPath(id, format));
      const links =
        format === 'atom'
          ? children(doc, 'entry').map((e) => children(e, 'link')[0]?.getAttribute('href') ?? '')
          : children(doc, 'item').map((i) => textOf(i, 'link'));
      const numbers = new Set(links.map((l) => /\/incidents\/(\d+)\//.exec(l)?.[1] ?? l));
      expect(
        [...numbers].filter((n) => !expected.includes(n)),
        format,
      ).toEqual([]);
      expect(numbers.has(expected[0] ?? 'none'), format).toBe(true);
    }
  });
});

describe('feed discovery', () => {
  test('every page links the site-wide feeds in its <head>, and each link resolves', () => {
    const pages = site.htmlFiles();
    expect(pages.length).toBeGreaterThan(60);
    for (const file of pages) {
      const doc = parseHtml(readFileSync(path.join(site.outDir, file), 'utf8'));
      const links = Array.from(doc.head.querySelectorAll('link[rel="alternate"]')).map((l) => [l.getAttribute('type'), l.getAttribute('href')]);
      expect(links.slice(0, 2), file).toEqual([
        ['application/atom+xml', `/status-sub/${SITE_FEEDS.atom}`],
        ['application/rss+xml', `/status-sub/${SITE_FEEDS.rss}`],
      ]);
      for (const [, href] of links) expect(site.exists((href ?? '').slice('/status-sub/'.length)), `${file}: ${href}`).toBe(true);
    }
  });

  test("a component's page also links its own feeds", () => {
    const doc = site.page('components/cli/');
    const hrefs = Array.from(doc.head.querySelectorAll('link[rel="alternate"]')).map((l) => l.getAttribute('href'));
    expect(hrefs).toEqual([
      `/status-sub/${SITE_FEEDS.atom}`,
      `/status-sub/${SITE_FEEDS.rss}`,
      `/status-sub/${componentFeedPath('cli', 'atom')}`,
      `/status-sub/${componentFeedPath('cli', 'rss')}`,
    ]);
  });
});

describe('badges', () => {
  test.each([
    { file: SITE_BADGE, label: 'status', message: 'major outage', title: 'Acme status: major outage' },
    { file: componentBadgePath('cli'), label: 'CLI', message: 'under maintenance', title: 'Acme status, CLI: under maintenance' },
    { file: componentBadgePath('npm'), label: 'npm packages', message: 'major outage', title: 'Acme status, npm packages: major outage' },
    { file: componentBadgePath('docs'), label: 'Documentation', message: 'degraded performance', title: 'Acme status, Documentation: degraded performance' },
    { file: componentBadgePath('site'), label: 'Website', message: 'partial outage', title: 'Acme status, Website: partial outage' },
  ])('$file: "$label | $message"', ({ file, label, message, title }) => {
    const svg = parseXml(file).documentElement;
    if (!svg) throw new Error(`${file} has no root element`);
    expect([svg.namespaceURI, svg.getAttribute('role'), svg.getAttribute('aria-label')]).toEqual(['http://www.w3.org/2000/svg', 'img', title]);
    expect(textOf(svg, 'title')).toBe(title);
    const visible = children(svg, 'text')
      .filter((t) => t.getAttribute('aria-hidden') !== 'true')
      .map((t) => t.textContent);
    expect(visible).toEqual([label, message]);
    expect(Number(svg.getAttribute('width'))).toBeGreaterThan(6 * (label.length + message.length));
  });
});

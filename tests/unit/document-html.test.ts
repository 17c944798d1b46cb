/**
 * The document every page is (src/lib/document-html.ts, issue #15): Base.astro wraps the pages'
 * templates in it and the incident pages' endpoint writes it directly. A `diff -r` of the demo
 * build and of a 1,000-incident build showed it byte for byte what the layout's template wrote, and
 * tests/build/site.test.ts holds every built page, incident pages included, to the same frame;
 * these check what a string can get wrong on its own: text from the config and the page staying
 * text, the canonical URL, and where the body and the stylesheet go.
 */
import { describe, expect, test } from 'vitest';
import { canonicalUrl, type DocumentContext, documentHtml } from '../../src/lib/document-html.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel, type SiteModel } from '../../src/lib/site-model.ts';
import { makeUrls } from '../../src/lib/urls.ts';
import { parseHtml } from '../support/build.ts';
import { type CONFIG_INPUT, config, snapshot } from '../support/records.ts';

const HOSTILE = `</title><script>alert(1)</script><img src=x onerror="alert(2)"> & 'quotes' "too"`;
const context: DocumentContext = { urls: makeUrls('/status-sub'), base: '/status-sub', site: 'https://acme.github.io', css: 'main{color:red}' };

function model(overrides: Partial<typeof CONFIG_INPUT> = {}): SiteModel {
  return buildSiteModel({
    config: config(overrides),
    snapshot: SnapshotSchema.parse(snapshot([])),
    postmortemFiles: [],
    now: new Date('2026-11-21T12:00:00Z'),
    demo: false,
  });
}

describe('documentHtml', () => {
  test('the page title, the site title and the description stay text', () => {
    const html = documentHtml(
      model({ title: `Acme ${HOSTILE}` }),
      context,
      { pathname: '/status-sub/incidents/7/', title: `Down ${HOSTILE}`, description: `Now ${HOSTILE}` },
      '<p>body</p>',
    );
    const doc = parseHtml(html);
    expect(doc.querySelector('title')?.textContent).toBe(`Down ${HOSTILE} · Acme ${HOSTILE}`);
    expect(doc.querySelector('meta[name="description"]')?.getAttribute('content')).toBe(`Now ${HOSTILE}`);
    // The only script is the page's own, at the end of the body; nothing the text held became an element.
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.querySelector('body > script:last-of-type')?.textContent).toContain('data-local');
    expect(doc.querySelectorAll('img, [onerror]')).toHaveLength(0);
  });

  test('without a title or description the page is the site: its title and configured description', () => {
    const doc = parseHtml(documentHtml(model(), context, { pathname: '/status-sub/' }, ''));
    expect(doc.querySelector('title')?.textContent).toBe('Acme status');
    expect(doc.querySelector('meta[name="description"]')?.getAttribute('content')).toBe('Status of Acme widgets.');
  });

  test('the body goes into <main> after the notices; the stylesheet into the head; the body carries the data time', () => {
    const site = model();
    const doc = parseHtml(documentHtml(site, context, { pathname: '/status-sub/history/' }, '<h1>History</h1><p id="last">end</p>'));
    const main = doc.querySelector('body > main#main');
    expect(main?.firstElementChild?.id).toBe('stale-warning');
    expect([...(main?.children ?? [])].slice(-2).map((el) => el.tagName)).toEqual(['H1', 'P']);
    expect([...doc.querySelectorAll('style')].map((el) => [el.parentElement?.tagName, el.textContent])).toEqual([['HEAD', 'main{color:red}']]);
    expect(doc.body.getAttribute('data-as-of')).toBe(site.dataAsOf);
    expect(doc.body.getAttribute('data-stale-after')).toBe(String(site.config.staleAfterMinutes));
    expect(doc.querySelector('body > header.site a.brand')?.getAttribute('href')).toBe('/status-sub/');
    expect(doc.querySelector('body > footer.site')).not.toBeNull();
  });

  test("a component's pages link its own feeds; other pages the site's", () => {
    const site = model();
    const feeds = (pathname: string): (string | null)[] =>
      [...parseHtml(documentHtml(site, context, { pathname }, '')).querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute('href'));
    expect(feeds('/status-sub/history/')).toEqual(['/status-sub/history.atom', '/status-sub/history.rss']);
    expect(feeds('/status-sub/components/cli/2/').some((href) => href?.includes('/cli'))).toBe(true);
    expect(feeds('/status-sub/incidents/7/')).toEqual(feeds('/status-sub/'));
  });
});

describe('canonicalUrl', () => {
  test.each([
    { page: { pathname: '/status-sub/history' }, href: 'https://acme.github.io/status-sub/history/' },
    { page: { pathname: '/status-sub/history/2/' }, href: 'https://acme.github.io/status-sub/history/2/' },
    { page: { pathname: '/status-sub/badge.svg' }, href: 'https://acme.github.io/status-sub/badge.svg' },
    { page: { pathname: '/status-sub/nope/', canonicalPath: '/status-sub/404.html' }, href: 'https://acme.github.io/status-sub/404.html' },
  ])('$page.pathname → $href', ({ page, href }) => {
    expect(canonicalUrl(page, 'https://acme.github.io')).toBe(href);
    expect(canonicalUrl(page, new URL('https://acme.github.io/elsewhere/'))).toBe(href);
  });
});

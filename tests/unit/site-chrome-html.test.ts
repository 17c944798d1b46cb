/**
 * What every page has around its content, as strings (src/lib/site-chrome-html.ts, issue #15). The
 * build tests check it on every page type (brand.test.ts, site.test.ts, bad-input.test.ts), and a
 * `diff -r` of the demo build and of a brand-heavy and a stale fixture build showed it byte for
 * byte what the layout's template wrote; these check what a string renderer can get wrong on its
 * own: the branches, and text from the config staying text.
 */
import { Window } from 'happy-dom';
import { describe, expect, test } from 'vitest';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { feedLinksHtml, siteChromeHtml } from '../../src/lib/site-chrome-html.ts';
import { buildSiteModel, type SiteModel } from '../../src/lib/site-model.ts';
import { makeUrls } from '../../src/lib/urls.ts';
import { type CONFIG_INPUT, config, snapshot } from '../support/records.ts';

const HOSTILE = `<img src=x onerror="alert(1)"> & 'quotes' "too"`;
const urls = makeUrls('/status/');

function model(overrides: Partial<typeof CONFIG_INPUT> = {}, records: unknown[] = [], takenAt = '2026-11-21T11:55:00Z'): SiteModel {
  return buildSiteModel({
    config: config(overrides),
    snapshot: SnapshotSchema.parse(snapshot(records, { takenAt })),
    postmortemFiles: [],
    now: new Date('2026-11-21T12:00:00Z'),
    demo: false,
  });
}

function parse(html: string): Document {
  const window = new Window();
  window.document.body.innerHTML = html;
  return window.document as unknown as Document;
}

describe('siteChromeHtml', () => {
  test('the title, link texts and link URLs from the config stay text and attribute values', () => {
    const chrome = siteChromeHtml(
      model({ title: `Acme ${HOSTILE}`, links: [{ text: '<b onclick="x()">Chat</b> & co', url: 'https://acme.example/?a=1&b="2"' }] }),
      urls,
    );
    const doc = parse(chrome.header);
    expect([...doc.querySelectorAll('img, script, b, [onerror], [onclick]')]).toEqual([]);
    expect(doc.querySelector('a.brand')?.textContent).toBe(`Acme ${HOSTILE}`);
    const link = doc.querySelector('a[data-brand-link]');
    expect(link?.textContent).toBe('<b onclick="x()">Chat</b> & co');
    // Astro's own attribute writer leaves an http URL holding `&` unescaped, so a `"` in it would
    // end the attribute; here both are escaped.
    expect(link?.getAttribute('href')).toBe('https://acme.example/?a=1&b="2"');
    expect([...(link?.attributes ?? [])].map((a) => a.name)).toEqual(['href', 'data-brand-link']);
  });

  test('fresh data: the stale warning is there but hidden, and no other notice', () => {
    const doc = parse(siteChromeHtml(model(), urls).notices);
    const stale = doc.querySelector('#stale-warning');
    expect(stale?.hasAttribute('hidden')).toBe(true);
    expect(stale?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-21T11:55:00.000Z');
    expect(doc.querySelectorAll('p')).toHaveLength(1);
  });

  test('stale data and unreadable records: the warning shown with the age, and the incomplete-data notice', () => {
    const doc = parse(
      siteChromeHtml(
        model(
          {},
          [
            { number: 77, title: null },
            { number: 78, title: null },
          ],
          '2026-11-21T10:00:00Z',
        ),
        urls,
      ).notices,
    );
    expect(doc.querySelector('#stale-warning')?.hasAttribute('hidden')).toBe(false);
    expect(doc.querySelector('#stale-warning')?.textContent).toContain(', 120 minutes before this page was built');
    expect(doc.querySelector('[data-incomplete-warning]')?.textContent).toContain('2 incident records could not be read');
  });

  test('the footer names the repository and the data and build times; monitors say when they last ran', () => {
    const plain = parse(siteChromeHtml(model(), urls).footer);
    expect(plain.querySelector('a')?.textContent).toBe('acme/widgets');
    expect([...plain.querySelectorAll('time')].map((t) => t.getAttribute('datetime'))).toEqual(['2026-11-21T11:55:00.000Z', '2026-11-21T12:00:00.000Z']);
    expect(plain.querySelector('[data-monitors-last-run]')).toBeNull();

    const monitored = model({ monitors: [{ id: 'home', name: 'Home', component: 'cli', http: { url: 'https://example.org/' } }] as never });
    expect(parse(siteChromeHtml(monitored, urls).footer).querySelector('[data-monitors-last-run]')?.textContent).toBe(' Monitors have not run yet. ');
  });

  test('made once per model and base path', () => {
    const site = model();
    expect(siteChromeHtml(site, urls)).toBe(siteChromeHtml(site, makeUrls('/status/')));
    expect(siteChromeHtml(site, makeUrls('/other/')).header).toContain('href="/other/history/"');
  });
});

test('feedLinksHtml writes each link as the layout did', () => {
  expect(feedLinksHtml([{ type: 'application/atom+xml', title: `A ${HOSTILE}`, href: '/status/history.atom' }])).toBe(
    '<link rel="alternate" type="application/atom+xml" title="A <img src=x onerror=&#34;alert(1)&#34;> &#38; \'quotes\' &#34;too&#34;" href="/status/history.atom">',
  );
});

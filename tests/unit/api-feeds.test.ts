/** Feed pieces that need no build: XML escaping, feed discovery per page, an empty feed. */
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';
import { describe, expect, test } from 'vitest';
import { createApiContext } from '../../src/lib/api/context.ts';
import { describeFeed, listFeedLinks, renderFeed } from '../../src/lib/api/feeds.ts';
import { escapeXml, stripXmlInvalid, toCdataSafe } from '../../src/lib/api/xml.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { config, snapshot } from '../support/records.ts';

const ctx = createApiContext(
  buildSiteModel({ config: config(), snapshot: SnapshotSchema.parse(snapshot([])), postmortemFiles: [], now: new Date('2026-11-21T12:00:00Z'), demo: false }),
  '/status-sub/',
);

describe('escaping', () => {
  test.each([
    { fn: 'escapeXml', input: `<a href="x">&'</a>`, output: '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;' },
    { fn: 'escapeXml', input: 'bell\u0007 nul\u0000 tab\t', output: 'bell nul tab\t' },
    { fn: 'stripXmlInvalid', input: 'ok \uD83D\uDE00 lone \uD83D end \uFFFF', output: 'ok \uD83D\uDE00 lone  end ' },
    { fn: 'toCdataSafe', input: '<p>a ]]> b ]]> c</p>', output: '<p>a ]]&gt; b ]]&gt; c</p>' },
  ])('$fn($input)', ({ fn, input, output }) => {
    const f = { escapeXml, stripXmlInvalid, toCdataSafe }[fn as 'escapeXml'];
    expect(f(input)).toBe(output);
  });
});

describe('feed discovery', () => {
  test.each([
    { path: '/status-sub/', feeds: ['/status-sub/history.atom', '/status-sub/history.rss'] },
    { path: '/status-sub/incidents/4/', feeds: ['/status-sub/history.atom', '/status-sub/history.rss'] },
    {
      path: '/status-sub/components/cli/',
      feeds: ['/status-sub/history.atom', '/status-sub/history.rss', '/status-sub/feeds/components/cli.atom', '/status-sub/feeds/components/cli.rss'],
    },
    {
      path: '/status-sub/components/cli',
      feeds: ['/status-sub/history.atom', '/status-sub/history.rss', '/status-sub/feeds/components/cli.atom', '/status-sub/feeds/components/cli.rss'],
    },
    { path: '/status-sub/components/nope/', feeds: ['/status-sub/history.atom', '/status-sub/history.rss'] },
  ])('$path', ({ path, feeds }) => {
    expect(listFeedLinks(ctx, path).map((l) => l.href)).toEqual(feeds);
  });
});

describe('a feed with nothing in it', () => {
  test.each([{ format: 'atom' as const }, { format: 'rss' as const }])('$format parses and is dated with the data', ({ format }) => {
    const xml = renderFeed(ctx, describeFeed(ctx, 'site'), format);
    const doc = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
    expect(doc.getElementsByTagName(format === 'atom' ? 'entry' : 'item')).toHaveLength(0);
    expect(doc.getElementsByTagName(format === 'atom' ? 'updated' : 'lastBuildDate')[0]?.textContent).toBe(
      format === 'atom' ? '2026-11-21T11:55:00.000Z' : 'Sat, 21 Nov 2026 11:55:00 GMT',
    );
    expect(doc.getElementsByTagName('title')[0]?.textContent).toBe('Acme status: Website incidents');
  });
});

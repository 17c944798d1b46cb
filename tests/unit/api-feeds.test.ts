/** Feed pieces that need no build: XML escaping, feed discovery per page, an empty feed. */
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';
import { describe, expect, test } from 'vitest';
import { createApiContext } from '../../src/lib/api/context.ts';
import { listIncidentEvents } from '../../src/lib/api/events.ts';
import { describeFeed, FEED_LIMIT, listFeedLinks, pageFeedLinks, renderFeed } from '../../src/lib/api/feeds.ts';
import { escapeXml, stripXmlInvalid, toCdataSafe } from '../../src/lib/api/xml.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { closed, comment, config, issue, snapshot } from '../support/records.ts';

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
    {
      path: '/status-sub/components/cli/3/',
      feeds: ['/status-sub/history.atom', '/status-sub/history.rss', '/status-sub/feeds/components/cli.atom', '/status-sub/feeds/components/cli.rss'],
    },
    { path: '/status-sub/components/cli/x/', feeds: ['/status-sub/history.atom', '/status-sub/history.rss'] },
    { path: '/status-sub/components/clifoo/2/', feeds: ['/status-sub/history.atom', '/status-sub/history.rss'] },
  ])('$path', ({ path, feeds }) => {
    expect(listFeedLinks(ctx, path).map((l) => l.href)).toEqual(feeds);
    // The memoised form every page's <head> uses answers the same, asked twice (the second from the memo).
    expect(pageFeedLinks(ctx.model, '/status-sub/', path)).toEqual(listFeedLinks(ctx, path));
    expect(pageFeedLinks(ctx.model, '/status-sub/', path).map((l) => l.href)).toEqual(feeds);
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

describe('a feed of a long history holds the newest events, whichever incidents they belong to', () => {
  const NOW = new Date('2026-11-21T12:00:00Z');
  const hoursAgo = (h: number): string => new Date(NOW.getTime() - h * 3600_000).toISOString();
  // 300 resolved incidents a day apart, each with two updates; a few old ones updated lately.
  const late = new Map([
    [250, 1],
    [120, 30],
    [299, 2000],
  ]);
  const issues = Array.from({ length: 300 }, (_, n) => {
    const start = 24 * (n + 1);
    const comments = [comment({ at: hoursAgo(start - 1) }), comment({ at: hoursAgo(late.get(n) ?? start - 2) })];
    return closed(issue({ number: n + 1, labels: ['incident', 'P2', 'component:site'], createdAt: hoursAgo(start), comments }), hoursAgo(start - 3));
  });
  const model = buildSiteModel({ config: config(), snapshot: SnapshotSchema.parse(snapshot(issues)), postmortemFiles: [], now: NOW, demo: false });
  const long = createApiContext(model, '/status-sub/');

  test.each([
    { feed: 'site-wide', target: describeFeed(long) },
    { feed: 'component', target: describeFeed(long, 'site') },
  ])('$feed: the same entries as expanding every incident', ({ target }) => {
    // Reference: every event of every incident, newest first, cut at the limit.
    const expected = target.incidents
      .flatMap((i) => listIncidentEvents(i).map((e) => ({ id: `urn:sitrep:${long.pageId}:incident:${i.number}:${e.id}`, at: new Date(e.at).getTime() })))
      .sort((a, b) => b.at - a.at || b.id.localeCompare(a.id))
      .slice(0, FEED_LIMIT)
      .map((e) => e.id);
    const doc = new DOMParser({ onError: onWarningStopParsing }).parseFromString(renderFeed(long, target, 'atom'), 'text/xml');
    const ids = [...doc.getElementsByTagName('entry')].map((entry) => entry.getElementsByTagName('id')[0]?.textContent);
    expect(ids).toHaveLength(FEED_LIMIT);
    expect(ids).toEqual(expected);
    // The late updates of old incidents #251 and #121 are in it; #300's update 2000 hours ago is not.
    expect(ids.some((id) => id?.includes(':incident:251:'))).toBe(true);
    expect(ids.some((id) => id?.includes(':incident:121:'))).toBe(true);
  });
});

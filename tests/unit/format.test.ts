import { expect, test } from 'vitest';
import { durationMs, formatDuration, formatRelative, formatUtc } from '../../src/lib/format.ts';
import { makeUrls, splitSiteUrl } from '../../src/lib/urls.ts';

test.each([
  { ms: 45_000, text: '45 s' },
  { ms: 12 * 60_000, text: '12 min' },
  { ms: 60 * 60_000, text: '1 h' },
  { ms: 125 * 60_000, text: '2 h 5 min' },
  { ms: 47 * 3600_000, text: '47 h' },
  { ms: 76 * 3600_000, text: '3 d 4 h' },
  { ms: 96 * 3600_000, text: '4 d' },
])('formatDuration($ms) = $text', ({ ms, text }) => {
  expect(formatDuration(ms)).toBe(text);
});

test('durationMs', () => {
  expect(durationMs('2026-11-21T10:00:00Z', '2026-11-21T10:30:00Z')).toBe(1_800_000);
  expect(durationMs('2026-11-21T10:00:00Z', null)).toBeNull();
});

test('times are shown in UTC whatever the machine zone', () => {
  expect(formatUtc('2026-11-21T23:30:00Z')).toBe('21 Nov 2026, 23:30 UTC');
  expect(formatRelative('2026-11-21T09:00:00Z', new Date('2026-11-21T12:00:00Z'))).toBe('3 hours ago');
});

test.each([
  { site: 'https://owner.github.io/repo', origin: 'https://owner.github.io', base: '/repo' },
  { site: 'https://owner.github.io/repo/', origin: 'https://owner.github.io', base: '/repo' },
  { site: 'https://status.example.org', origin: 'https://status.example.org', base: '/' },
])('splitSiteUrl($site)', ({ site, origin, base }) => {
  expect(splitSiteUrl(site)).toEqual({ site: origin, base });
});

test('every URL sits under the base path', () => {
  const urls = makeUrls('/repo');
  expect([
    urls.home,
    urls.history(),
    urls.history(2),
    urls.incident(5),
    urls.component('cli'),
    urls.postmortems,
    urls.postmortem(5),
    urls.maintenances,
    urls.maintenance(7),
    urls.file('feed.xml'),
  ]).toEqual([
    '/repo/',
    '/repo/history/',
    '/repo/history/2/',
    '/repo/incidents/5/',
    '/repo/components/cli/',
    '/repo/postmortems/',
    '/repo/postmortems/5/',
    '/repo/maintenance/',
    '/repo/maintenance/7/',
    '/repo/feed.xml',
  ]);
  expect(makeUrls('/').incident(1)).toBe('/incidents/1/');
});

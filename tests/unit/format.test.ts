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

// formatUtc writes the date by hand for speed; it must say exactly what Intl's en-GB format says.
const INTL_UTC = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
test.each([
  ...Array.from({ length: 12 }, (_, m) => ({ iso: new Date(Date.UTC(2026, m, m * 2 + 1, m * 2, m * 5)).toISOString() })),
  { iso: '2026-09-30T23:59:59.999Z' },
  { iso: '2027-01-01T00:00:00Z' },
  { iso: '2026-11-21T01:30:00+02:00' },
  { iso: '2024-02-29T12:07:00Z' },
])('formatUtc($iso) says what Intl says', ({ iso }) => {
  expect(formatUtc(iso)).toBe(`${INTL_UTC.format(new Date(iso))} UTC`);
});

test('formatUtc refuses a time that is not one, as Intl does', () => {
  expect(() => formatUtc('not a time')).toThrow(RangeError);
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

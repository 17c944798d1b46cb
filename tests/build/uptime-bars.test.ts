/**
 * The 90-day uptime bars (issue #13), read from a real `npm run build`: every component on the
 * home page has its bars and percentage, each day's status, and the days with incidents hold
 * those incidents as links. The snapshot is 30 hours old, so today has no data.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, type FixtureBuild, text } from '../support/build.ts';
import { closed, issue, snapshot } from '../support/records.ts';

const NOW = '2026-11-21T12:00:00Z';
const TAKEN_AT = '2026-11-20T06:00:00Z';
/** 90 UTC days ending with today: 2026-08-24 … 2026-11-21. */
const FIRST_DAY = '2026-08-24';

const incident = (number: number, severity: string, components: string[], from: string, to: string | null, title = `Incident ${number}`) => {
  const open = issue({ number, title, createdAt: from, updatedAt: from, labels: ['incident', severity, ...components.map((c) => `component:${c}`)] });
  return to ? closed(open, to) : open;
};

function fixtureIssues() {
  return [
    incident(10, 'P1', ['cli'], '2026-11-10T08:00:00Z', '2026-11-10T10:00:00Z', '`quill build` crashes'),
    incident(11, 'P2', ['cli'], '2026-11-10T20:00:00Z', '2026-11-11T01:00:00Z', 'Slow builds'),
    incident(12, 'P0', ['cli', 'npm'], '2026-10-01T00:00:00Z', '2026-10-01T06:00:00Z', 'Registry <b>down</b> for everyone'),
    closed(incident(13, 'P0', ['docs'], '2026-11-15T00:00:00Z', null, 'A false alarm'), '2026-11-15T01:00:00Z', 'not_planned'),
    incident(14, 'P0', ['site'], '2026-11-19T22:00:00Z', null, 'Website down'),
    incident(9, 'P0', ['cli'], '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z', 'Long ago'),
  ];
}

let site: FixtureBuild;
beforeAll(async () => {
  site = await buildFixture({ now: NOW, snapshot: snapshot(fixtureIssues(), { takenAt: TAKEN_AT }) });
  if (site.code !== 0) throw new Error(`fixture build failed:\n${site.stderr}\n${site.stdout}`);
});

/** Index of a UTC date in the 90-day strip. */
const dayIndex = (date: string): number => Math.round((Date.parse(date) - Date.parse(FIRST_DAY)) / 86_400_000);
const row = (doc: Document, id: string) => {
  const li = doc.querySelector(`[data-component="${id}"]`);
  if (!li) throw new Error(`no row for ${id}`);
  return li;
};
const days = (scope: Element) => [...scope.querySelectorAll('.days > *')];
/** Each day as its class letter ('' for a quiet operational day). */
const classes = (scope: Element) => days(scope).map((d) => d.getAttribute('class') ?? '');

describe('home page: 90-day uptime bars', () => {
  test('every component shows 90 days and its percentage, measured up to the data (30 hours old)', () => {
    const doc = site.page('');
    // 88 days and 6 hours of data; cli: 6 h of major outage + 2 h of partial at 30%.
    const expected = { cli: '99.68', npm: '99.71', docs: '100', site: '99.62' };
    for (const [id, percent] of Object.entries(expected)) {
      const bars = row(doc, id).querySelector('.bars');
      expect(bars?.getAttribute('data-uptime'), id).toBe(percent);
      expect(bars?.getAttribute('data-from'), id).toBe(FIRST_DAY);
      expect(days(row(doc, id)), id).toHaveLength(90);
      expect(text(bars?.querySelector('.range')), id).toBe(`90 days ago${percent}% uptimeToday`);
    }
  });

  test.each([
    { id: 'cli', bad: { '2026-10-01': 'm', '2026-11-10': 'p', '2026-11-11': 'd' } },
    { id: 'npm', bad: { '2026-10-01': 'm' } },
    // The withdrawn false alarm is never downtime, nor shown.
    { id: 'docs', bad: {} },
    // Active since 19 Nov 22:00: major on the 19th and the 20th (up to the data's time).
    { id: 'site', bad: { '2026-11-19': 'm', '2026-11-20': 'm' } },
  ])('$id: each day its status; today has no data', ({ id, bad }) => {
    const expected = Array.from({ length: 90 }, () => '');
    for (const [date, letter] of Object.entries(bad)) expected[dayIndex(date)] = letter;
    expected[89] = 'n';
    expect(classes(row(site.page(''), id))).toEqual(expected);
  });

  test('a day with incidents holds them as links (newest first), with its date and status; quiet days are bare', () => {
    const cli = row(site.page(''), 'cli');
    const day = cli.querySelector('[data-day="2026-11-10"]');
    expect(day?.getAttribute('tabindex')).toBe('-1');
    expect(text(day)).toBe('10 Nov 2026 Partial outage, 2 incidents:#11 Slow builds#10 quill build crashes');
    expect([...(day?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toEqual([`${site.base}/incidents/11/`, `${site.base}/incidents/10/`]);
    // Titles render inline Markdown; everything else stays text.
    expect(day?.querySelector('a:last-child code')?.textContent).toBe('quill build');
    const major = cli.querySelector('[data-day="2026-10-01"]');
    expect(text(major)).toBe('1 Oct 2026 Major outage, 1 incident:#12 Registry <b>down</b> for everyone');
    expect(major?.querySelector('b b')).toBeNull();
    // Only days with incidents carry anything: three on cli, none on docs.
    expect(cli.querySelectorAll('.days [data-day]')).toHaveLength(3);
    expect(row(site.page(''), 'docs').querySelectorAll('.days [data-day], .days a')).toHaveLength(0);
    expect(days(cli)[0]?.outerHTML).toBe('<i></i>');
  });

  test('grouped as before: groups are <details>, the ungrouped component stays on its own with its bars', () => {
    const doc = site.page('');
    expect(doc.querySelector('details[data-group="Tools"] [data-component="cli"] .bars')).not.toBeNull();
    expect(doc.querySelector('details[data-group="Web"] [data-component="docs"] .bars')).not.toBeNull();
    expect(doc.querySelector('[data-ungrouped] [data-component="site"] .bars')).not.toBeNull();
  });

  test('a legend names every colour, in order, with a swatch drawn like a day', () => {
    const legend = site.page('').querySelector('[data-uptime-legend]');
    expect([...(legend?.querySelectorAll('li') ?? [])].map((li) => [text(li), li.querySelector('i')?.getAttribute('class') ?? ''])).toEqual([
      ['Operational', ''],
      ['Degraded performance', 'd'],
      ['Partial outage', 'p'],
      ['Major outage', 'm'],
      ['No data', 'n'],
    ]);
  });
});

describe('component page: the same strip, with a caption', () => {
  test('percent, days with incidents and the same days', () => {
    const doc = site.page('components/cli/');
    const strip = doc.querySelector('.uptime');
    expect(strip?.getAttribute('data-uptime')).toBe('99.68');
    expect(text(strip?.querySelector('p'))).toContain('99.68% uptime over the last 90 days (3 days with incidents;');
    expect(classes(strip as Element)).toEqual(classes(row(site.page(''), 'cli')));
    expect(text(strip?.querySelector('.range'))).toBe('24 Aug 2026Today');
  });
});

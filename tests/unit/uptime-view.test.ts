import { expect, test } from 'vitest';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { describeUptime } from '../../src/lib/uptime-view.ts';
import { closed, config, issue, snapshot } from '../support/records.ts';

const incident = (number: number, severity: string, from: string, to: string, title = `Incident ${number}`) =>
  closed(issue({ number, title, createdAt: from, updatedAt: from, labels: ['incident', severity, 'component:cli'] }), to);

const ISSUES = [
  incident(1, 'P1', '2026-11-20T08:00:00Z', '2026-11-20T09:00:00Z', 'Older, `code`'),
  incident(2, 'P2', '2026-11-20T20:00:00Z', '2026-11-20T21:00:00Z'),
];

const uptimeAt = (now: string, takenAt: string) =>
  describeUptime(
    buildSiteModel({ config: config(), snapshot: SnapshotSchema.parse(snapshot(ISSUES, { takenAt })), postmortemFiles: [], now: new Date(now), demo: false }),
    'cli',
  );

test.each([
  // A sync just before midnight, built just after: fresh data speaks for today.
  { name: 'fresh data across midnight', now: '2026-11-22T00:01:00Z', takenAt: '2026-11-21T23:58:00Z', lastDays: ['operational', 'operational'] },
  // Stale (older than staleAfterMinutes): the days after the data are not claimed.
  { name: 'stale data from yesterday', now: '2026-11-22T12:00:00Z', takenAt: '2026-11-21T06:00:00Z', lastDays: ['operational', 'no_data'] },
  { name: 'stale data from two days ago', now: '2026-11-22T12:00:00Z', takenAt: '2026-11-20T22:00:00Z', lastDays: ['no_data', 'no_data'] },
])('$name: the last two days are $lastDays', ({ now, takenAt, lastDays }) => {
  const uptime = uptimeAt(now, takenAt);
  expect(uptime.days).toHaveLength(90);
  expect(uptime.days.slice(-2).map((d) => d.status)).toEqual(lastDays);
});

test("a day's incidents, newest first, with the day's label and rendered titles; quiet days hold none", () => {
  const uptime = uptimeAt('2026-11-21T12:00:00Z', '2026-11-21T11:58:00Z');
  const day = uptime.days.find((d) => d.date === '2026-11-20');
  expect(day).toEqual({
    date: '2026-11-20',
    label: '20 Nov 2026',
    status: 'partial_outage',
    incidents: [
      { number: 2, titleHtml: 'Incident 2' },
      { number: 1, titleHtml: 'Older, <code>code</code>' },
    ],
  });
  expect(uptime.incidentDays).toBe(1);
  expect(uptime.days.filter((d) => d.date !== '2026-11-20').every((d) => d.incidents.length === 0 && d.status === 'operational')).toBe(true);
  // 1 h of partial outage (30%) over 89.5 days.
  expect(uptime.percent).toBe(Math.floor((1 - 0.3 / (89.5 * 24)) * 10_000) / 100);
});

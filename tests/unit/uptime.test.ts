import { expect, test } from 'vitest';
import type { Incident } from '../../src/lib/incident.ts';
import { computeUptime } from '../../src/lib/uptime.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const incident = (over: Partial<Incident>): Incident =>
  ({
    number: 1,
    severity: 'P0',
    components: ['cli'],
    withdrawn: false,
    startedAt: '2026-11-20T00:00:00.000Z',
    resolvedAt: '2026-11-20T01:00:00.000Z',
    ...over,
  }) as Incident;
// The 3-day window runs from 2026-11-19T00:00Z to now: 60 hours.
const WINDOW_H = 60;
const pct = (downHours: number) => Math.floor((1 - downHours / WINDOW_H) * 10_000) / 100;

test.each([
  { name: 'no incidents', incidents: [], percent: 100 },
  { name: 'a 1-hour P0 counts fully', incidents: [incident({})], percent: pct(1) },
  { name: 'a 1-hour P1 counts at 30%', incidents: [incident({ severity: 'P1' })], percent: pct(0.3) },
  { name: 'a P2 is not downtime', incidents: [incident({ severity: 'P2' })], percent: 100 },
  { name: 'withdrawn is not downtime', incidents: [incident({ withdrawn: true })], percent: 100 },
  { name: 'another component', incidents: [incident({ components: ['docs'] })], percent: 100 },
  {
    name: 'overlap counts once at the worst weight',
    incidents: [incident({}), incident({ number: 2, severity: 'P1', startedAt: '2026-11-20T00:30:00.000Z', resolvedAt: '2026-11-20T02:00:00.000Z' })],
    percent: pct(1 + 0.3),
  },
  { name: 'an active incident runs until now', incidents: [incident({ startedAt: '2026-11-21T10:00:00.000Z', resolvedAt: null })], percent: pct(2) },
  { name: 'clipped to the window', incidents: [incident({ startedAt: '2026-11-18T23:00:00.000Z', resolvedAt: '2026-11-19T01:00:00.000Z' })], percent: pct(1) },
])('$name → $percent%', ({ incidents, percent }) => {
  expect(computeUptime(incidents, 'cli', NOW, 3).percent).toBe(percent);
});

test('the strip has a day per UTC day with the worst status and its incidents', () => {
  const uptime = computeUptime(
    [incident({}), incident({ number: 2, severity: 'P2', startedAt: '2026-11-19T05:00:00.000Z', resolvedAt: '2026-11-20T00:10:00.000Z' })],
    'cli',
    NOW,
    3,
  );
  expect(uptime.days).toEqual([
    { date: '2026-11-19', status: 'degraded_performance', incidents: [2] },
    { date: '2026-11-20', status: 'major_outage', incidents: [1, 2] },
    { date: '2026-11-21', status: 'operational', incidents: [] },
  ]);
});

test.each([
  {
    name: 'data taken yesterday: today has no data, the window ends at the data',
    dataUntil: '2026-11-20T12:00:00Z',
    statuses: ['major_outage', 'operational', 'no_data'],
    // 1 h of P0 in the 36 hours from 2026-11-19T00:00Z to the data.
    percent: Math.floor((1 - 1 / 36) * 10_000) / 100,
  },
  {
    name: 'data taken this morning: today still has data',
    dataUntil: '2026-11-21T01:00:00Z',
    statuses: ['major_outage', 'operational', 'operational'],
    percent: Math.floor((1 - 1 / 49) * 10_000) / 100,
  },
  { name: 'data older than the window: no day has data', dataUntil: '2026-11-01T00:00:00Z', statuses: ['no_data', 'no_data', 'no_data'], percent: null },
  {
    name: 'data taken after the build (a wrong clock): the build time ends it',
    dataUntil: '2026-11-22T00:00:00Z',
    statuses: ['major_outage', 'operational', 'operational'],
    percent: pct(1),
  },
])('$name', ({ dataUntil, statuses, percent }) => {
  const uptime = computeUptime(
    [incident({ startedAt: '2026-11-19T05:00:00.000Z', resolvedAt: '2026-11-19T06:00:00.000Z' })],
    'cli',
    NOW,
    3,
    new Date(dataUntil),
  );
  expect(uptime.days.map((d) => d.status)).toEqual(statuses);
  expect(uptime.days.map((d) => d.date)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21']);
  expect(uptime.percent).toBe(percent);
});

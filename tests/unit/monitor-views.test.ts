import { describe, expect, test } from 'vitest';
import { emptyHistory } from '../../src/lib/monitor/history.ts';
import { FRESH_STATE } from '../../src/lib/monitor/state.ts';
import { buildMonitorsView, CHART_HEIGHT, CHART_WIDTH } from '../../src/lib/monitor/views.ts';
import type { MonitorHistory } from '../../src/lib/schema/monitor-history.ts';
import { config } from '../support/records.ts';

const CONFIG = config({
  monitors: [
    { id: 'homepage', name: 'Homepage', component: 'site', http: { url: 'https://example.org/' } },
    { id: 'pkg', name: 'Package', component: 'npm', npm: { package: 'x' } },
  ],
} as never);
const NOW = new Date('2026-11-21T12:00:00Z');
const t = (hoursAgo: number) => NOW.getTime() / 1000 - hoursAgo * 3600;

function history(): MonitorHistory {
  return {
    ...emptyHistory(),
    lastRunAt: '2026-11-21T11:55:00.000Z',
    monitors: {
      homepage: {
        state: { ...FRESH_STATE, status: 'down' },
        raw: [
          [t(30), 50, 'ok'],
          [t(12), 100, 'ok'],
          [t(6), 200, 'slow'],
          [t(1), null, 'failed:http-500'],
          [t(0.1), null, 'inconclusive'],
        ],
        daily: [
          ['2026-11-20', 288, 2, 90, 180],
          ['2026-11-21', 100, 1, 110, 200],
        ],
        lastDetail: 'HTTP 500',
      },
    },
  };
}

describe('buildMonitorsView', () => {
  test('without a history: every monitor, not checked yet, empty charts that say so', () => {
    const view = buildMonitorsView(CONFIG, null, NOW);
    expect(view.lastRunAt).toBeNull();
    expect(view.list.map((m) => [m.id, m.component, m.kind, m.lastResult])).toEqual([
      ['homepage', 'site', 'http', null],
      ['pkg', 'npm', 'npm', null],
    ]);
    expect(view.list[0]?.day).toMatchObject({ points: '', failures: [], text: 'No checks in the last 24 hours.' });
    expect(view.list[0]?.quarter.text).toBe('No daily figures yet.');
  });

  test('last result, 24-hour chart of the last day only (inconclusive left out), 90-day chart of daily medians', () => {
    const [m] = buildMonitorsView(CONFIG, history(), NOW).list;
    expect(m).toMatchObject({
      lastResult: 'inconclusive',
      lastReason: null,
      lastDetail: 'HTTP 500',
      down: true,
      lastAt: new Date(t(0.1) * 1000).toISOString(),
    });
    expect(m?.day.text).toBe('Last 24 hours: 3 checks, 2 not ok; median response 100 ms, 95th percentile 200 ms.');
    expect(m?.day.maxMs).toBe(200);
    const points = m?.day.points.split(' ').map((p) => p.split(',').map(Number)) ?? [];
    expect(points).toEqual([
      [CHART_WIDTH / 2, CHART_HEIGHT / 2],
      [(CHART_WIDTH * 18) / 24, 0],
    ]);
    expect(m?.day.failures).toEqual([(CHART_WIDTH * 23) / 24]);
    expect(m?.quarter.text).toBe('Last 90 days: 2 days with data, 388 checks, 3 not ok; daily median response between 90 and 110 ms.');
  });

  test('a failed last result names its reason', () => {
    const h = history();
    h.monitors['homepage']!.raw.pop();
    expect(buildMonitorsView(CONFIG, h, NOW).list[0]).toMatchObject({ lastResult: 'failed', lastReason: 'http-500' });
  });
});

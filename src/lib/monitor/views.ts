/**
 * What the page shows about monitors: each monitor's last result and time, and its response times
 * over 24 hours (raw results) and 90 days (daily p50/p95) as inline-SVG-ready polylines with a
 * text alternative; and when the monitors last ran. Pure: the history and `now` come in.
 */
import type { SiteConfig } from '../schema/config.ts';
import type { MonitorHistory } from '../schema/monitor-history.ts';
import { type MonitorKind, monitorKind } from '../schema/monitors.ts';
import { describeCheck } from './issue-text.ts';
import { percentile } from './result.ts';

export const CHART_WIDTH = 300;
export const CHART_HEIGHT = 60;

export interface LatencyChart {
  /** `x,y x,y …` for an SVG polyline in a CHART_WIDTH × CHART_HEIGHT box; empty without data. */
  readonly points: string;
  /** x positions of failed checks (drawn as marks on the baseline). */
  readonly failures: readonly number[];
  /** The top of the scale. */
  readonly maxMs: number;
  /** The chart in words, for screen readers and for people who cannot see it. */
  readonly text: string;
}

export interface MonitorView {
  readonly id: string;
  readonly name: string;
  readonly component: string;
  readonly kind: MonitorKind;
  readonly check: string;
  /** `ok`, `slow`, `failed`, `inconclusive`, or null before the first run. */
  readonly lastResult: string | null;
  readonly lastReason: string | null;
  readonly lastAt: string | null;
  readonly lastDetail: string | null;
  readonly down: boolean;
  readonly day: LatencyChart;
  readonly quarter: LatencyChart;
}

export interface MonitorsView {
  /** When the monitors last ran (null: never, or no history reached the build). */
  readonly lastRunAt: string | null;
  readonly lastRunInconclusive: string | null;
  readonly list: readonly MonitorView[];
}

const round = (n: number): number => Math.round(n * 10) / 10;

function scale(values: readonly number[]): number {
  const max = Math.max(1, ...values);
  // A round top of scale (100, 200, 500, 1000 …) so charts compare at a glance.
  const steps = [1, 2, 5];
  for (let p = 10; ; p *= 10) for (const s of steps) if (s * p >= max) return s * p;
}

function chart(series: readonly { t: number; ms: number | null; failed: boolean }[], from: number, to: number, text: string): LatencyChart {
  const span = Math.max(1, to - from);
  const x = (t: number) => round(((t - from) / span) * CHART_WIDTH);
  const answered = series.filter((p) => p.ms !== null);
  const maxMs = scale(answered.map((p) => p.ms as number));
  const points = answered.map((p) => `${x(p.t)},${round(CHART_HEIGHT - ((p.ms as number) / maxMs) * CHART_HEIGHT)}`).join(' ');
  return { points, failures: series.filter((p) => p.failed).map((p) => x(p.t)), maxMs, text };
}

export function buildMonitorsView(config: SiteConfig, history: MonitorHistory | null, now: Date): MonitorsView {
  const nowS = Math.floor(now.getTime() / 1000);
  const list = config.monitors.map((monitor): MonitorView => {
    const entry = history?.monitors[monitor.id];
    const raw = (entry?.raw ?? []).filter((r) => r[0] > nowS - 86_400 && r[0] <= nowS);
    const conclusive = raw.filter((r) => r[2] !== 'inconclusive');
    const last = entry?.raw.at(-1);
    const latencies = conclusive.flatMap((r) => (r[1] === null ? [] : [r[1]]));
    const failures = conclusive.filter((r) => r[2] !== 'ok').length;
    const dayText =
      conclusive.length === 0
        ? 'No checks in the last 24 hours.'
        : `Last 24 hours: ${conclusive.length} ${conclusive.length === 1 ? 'check' : 'checks'}, ${failures} not ok; median response ${percentile(latencies, 50) ?? '–'} ms, 95th percentile ${percentile(latencies, 95) ?? '–'} ms.`;
    const daily = (entry?.daily ?? []).filter(([day]) => Date.parse(`${day}T00:00:00Z`) > now.getTime() - 90 * 86_400_000);
    const checks = daily.reduce((n, d) => n + d[1], 0);
    const dailyFailures = daily.reduce((n, d) => n + d[2], 0);
    const p50s = daily.flatMap((d) => (d[3] === null ? [] : [d[3]]));
    const quarterText =
      daily.length === 0
        ? 'No daily figures yet.'
        : `Last 90 days: ${daily.length} ${daily.length === 1 ? 'day' : 'days'} with data, ${checks} checks, ${dailyFailures} not ok; daily median response between ${Math.min(...p50s)} and ${Math.max(...p50s)} ms.`;
    const [lastResult, lastReason] = last ? (last[2].startsWith('failed:') ? ['failed', last[2].slice('failed:'.length)] : [last[2], null]) : [null, null];
    return {
      id: monitor.id,
      name: monitor.name,
      component: monitor.component,
      kind: monitorKind(monitor),
      check: describeCheck(monitor),
      lastResult,
      lastReason,
      lastAt: last ? new Date(last[0] * 1000).toISOString() : null,
      lastDetail: entry?.lastDetail ?? null,
      down: entry?.state.status === 'down',
      day: chart(
        conclusive.map((r) => ({ t: r[0], ms: r[1], failed: r[2].startsWith('failed') })),
        nowS - 86_400,
        nowS,
        dayText,
      ),
      quarter: chart(
        daily.map((d) => ({ t: Date.parse(`${d[0]}T12:00:00Z`) / 1000, ms: d[3], failed: d[2] > 0 })),
        nowS - 90 * 86_400,
        nowS,
        quarterText,
      ),
    };
  });
  return { lastRunAt: history?.lastRunAt ?? null, lastRunInconclusive: history?.lastRunInconclusive ?? null, list };
}

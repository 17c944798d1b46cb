/**
 * A component's availability over a window: a day-by-day strip of the worst status, and an uptime
 * percentage weighted as Atlassian Statuspage weights it (a major outage counts fully, a partial
 * outage at 30%, degraded performance not at all). Withdrawn incidents are never downtime.
 * Days that begin after the data was taken (a stale snapshot) have no data: they are neither
 * operational nor counted, so a page built from old data never shows them green.
 */
import type { Incident } from './incident.ts';
import { COMPONENT_STATUS_RANK, type ComponentStatus, SEVERITY_INFO } from './severity.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEIGHT: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

/** A day's worst status, or `no_data` for a day that began after the data was taken. */
export type UptimeDayStatus = ComponentStatus | 'no_data';

export interface UptimeDay {
  /** `2026-11-21` (UTC). */
  readonly date: string;
  readonly status: UptimeDayStatus;
  readonly incidents: readonly number[];
}

export interface Uptime {
  readonly days: readonly UptimeDay[];
  /** e.g. 99.95, rounded down to two decimals so an outage never rounds up to 100; null when no day has data. */
  readonly percent: number | null;
}

interface Span {
  readonly from: number;
  readonly to: number;
  readonly status: ComponentStatus;
  readonly number: number;
}

/**
 * Uptime of `componentId` over the `days` UTC days ending with `now`'s day, as far as the data
 * reaches: `dataUntil` (the snapshot's time) ends the measured window when it lies before `now`.
 */
export function computeUptime(incidents: readonly Incident[], componentId: string, now: Date, days = 90, dataUntil: Date = now): Uptime {
  const end = Math.min(now.getTime(), dataUntil.getTime());
  const firstDay = Math.floor(now.getTime() / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  const spans: Span[] = incidents
    .filter((i) => !i.withdrawn && i.components.includes(componentId))
    .map((i) => ({
      from: Date.parse(i.startedAt),
      to: i.resolvedAt ? Date.parse(i.resolvedAt) : end,
      status: SEVERITY_INFO[i.severity].componentStatus,
      number: i.number,
    }))
    .filter((s) => s.to > firstDay && s.from < end);

  const strip: UptimeDay[] = Array.from({ length: days }, (_, d) => {
    const from = firstDay + d * DAY_MS;
    const date = new Date(from).toISOString().slice(0, 10);
    if (from > end) return { date, status: 'no_data', incidents: [] };
    const touching = spans.filter((s) => s.from < from + DAY_MS && s.to > from);
    const status = touching.reduce<ComponentStatus>(
      (worst, s) => (COMPONENT_STATUS_RANK[s.status] > COMPONENT_STATUS_RANK[worst] ? s.status : worst),
      'operational',
    );
    return { date, status, incidents: touching.map((s) => s.number) };
  });

  // Piecewise over every span boundary: each slice counts once, at its worst weight.
  const cuts = [...new Set([firstDay, end, ...spans.flatMap((s) => [s.from, s.to])])].filter((t) => t >= firstDay && t <= end).sort((a, b) => a - b);
  let down = 0;
  for (let k = 0; k + 1 < cuts.length; k += 1) {
    const a = cuts[k] ?? 0;
    const b = cuts[k + 1] ?? 0;
    const weight = Math.max(0, ...spans.filter((s) => s.from <= a && s.to >= b).map((s) => WEIGHT[s.status]));
    down += (b - a) * weight;
  }
  const total = end - firstDay;
  const percent = total > 0 ? Math.floor((1 - down / total) * 10_000) / 100 : null;
  return { days: strip, percent };
}

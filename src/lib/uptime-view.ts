/**
 * The 90-day uptime bars as the pages draw them (issue #13): per component, the percentage, one
 * entry per UTC day, and for the days with incidents the incidents themselves (number and title),
 * so that each such day can be reached by keyboard and tap without a per-day lookup in the page.
 * Stale data is measured only up to its time: the days after a stale snapshot have no data.
 */

import { COMPONENT_STATUS_TEXT } from './severity.ts';
import type { SiteModel } from './site-model.ts';
import { computeUptime, type UptimeDayStatus } from './uptime.ts';

export interface UptimeIncidentRef {
  readonly number: number;
  /** Inline-Markdown title, already escaped (Incident.titleHtml). */
  readonly titleHtml: string;
}

export interface UptimeDayView {
  /** `2026-11-21` (UTC). */
  readonly date: string;
  /** `21 Nov 2026`. */
  readonly label: string;
  readonly status: UptimeDayStatus;
  /** The incidents that touched the day, newest first (empty on a quiet day). */
  readonly incidents: readonly UptimeIncidentRef[];
}

export interface UptimeView {
  /** e.g. 99.95; null when no day has data. */
  readonly percent: number | null;
  readonly days: readonly UptimeDayView[];
  /** How many days had at least one incident. */
  readonly incidentDays: number;
}

export const UPTIME_DAYS = 90;

/** What a day's colour means, in the legend's order (best first, then no data). */
export const UPTIME_LEGEND: readonly { readonly status: UptimeDayStatus; readonly text: string }[] = [
  { status: 'operational', text: COMPONENT_STATUS_TEXT.operational },
  { status: 'degraded_performance', text: COMPONENT_STATUS_TEXT.degraded_performance },
  { status: 'partial_outage', text: COMPONENT_STATUS_TEXT.partial_outage },
  { status: 'major_outage', text: COMPONENT_STATUS_TEXT.major_outage },
  { status: 'no_data', text: 'No data' },
];

export const UPTIME_DAY_TEXT: Readonly<Record<UptimeDayStatus, string>> = { ...COMPONENT_STATUS_TEXT, no_data: 'No data' };

/**
 * The one-letter class of a day's bar (global.css gives each its colour and height); none for an
 * operational day, the most common: 20 components × 90 days must fit the home page's 25 KB.
 */
export const UPTIME_DAY_CLASS: Readonly<Record<UptimeDayStatus, string | undefined>> = {
  operational: undefined,
  under_maintenance: 'u',
  degraded_performance: 'd',
  partial_outage: 'p',
  major_outage: 'm',
  no_data: 'n',
};

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

/** Uptime bars of every component, keyed by component id. */
export function describeUptimes(model: SiteModel): ReadonlyMap<string, UptimeView> {
  return new Map(model.components.map((c) => [c.id, describeUptime(model, c.id)]));
}

/** Uptime bars of one component over the last UPTIME_DAYS days, up to the data's time. */
export function describeUptime(model: SiteModel, componentId: string): UptimeView {
  const incidents = model.incidents.filter((i) => i.components.includes(componentId));
  const byNumber = new Map(incidents.map((i) => [i.number, i]));
  // Fresh data speaks for now (as the banner does); stale data only up to when it was taken, so a
  // sync taken at 23:58 and built at 00:01 does not leave today hollow.
  const dataUntil = new Date(model.stale ? model.dataAsOf : model.now);
  const uptime = computeUptime(incidents, componentId, new Date(model.now), UPTIME_DAYS, dataUntil);
  const days = uptime.days.map((day) => ({
    date: day.date,
    label: DAY_FORMAT.format(new Date(`${day.date}T00:00:00Z`)),
    status: day.status,
    incidents: day.incidents
      .map((n) => byNumber.get(n))
      .filter((i) => i !== undefined)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .map((i) => ({ number: i.number, titleHtml: i.titleHtml })),
  }));
  return { percent: uptime.percent, days, incidentDays: days.filter((d) => d.incidents.length > 0).length };
}

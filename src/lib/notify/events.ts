/**
 * The incident process as a list of notification events, derived from the site model — the same
 * published incidents, statuses, components and trusted updates the page shows; nothing here
 * re-decides trust or status. Pure: `now` is passed in (a maintenance starts and ends by the clock).
 *
 * Every event has a stable id (`incident-12:declared`, `incident-12:update:<comment id>`,
 * `incident-12:resolved:<epoch s>`, `maintenance-7:started`), so "exactly once per channel" is a
 * set difference against the delivery record.
 */

import { listMaintenanceEvents } from '../api/events.ts';
import type { Incident } from '../incident.ts';
import type { Maintenance } from '../maintenance.ts';
import type { NotifyEvent as NotifyEventKind } from '../schema/response.ts';
import { type ComponentStatus, SEVERITY_INFO, type Severity } from '../severity.ts';
import type { SiteModel } from '../site-model.ts';
import { STATUS_TEXT } from '../views.ts';

export interface NotifyEvent {
  readonly id: string;
  /** What happened; a comment that also moves the status is both `update` and `status_changed`. */
  readonly kinds: readonly NotifyEventKind[];
  readonly at: string;
  readonly subject: { readonly type: 'incident'; readonly incident: Incident } | { readonly type: 'maintenance'; readonly maintenance: Maintenance };
  /** null for maintenance, which has none (and passes every channel's severity filter). */
  readonly severity: Severity | null;
  /** "Investigating", "Resolved", "In progress"… after the event. */
  readonly statusText: string;
  /** Component ids, in config order. */
  readonly components: readonly string[];
  /** The newest trusted update at the event (plain text), or the incident's summary; '' if none. */
  readonly latestUpdate: string;
  /** What the event did to its components (Statuspage's `component_update`); null if nothing. */
  readonly componentChange: { readonly from: ComponentStatus; readonly to: ComponentStatus } | null;
}

const epochSeconds = (iso: string): number => Math.floor(new Date(iso).getTime() / 1000);

function latestUpdateAt(incident: Incident, at: string): string {
  return incident.updates.find((u) => u.createdAt <= at)?.text ?? incident.summary;
}

/** Oldest first. */
export function listIncidentNotifyEvents(incident: Incident): NotifyEvent[] {
  const n = incident.number;
  const affected = SEVERITY_INFO[incident.severity].componentStatus;
  const base = { subject: { type: 'incident' as const, incident }, severity: incident.severity, components: incident.components };
  const event = (id: string, kinds: NotifyEventKind[], at: string, status: Incident['status'], change: NotifyEvent['componentChange']): NotifyEvent => ({
    ...base,
    id: `incident-${n}:${id}`,
    kinds,
    at,
    statusText: STATUS_TEXT[status],
    latestUpdate: latestUpdateAt(incident, at),
    componentChange: incident.components.length > 0 ? change : null,
  });
  const events: NotifyEvent[] = [event('declared', ['declared'], incident.startedAt, 'investigating', { from: 'operational', to: affected })];
  let active = true;
  incident.timeline.forEach((change, index) => {
    if (index === 0 || change.source === 'comment') return;
    const stamp = epochSeconds(change.at);
    if (change.status === 'resolved' || change.status === 'withdrawn') {
      events.push(event(`${change.status}:${stamp}`, [change.status], change.at, change.status, active ? { from: affected, to: 'operational' } : null));
      active = false;
    } else {
      const id = change.source === 'reopened' ? `reopened:${stamp}` : `status:${change.status}:${stamp}`;
      events.push(event(id, ['status_changed'], change.at, change.status, active ? null : { from: 'operational', to: affected }));
      active = true;
    }
  });
  for (const update of [...incident.updates].reverse()) {
    // A comment whose first line is `Status: identified` moved the status: one event, both kinds.
    const moved = incident.timeline.some((c) => c.source === 'comment' && c.at === update.createdAt && c.by === update.author);
    events.push({
      ...event(`update:${update.id}`, moved ? ['update', 'status_changed'] : ['update'], update.createdAt, update.status, null),
      latestUpdate: update.text,
    });
  }
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at.localeCompare(b.e.at) || a.i - b.i)
    .map(({ e }) => e);
}

/**
 * A window's start and end, once `now` has passed them. A window cancelled before it started
 * never started, so it sends nothing (its cancellation is on the page and in the feeds).
 */
export function listMaintenanceNotifyEvents(m: Maintenance, now: Date): NotifyEvent[] {
  const steps = listMaintenanceEvents(m, now.toISOString());
  const started = steps.find((s) => s.id === `${m.number}-in-progress`);
  if (!started) return [];
  const ended = steps.find((s) => s.id === `${m.number}-completed` || s.id === `${m.number}-cancelled`);
  const latest = (at: string): string => m.updates.find((u) => u.createdAt <= at)?.text ?? '';
  const base = { subject: { type: 'maintenance' as const, maintenance: m }, severity: null, components: m.components };
  const withParts = m.components.length > 0;
  const events: NotifyEvent[] = [
    {
      ...base,
      id: `maintenance-${m.number}:started`,
      kinds: ['maintenance_started'],
      at: started.at,
      statusText: 'In progress',
      latestUpdate: latest(started.at),
      componentChange: withParts ? { from: 'operational', to: 'under_maintenance' } : null,
    },
  ];
  if (ended) {
    events.push({
      ...base,
      id: `maintenance-${m.number}:ended`,
      kinds: ['maintenance_ended'],
      at: ended.at,
      statusText: m.status === 'cancelled' ? 'Cancelled' : 'Completed',
      latestUpdate: latest(ended.at),
      componentChange: withParts ? { from: 'under_maintenance', to: 'operational' } : null,
    });
  }
  return events;
}

/** Every event of the published incidents and maintenances up to `now`, oldest first. */
export function listNotifyEvents(model: Pick<SiteModel, 'incidents' | 'maintenances'>, now: Date): NotifyEvent[] {
  const nowIso = now.toISOString();
  return [...model.incidents.flatMap(listIncidentNotifyEvents), ...model.maintenances.flatMap((m) => listMaintenanceNotifyEvents(m, now))]
    .filter((e) => e.at <= nowIso)
    .sort((a, b) => a.at.localeCompare(b.at));
}

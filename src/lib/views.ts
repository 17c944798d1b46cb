/**
 * Small derivations the pages need, kept here so that pages only map data to HTML.
 */
import { durationMs, formatDuration, formatMonth } from './format.ts';
import type { Incident } from './incident.ts';
import type { Maintenance, MaintenanceStatus } from './maintenance.ts';
import type { SiteModel } from './site-model.ts';
import type { IncidentStatus } from './timeline.ts';

export const STATUS_TEXT: Readonly<Record<IncidentStatus, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
};

export const STATUS_MEANING: Readonly<Record<IncidentStatus, string>> = {
  investigating: 'We know something is wrong and are looking into it.',
  identified: 'We know the cause and are working on a fix.',
  monitoring: 'A fix is in place and we are watching that it holds.',
  resolved: 'The incident is over.',
  withdrawn: 'A false alarm or duplicate: there was no outage.',
};

export const MAINTENANCE_STATUS_TEXT: Readonly<Record<MaintenanceStatus, string>> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export interface Durations {
  /** `12 min`, or null when nobody has responded yet. */
  readonly toAcknowledge: string | null;
  /** Time to resolve, or time so far for an active incident. */
  readonly toResolve: string | null;
  readonly ongoingFor: string | null;
}

export function describeDurations(incident: Incident, now: string): Durations {
  const ack = durationMs(incident.startedAt, incident.acknowledgedAt);
  const resolve = durationMs(incident.startedAt, incident.resolvedAt);
  const ongoing = incident.active ? durationMs(incident.startedAt, now) : null;
  return {
    toAcknowledge: ack === null ? null : formatDuration(ack),
    toResolve: resolve === null ? null : formatDuration(resolve),
    ongoingFor: ongoing === null ? null : formatDuration(ongoing),
  };
}

/** Incidents that touched a component, newest first. */
export function incidentsForComponent(model: SiteModel, id: string): readonly Incident[] {
  return model.incidentsByComponent.get(id) ?? [];
}

/** Component names for ids, in config order. */
export function componentNames(model: SiteModel, ids: readonly string[]): string[] {
  return model.config.components.filter((c) => ids.includes(c.id)).map((c) => c.name);
}

/** What an incident card draws besides the incident: passed as props, so the card reads no global. */
export interface IncidentCardData {
  readonly incident: Incident;
  /** The build time, for "(3 hours ago)". */
  readonly now: string;
  readonly componentNames: readonly string[];
  readonly hasPostmortem: boolean;
}

export function incidentCard(model: SiteModel, incident: Incident): IncidentCardData {
  return { incident, now: model.now, componentNames: componentNames(model, incident.components), hasPostmortem: model.postmortems.has(incident.number) };
}

export function maintenanceCard(model: SiteModel, maintenance: Maintenance): { maintenance: Maintenance; componentNames: readonly string[] } {
  return { maintenance, componentNames: componentNames(model, maintenance.components) };
}

/** Incidents (newest first) grouped by the month they started in, for the history pages. */
export function groupByMonth(incidents: readonly Incident[]): { month: string; incidents: Incident[] }[] {
  const months: { month: string; incidents: Incident[] }[] = [];
  for (const incident of incidents) {
    const month = formatMonth(incident.startedAt);
    const last = months.at(-1);
    if (last?.month === month) last.incidents.push(incident);
    else months.push({ month, incidents: [incident] });
  }
  return months;
}

/** Upcoming and in-progress maintenance, soonest first. */
export function currentMaintenance(model: SiteModel) {
  return model.maintenances.filter((m) => m.status === 'scheduled' || m.status === 'in_progress').sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
}

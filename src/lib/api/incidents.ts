/**
 * Incidents and maintenances → Statuspage incidents and scheduled maintenances.
 *
 * Choices Statuspage's vocabulary forces (documented in docs/api.md):
 * - a withdrawn incident (closed as not planned: a false alarm, a duplicate) is `resolved` with
 *   impact `none`, so it stays on record without counting as an outage;
 * - a resolved incident with a published post-mortem is `postmortem`, as on Statuspage;
 * - a cancelled maintenance is `completed`, its newest update saying it was cancelled.
 */
import type { Incident } from '../incident.ts';
import type { Maintenance } from '../maintenance.ts';
import { htmlToPlainText } from '../markdown.ts';
import type { Postmortem } from '../postmortem.ts';
import { type ComponentStatus, SEVERITY_INFO } from '../severity.ts';
import { type ApiContext, toApiTime } from './context.ts';
import { findMaintenanceEnd, listIncidentEvents, listMaintenanceEvents, type StatusEvent, toApiIncidentStatus, toApiMaintenanceStatus } from './events.ts';
import type { ApiAffectedComponent, ApiComponent, ApiIncident, ApiIncidentUpdate, ApiMaintenance } from './statuspage-types.ts';

/** Updates newest first; each names the components whose status it changed. */
function toApiUpdates<E extends string, S extends string>(
  events: readonly StatusEvent<E>[],
  incidentId: string,
  components: readonly ApiComponent[],
  mapStatus: (status: E) => S,
): ApiIncidentUpdate<S>[] {
  let previous: ComponentStatus = 'operational';
  const updates = events.map((event): ApiIncidentUpdate<S> => {
    const changed = event.componentStatus !== previous && components.length > 0;
    const affected: ApiAffectedComponent[] | null = changed
      ? components.map((c) => ({ code: c.id, name: c.name, old_status: previous, new_status: event.componentStatus }))
      : null;
    previous = event.componentStatus;
    const at = toApiTime(event.at);
    return {
      id: event.id,
      status: mapStatus(event.status),
      body: event.text,
      incident_id: incidentId,
      created_at: at,
      updated_at: at,
      display_at: at,
      affected_components: affected,
      deliver_notifications: true,
    };
  });
  return updates.reverse();
}

const pick = (ids: readonly string[], all: ReadonlyMap<string, ApiComponent>): ApiComponent[] =>
  ids.map((id) => all.get(id)).filter((c): c is ApiComponent => c !== undefined);

/** The post-mortem as plain text, sections in the form's order, ending with its address. */
export function renderPostmortemText(pm: Postmortem, url: string): string {
  const sections: [string, string | null][] = [
    ['Summary', pm.summaryHtml],
    ['Timeline', pm.timelineHtml],
    ['Root cause', pm.rootCauseHtml],
    ['More', pm.otherHtml],
  ];
  const parts = [pm.title, ...sections.filter(([, html]) => html).map(([heading, html]) => `${heading}\n${htmlToPlainText(html ?? '')}`)];
  if (pm.actionItems.length > 0) {
    parts.push(`Action items\n${pm.actionItems.map((a) => `- [${a.done ? 'x' : ' '}] ${htmlToPlainText(a.html)}`).join('\n')}`);
  }
  parts.push(`Full post-mortem: ${url}`);
  return parts.join('\n\n');
}

export function toApiIncident(ctx: ApiContext, incident: Incident, components: ReadonlyMap<string, ApiComponent>): ApiIncident {
  const id = String(incident.number);
  const events = listIncidentEvents(incident);
  const postmortem = ctx.model.postmortems.get(incident.number);
  const status = incident.status === 'resolved' && postmortem ? 'postmortem' : toApiIncidentStatus(incident.status);
  const monitoringAt = incident.timeline.filter((c) => c.status === 'monitoring').at(-1)?.at ?? null;
  const resolvedAt = incident.resolvedAt ?? incident.withdrawnAt;
  const named = pick(incident.components, components);
  const updatedAt = [incident.updatedAt, ...events.map((e) => e.at)].sort().at(-1) ?? incident.updatedAt;
  return {
    id,
    name: incident.title,
    status,
    impact: incident.withdrawn ? 'none' : SEVERITY_INFO[incident.severity].impact,
    created_at: toApiTime(incident.startedAt),
    updated_at: toApiTime(updatedAt),
    started_at: toApiTime(incident.startedAt),
    monitoring_at: monitoringAt === null ? null : toApiTime(monitoringAt),
    resolved_at: resolvedAt === null ? null : toApiTime(resolvedAt),
    shortlink: ctx.absolute(ctx.urls.incident(incident.number)),
    page_id: ctx.pageId,
    components: named,
    incident_updates: toApiUpdates(events, id, named, toApiIncidentStatus),
    ...(postmortem ? { postmortem_body: renderPostmortemText(postmortem, ctx.absolute(ctx.urls.postmortem(incident.number))) } : {}),
  };
}

export function toApiMaintenance(ctx: ApiContext, m: Maintenance, components: ReadonlyMap<string, ApiComponent>): ApiMaintenance {
  const id = String(m.number);
  const events = listMaintenanceEvents(m, ctx.model.now);
  const named = pick(m.components, components);
  const resolvedAt = findMaintenanceEnd(m, ctx.model.now);
  const updatedAt =
    [m.updatedAt, ...events.map((e) => e.at)]
      .filter((t) => t <= ctx.model.now)
      .sort()
      .at(-1) ?? m.updatedAt;
  return {
    id,
    name: m.title,
    status: toApiMaintenanceStatus(m),
    // Statuspage's own examples give maintenances impact "none": planned work is not an outage.
    impact: 'none',
    created_at: toApiTime(m.createdAt),
    updated_at: toApiTime(updatedAt),
    started_at: toApiTime(m.scheduledFor),
    monitoring_at: null,
    resolved_at: resolvedAt === null ? null : toApiTime(resolvedAt),
    shortlink: ctx.absolute(ctx.urls.maintenance(m.number)),
    page_id: ctx.pageId,
    components: named,
    incident_updates: toApiUpdates(events, id, named, (s) => s),
    scheduled_for: toApiTime(m.scheduledFor),
    scheduled_until: toApiTime(m.scheduledUntil),
  };
}

/**
 * The generic `webhook` channel sends what Atlassian Statuspage sends its webhook subscribers
 * (https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/), so a receiver
 * written for Statuspage works unchanged:
 * - an incident event: `{ meta, page, incident }`, the incident as the API's incidents.json has it
 *   (src/lib/api/incidents.ts), as it stood at the event: `incident_updates` up to the event,
 *   newest first, and `status` that of the newest;
 * - then, per component whose status the event changed: `{ meta, page, component_update, component }`.
 * Maintenance windows are incidents with `scheduled_for`/`scheduled_until`, as on Statuspage.
 * Texts are plain text, as Statuspage's are; `@everyone`/`@here`/`@channel` carry a zero-width
 * space, since receivers often forward `name` and `body` straight into a chat.
 */
import { buildApiComponents } from '../api/components.ts';
import type { ApiContext } from '../api/context.ts';
import { toApiTime } from '../api/context.ts';
import { toApiIncident, toApiMaintenance } from '../api/incidents.ts';
import { deriveApiStatus } from '../api/status.ts';
import type { ApiComponent, ApiIncident, ApiMaintenance } from '../api/statuspage-types.ts';
import { breakMassMentions } from './escape.ts';
import type { NotifyEvent } from './events.ts';

export const STATUSPAGE_WEBHOOK_DOCS = 'https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/';

export interface StatuspageWebhookMeta {
  /** Where a subscriber stops receiving: for sitrep, the page (channels are removed from content/status.yml). */
  readonly unsubscribe: string;
  readonly documentation: string;
}

export interface StatuspageWebhookPage {
  readonly id: string;
  readonly status_indicator: string;
  readonly status_description: string;
}

export interface IncidentWebhook {
  readonly meta: StatuspageWebhookMeta;
  readonly page: StatuspageWebhookPage;
  readonly incident: (ApiIncident | ApiMaintenance) & { readonly backfilled: false; readonly impact_override: null };
}

export interface ComponentWebhook {
  readonly meta: StatuspageWebhookMeta;
  readonly page: StatuspageWebhookPage;
  readonly component_update: {
    readonly id: string;
    readonly component_id: string;
    readonly created_at: string;
    readonly old_status: string;
    readonly new_status: string;
  };
  readonly component: { readonly id: string; readonly name: string; readonly status: string; readonly created_at: string };
}

function asOf<T extends ApiIncident | ApiMaintenance>(incident: T, at: string): T {
  const updates = incident.incident_updates.filter((u) => u.created_at <= toApiTime(at)).map((u) => ({ ...u, body: breakMassMentions(u.body) }));
  return { ...incident, name: breakMassMentions(incident.name), status: updates[0]?.status ?? incident.status, incident_updates: updates };
}

/** The requests' bodies for one event, in the order Statuspage sends them. */
export function buildStatuspageWebhooks(event: NotifyEvent, ctx: ApiContext): (IncidentWebhook | ComponentWebhook)[] {
  const components = new Map<string, ApiComponent>(buildApiComponents(ctx).map((c) => [c.id, c]));
  const status = deriveApiStatus(ctx.model);
  const meta = { unsubscribe: ctx.absolute(ctx.urls.home), documentation: STATUSPAGE_WEBHOOK_DOCS };
  const page = { id: ctx.pageId, status_indicator: status.indicator, status_description: status.description };
  const { subject } = event;
  const incident =
    subject.type === 'incident'
      ? asOf(toApiIncident(ctx, subject.incident, components), event.at)
      : asOf(toApiMaintenance(ctx, subject.maintenance, components), event.at);
  const out: (IncidentWebhook | ComponentWebhook)[] = [{ meta, page, incident: { ...incident, backfilled: false, impact_override: null } }];
  const change = event.componentChange;
  if (change) {
    for (const id of event.components) {
      const component = components.get(id);
      if (!component) continue;
      out.push({
        meta,
        page,
        component_update: { id: `${event.id}:${id}`, component_id: id, created_at: toApiTime(event.at), old_status: change.from, new_status: change.to },
        component: { id, name: component.name, status: change.to, created_at: component.created_at },
      });
    }
  }
  return out;
}

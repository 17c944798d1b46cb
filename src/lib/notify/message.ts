/**
 * One event → the facts every channel's message carries, as plain (still unescaped) text:
 * severity, title, components, status, the latest update (length-capped), who is on call, and the
 * page's link. Each channel's builder (payloads.ts) escapes them for its own markup.
 */
import { findOnCall } from '../oncall.ts';
import type { SiteConfig } from '../schema/config.ts';
import { SEVERITY_INFO } from '../severity.ts';
import type { SiteUrls } from '../urls.ts';
import type { NotifyEvent } from './events.ts';

/** Long enough for a real update, short enough for every chat's limits (Discord: 2,000 characters). */
export const UPDATE_TEXT_LIMIT = 600;
export const TITLE_LIMIT = 200;

export interface NotifyMessage {
  readonly eventId: string;
  /** "Incident declared", "Update", "Resolved", "Maintenance started"… */
  readonly headline: string;
  /** "P0 · Critical", or null for maintenance. */
  readonly severity: string | null;
  readonly title: string;
  readonly components: readonly string[];
  readonly status: string;
  readonly update: string;
  /** "Europe: alice, bob" — logins without "@", so no channel (or GitHub) pings them from here. */
  readonly onCall: string | null;
  /** The incident's (or maintenance's) page on the status site, absolute. */
  readonly link: string;
}

/** Collapses whitespace and cuts at `max` characters with an ellipsis. */
export function capText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max
    ? flat
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

function describeHeadline(event: NotifyEvent): string {
  const [first] = event.kinds;
  if (event.kinds.includes('status_changed') && first === 'update') return `Update: now ${event.statusText}`;
  switch (first) {
    case 'declared':
      return 'Incident declared';
    case 'status_changed':
      return `Status: ${event.statusText}`;
    case 'resolved':
      return 'Resolved';
    case 'withdrawn':
      return 'Withdrawn (false alarm or duplicate)';
    case 'maintenance_started':
      return 'Maintenance started';
    case 'maintenance_ended':
      return event.statusText === 'Cancelled' ? 'Maintenance cancelled' : 'Maintenance ended';
    default:
      return 'Update';
  }
}

export interface MessageContext {
  readonly config: Pick<SiteConfig, 'components' | 'oncall'>;
  readonly urls: SiteUrls;
  /** A site path as an absolute URL. */
  readonly absolute: (path: string) => string;
  readonly now: Date;
}

export function composeMessage(event: NotifyEvent, ctx: MessageContext): NotifyMessage {
  const { subject } = event;
  const title = subject.type === 'incident' ? subject.incident.title : subject.maintenance.title;
  const path = subject.type === 'incident' ? ctx.urls.incident(subject.incident.number) : ctx.urls.maintenance(subject.maintenance.number);
  const onCall = ctx.config.oncall ? findOnCall(ctx.config.oncall, ctx.now) : null;
  return {
    eventId: event.id,
    headline: describeHeadline(event),
    severity: event.severity ? `${event.severity} · ${SEVERITY_INFO[event.severity].name}` : null,
    title: capText(title, TITLE_LIMIT),
    components: ctx.config.components.filter((c) => event.components.includes(c.id)).map((c) => c.name),
    status: event.statusText,
    update: capText(event.latestUpdate, UPDATE_TEXT_LIMIT),
    onCall: onCall ? `${onCall.rotation}: ${onCall.responders.join(', ')}` : null,
    link: ctx.absolute(path),
  };
}

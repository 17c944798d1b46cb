/**
 * An incident's or a maintenance's story as a list of dated events: the API's `incident_updates`
 * and the feeds' entries are both drawn from it.
 *
 * Statuspage readers expect every status change to come with an update (chat integrations post
 * `incident_updates[0]`), but on GitHub a status often changes without a comment: a label, the
 * issue being closed. Those changes become events with a short stock text; maintainers' comments
 * are events with their own text.
 */
import { formatUtc } from '../format.ts';
import type { Incident } from '../incident.ts';
import type { Maintenance } from '../maintenance.ts';
import { htmlToPlainText } from '../markdown.ts';
import { type ComponentStatus, SEVERITY_INFO } from '../severity.ts';
import type { IncidentStatus } from '../timeline.ts';
import { STATUS_MEANING, STATUS_TEXT } from '../views.ts';
import type { ApiIncidentStatus, ApiMaintenanceStatus } from './statuspage-types.ts';
import { escapeXml } from './xml.ts';

export interface StatusEvent<S extends string> {
  /** Stable across builds: a comment's id, or the issue number, the kind and the time. */
  readonly id: string;
  readonly status: S;
  readonly at: string;
  readonly text: string;
  /** Safe HTML: the sanitized comment, or the escaped stock text. */
  readonly html: string;
  readonly author: string | null;
  /** The fragment of the event on the incident's page (`#update-123`), or ''. */
  readonly anchor: string;
  /** What the event left the named components at. */
  readonly componentStatus: ComponentStatus;
}

const paragraph = (text: string): string => `<p>${escapeXml(text)}</p>`;
const epochSeconds = (iso: string): number => Math.floor(new Date(iso).getTime() / 1000);

/** Statuspage has no "withdrawn": a false alarm is over, so it reads as resolved (with impact none). */
export const toApiIncidentStatus = (status: IncidentStatus): ApiIncidentStatus => (status === 'withdrawn' ? 'resolved' : status);

function stockText(status: IncidentStatus, source: 'label' | 'closed' | 'reopened'): string {
  if (source === 'reopened') return `Reopened: ${STATUS_MEANING[status]}`;
  if (status === 'resolved') return 'This incident has been resolved.';
  if (status === 'withdrawn') return 'Withdrawn: this was a false alarm or a duplicate; there was no outage.';
  return `${STATUS_TEXT[status]}: ${STATUS_MEANING[status]}`;
}

/** Oldest first. */
export function listIncidentEvents(incident: Incident): StatusEvent<IncidentStatus>[] {
  const n = incident.number;
  const affected = SEVERITY_INFO[incident.severity].componentStatus;
  const componentStatus = (s: IncidentStatus): ComponentStatus => (s === 'resolved' || s === 'withdrawn' ? 'operational' : affected);
  const opening = [incident.scope.broken, incident.scope.affected, incident.scope.workaround, incident.scope.eta].filter((h): h is string => h !== null);
  const openingText = incident.summary || 'We are investigating reports of a problem.';
  const events: StatusEvent<IncidentStatus>[] = [
    {
      id: `${n}-opened`,
      status: 'investigating',
      at: incident.startedAt,
      text: openingText,
      html: opening.length > 0 ? opening.join('\n') : (incident.descriptionHtml ?? paragraph(openingText)),
      author: incident.author,
      anchor: '',
      componentStatus: componentStatus('investigating'),
    },
  ];
  const comments = [...incident.updates].reverse();
  incident.timeline.forEach((change, index) => {
    if (index === 0 || change.source === 'comment' || change.source === 'opened') return;
    // A maintainer who wrote "Status: resolved" and then closed the issue already said it.
    const since = incident.timeline[index - 1]?.at ?? incident.startedAt;
    if (comments.some((c) => c.status === change.status && c.createdAt >= since && c.createdAt <= change.at)) return;
    const text = stockText(change.status, change.source);
    events.push({
      id: `${n}-${change.source}-${epochSeconds(change.at)}`,
      status: change.status,
      at: change.at,
      text,
      html: paragraph(text),
      author: change.by === 'unknown' ? null : change.by,
      anchor: '',
      componentStatus: componentStatus(change.status),
    });
  });
  for (const c of comments) {
    events.push({
      id: String(c.id),
      status: c.status,
      at: c.createdAt,
      text: c.text,
      html: c.html,
      author: c.author,
      anchor: `#update-${c.id}`,
      componentStatus: componentStatus(c.status),
    });
  }
  return sortChronologically(events);
}

/** Oldest first; stable, so at equal times a status change stays before the comment posted with it. */
function sortChronologically<T extends { readonly at: string }>(events: readonly T[]): T[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at.localeCompare(b.e.at) || a.i - b.i)
    .map(({ e }) => e);
}

/** Statuspage has no "cancelled": the window is over, so it reads as completed, with an update saying why. */
export const toApiMaintenanceStatus = (m: Maintenance): ApiMaintenanceStatus => (m.status === 'cancelled' ? 'completed' : m.status);

/**
 * When a window ended: its planned end, or when the issue was closed if that came first (or it
 * was cancelled); null while it has not ended.
 */
export function findMaintenanceEnd(m: Maintenance, now: string): string | null {
  if (m.status === 'cancelled') return m.updatedAt;
  if (m.status !== 'completed') return null;
  return m.scheduledUntil <= now ? m.scheduledUntil : m.updatedAt;
}

/** Oldest first. */
export function listMaintenanceEvents(m: Maintenance, now: string): StatusEvent<ApiMaintenanceStatus>[] {
  const n = m.number;
  const impact = m.impactHtml ? htmlToPlainText(m.impactHtml) : '';
  const window = `Scheduled for ${formatUtc(m.scheduledFor)} to ${formatUtc(m.scheduledUntil)}.`;
  const stock = (id: string, status: ApiMaintenanceStatus, at: string, text: string, componentStatus: ComponentStatus): StatusEvent<ApiMaintenanceStatus> => ({
    id: `${n}-${id}`,
    status,
    at,
    text,
    html: paragraph(text),
    author: null,
    anchor: '',
    componentStatus,
  });
  const steps = [stock('scheduled', 'scheduled', m.createdAt, impact ? `${window} ${impact}` : window, 'operational')];
  const end = findMaintenanceEnd(m, now);
  const started = m.status !== 'scheduled' && m.scheduledFor <= now && (end === null || end > m.scheduledFor);
  if (started) steps.push(stock('in-progress', 'in_progress', m.scheduledFor, 'The maintenance window has started.', 'under_maintenance'));
  if (m.status === 'completed' && end) steps.push(stock('completed', 'completed', end, 'The maintenance is complete.', 'operational'));
  if (m.status === 'cancelled') steps.push(stock('cancelled', 'completed', m.updatedAt, 'This maintenance was cancelled.', 'operational'));
  // A window can be recorded after the fact (issue opened after the start): order before reading states.
  const events = sortChronologically(steps);
  const statusAt = (at: string): StatusEvent<ApiMaintenanceStatus> | undefined => events.filter((e) => e.at <= at).at(-1);
  const comments = [...m.updates].reverse().map((c): StatusEvent<ApiMaintenanceStatus> => {
    const state = statusAt(c.createdAt);
    return {
      id: String(c.id),
      status: state?.status ?? 'scheduled',
      at: c.createdAt,
      text: c.text,
      html: c.html,
      author: c.author,
      anchor: `#update-${c.id}`,
      componentStatus: state?.componentStatus ?? 'operational',
    };
  });
  return sortChronologically([...events, ...comments]);
}

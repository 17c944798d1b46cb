/**
 * The incident page read as a story (issue #13): the latest news first, status changes in words
 * ("Identified by grace-h"), a closing "Resolved"/"Withdrawn" entry, a promised update that is
 * overdue. Pure: `now` is passed in; the page only draws this.
 */
import type { Incident } from './incident.ts';
import type { IncidentStatus, StatusChange } from './timeline.ts';
import { STATUS_MEANING, STATUS_TEXT } from './views.ts';

/** "Identified by grace-h"; "Opened by ada"; "Reopened by ada (Investigating)"; no name when GitHub did not say who. */
export function describeStatusChange(change: StatusChange): string {
  const by = change.by === 'unknown' ? '' : ` by ${change.by}`;
  if (change.source === 'opened') return `Opened${by}`;
  if (change.source === 'reopened') return `Reopened${by} (${STATUS_TEXT[change.status]})`;
  return `${STATUS_TEXT[change.status]}${by}${change.source === 'comment' ? ' in an update' : ''}`;
}

/** The entry that ends a resolved or withdrawn incident's updates, as the status API's last update. */
interface ClosingEntry {
  readonly status: Extract<IncidentStatus, 'resolved' | 'withdrawn'>;
  readonly at: string;
  /** null when GitHub did not say who closed it. */
  readonly by: string | null;
  readonly text: string;
}

export function describeClosing(incident: Incident): ClosingEntry | null {
  const last = incident.timeline.at(-1);
  if (!last || (last.status !== 'resolved' && last.status !== 'withdrawn')) return null;
  const text = last.status === 'resolved' ? 'This incident has been resolved.' : `Withdrawn: ${STATUS_MEANING.withdrawn}`;
  return { status: last.status, at: last.at, by: last.by === 'unknown' ? null : last.by, text };
}

/** What sits right under the title: the closing entry when the incident is over, else the newest update. */
type LatestNews =
  | { readonly kind: 'closing'; readonly entry: ClosingEntry }
  | { readonly kind: 'update'; readonly update: Incident['updates'][number] }
  | { readonly kind: 'none' };

export function findLatestNews(incident: Incident): LatestNews {
  const closing = describeClosing(incident);
  const newest = incident.updates[0];
  if (closing && (!newest || closing.at >= newest.createdAt)) return { kind: 'closing', entry: closing };
  return newest ? { kind: 'update', update: newest } : { kind: 'none' };
}

interface NextUpdateView {
  /** Plain text: a promise is one short line. */
  readonly text: string;
  readonly saidAt: string;
  readonly dueAt: string | null;
  /** The promised time has passed at build time (the browser re-checks with its clock). */
  readonly overdue: boolean;
}

export function describeNextUpdate(incident: Incident, now: string): NextUpdateView | null {
  const promise = incident.nextUpdate;
  if (!promise) return null;
  return { ...promise, overdue: promise.dueAt !== null && promise.dueAt < now };
}

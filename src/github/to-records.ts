/**
 * GitHub JSON → snapshot records. Pure: no I/O, no clock; trust comes in as a function so the
 * records can be rebuilt whenever a permission answer changes.
 */
import { hasAnyLabel } from '../lib/labels.ts';
import type { Actor, CommentRecord, EventRecord, IssueRecord, ReferencedIssue } from '../lib/schema/snapshot.ts';
import type { GitHubComment, GitHubIssue, GitHubIssueEvent, GitHubUser } from './github-json.ts';

/** Whether a login is trusted (see trust.ts); never asked about "ghost". */
export type IsTrusted = (login: string) => boolean;

/** GitHub's own name for a deleted account (`user: null`). */
export const GHOST = 'ghost';

const EVENT_TYPES = new Set<EventRecord['type']>(['labeled', 'unlabeled', 'assigned', 'unassigned', 'closed', 'reopened', 'renamed']);
const ISSUE_STATE_REASONS = new Set(['completed', 'not_planned', 'reopened', 'duplicate'] as const);
const CLOSE_REASONS = new Set(['completed', 'not_planned', 'duplicate'] as const);

export function toActor(user: GitHubUser | null | undefined, isTrusted: IsTrusted): Actor {
  if (!user?.login) return { login: GHOST, trusted: false };
  return { login: user.login, trusted: isTrusted(user.login) };
}

export function labelNames(issue: Pick<GitHubIssue, 'labels'>): string[] {
  return issue.labels.map((label) => (typeof label === 'string' ? label : label.name));
}

/** The issues endpoint lists pull requests too; they carry a `pull_request` key. */
export function isPullRequest(issue: GitHubIssue): boolean {
  return issue.pull_request !== undefined && issue.pull_request !== null;
}

/** An issue (not a pull request) carrying one of the labels the sync tracks, compared as the model compares them. */
export function isTrackedIssue(issue: GitHubIssue, trackedLabels: readonly string[]): boolean {
  return !isPullRequest(issue) && hasAnyLabel(labelNames(issue), trackedLabels);
}

function pick<T extends string>(allowed: ReadonlySet<T>, value: string | null | undefined): T | null {
  return value && (allowed as ReadonlySet<string>).has(value) ? (value as T) : null;
}

export function toCommentRecord(comment: GitHubComment, isTrusted: IsTrusted): CommentRecord {
  return {
    id: comment.id,
    author: toActor(comment.user, isTrusted),
    body: comment.body ?? '',
    createdAt: comment.created_at,
    updatedAt: comment.updated_at,
    url: comment.html_url,
  };
}

/** The event as a record, or null for event types the model does not use (mentioned, subscribed…). */
export function toEventRecord(event: GitHubIssueEvent, isTrusted: IsTrusted): EventRecord | null {
  if (!EVENT_TYPES.has(event.event as EventRecord['type'])) return null;
  const type = event.event as EventRecord['type'];
  const record: EventRecord = { id: event.id, type, actor: toActor(event.actor, isTrusted), createdAt: event.created_at };
  if ((type === 'labeled' || type === 'unlabeled') && event.label?.name) record.label = event.label.name;
  if (type === 'assigned' || type === 'unassigned') record.assignee = event.assignee?.login ?? GHOST;
  if (type === 'closed' && event.state_reason !== undefined) record.stateReason = pick(CLOSE_REASONS, event.state_reason);
  // Who renamed, from what: the model keeps the last title a trusted person wrote or adopted.
  if (type === 'renamed' && typeof event.rename?.from === 'string' && typeof event.rename.to === 'string')
    record.rename = { from: event.rename.from, to: event.rename.to };
  return record;
}

const byTimeThenId = <T extends { createdAt: string; id: number }>(a: T, b: T): number => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id;

export function toIssueRecord(issue: GitHubIssue, comments: readonly GitHubComment[], events: readonly GitHubIssueEvent[], isTrusted: IsTrusted): IssueRecord {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ? issue.body : null,
    url: issue.html_url,
    state: issue.state === 'closed' ? 'closed' : 'open',
    stateReason: pick(ISSUE_STATE_REASONS, issue.state_reason),
    labels: labelNames(issue),
    author: toActor(issue.user, isTrusted),
    assignees: (issue.assignees ?? []).map((user) => user?.login ?? GHOST),
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    closedAt: issue.closed_at,
    isPullRequest: false,
    comments: comments.map((c) => toCommentRecord(c, isTrusted)).sort(byTimeThenId),
    events: events.flatMap((e) => toEventRecord(e, isTrusted) ?? []).sort(byTimeThenId),
  };
}

/** Every login that acts on an issue and so needs a trust answer ("ghost" excluded). */
export function actorLogins(issue: GitHubIssue, comments: readonly GitHubComment[], events: readonly GitHubIssueEvent[]): string[] {
  const logins = [issue.user, ...comments.map((c) => c.user), ...events.map((e) => e.actor)].flatMap((u) => (u?.login ? [u.login] : []));
  return [...new Set(logins)];
}

/** Every login acting in a record (for re-checking trust on records kept from the last run). */
export function recordLogins(record: IssueRecord): string[] {
  const actors = [
    record.author,
    ...record.comments.map((c) => c.author),
    ...record.events.map((e) => e.actor),
    ...(record.bodyEdits ?? []).map((e) => e.editor),
  ];
  return [...new Set(actors.filter((a) => a.login !== GHOST).map((a) => a.login))];
}

/** The record with every actor's `trusted` recomputed: permissions and `maintainers` can change. */
export function applyTrust(record: IssueRecord, isTrusted: IsTrusted): IssueRecord {
  const actor = (a: Actor): Actor => (a.login === GHOST ? { login: GHOST, trusted: false } : { login: a.login, trusted: isTrusted(a.login) });
  return {
    ...record,
    author: actor(record.author),
    comments: record.comments.map((c) => ({ ...c, author: actor(c.author) })),
    events: record.events.map((e) => ({ ...e, actor: actor(e.actor) })),
    ...(record.bodyEdits ? { bodyEdits: record.bodyEdits.map((e) => ({ ...e, editor: actor(e.editor) })) } : {}),
  };
}

export function toReferencedIssue(issue: GitHubIssue): ReferencedIssue {
  return { number: issue.number, title: issue.title, state: issue.state === 'closed' ? 'closed' : 'open', url: issue.html_url };
}

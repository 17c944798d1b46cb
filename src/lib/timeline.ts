/**
 * An incident's status over time, from the facts GitHub keeps: status labels added by trusted
 * people, trusted comments whose first line is `Status: <name>`, closing and reopening.
 * Pure: the same record always gives the same timeline.
 */
import { labelMatches } from './labels.ts';
import type { Labels } from './schema/config.ts';
import type { IssueRecord } from './schema/snapshot.ts';

export const ACTIVE_STATUSES = ['investigating', 'identified', 'monitoring'] as const;
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];
/** `withdrawn`: closed as not planned (false alarm, duplicate) — kept on record, never downtime. */
export type IncidentStatus = ActiveStatus | 'resolved' | 'withdrawn';

export interface StatusChange {
  readonly status: IncidentStatus;
  readonly at: string;
  /** Login of whoever made the change. */
  readonly by: string;
  readonly source: 'opened' | 'label' | 'comment' | 'closed' | 'reopened';
}

const STATUS_LINE = /^\s*[*_]{0,2}status[*_]{0,2}\s*:\s*[*_]{0,2}\s*(investigating|identified|monitoring|resolved)\b/i;

/** The status a comment declares on its first line (`Status: identified`), if any. */
export function readCommentStatus(body: string): ActiveStatus | 'resolved' | undefined {
  const first = body.replace(/^\s+/, '').split('\n', 1)[0] ?? '';
  return STATUS_LINE.exec(first)?.[1]?.toLowerCase() as ActiveStatus | 'resolved' | undefined;
}

/** Maps a label name to the status it stands for, using the configured names. */
export function statusForLabel(label: string, labels: Labels): ActiveStatus | undefined {
  return ACTIVE_STATUSES.find((s) => labelMatches(labels.status[s], label));
}

const isTerminal = (s: IncidentStatus): boolean => s === 'resolved' || s === 'withdrawn';

/**
 * Builds the ordered list of status changes. `Status: resolved` in a comment does not resolve:
 * closing the issue does, so the page never disagrees with the issue's state.
 */
export function deriveStatusTimeline(issue: IssueRecord, labels: Labels): StatusChange[] {
  type Raw = { at: string; order: number; by: string; kind: StatusChange['source']; status?: ActiveStatus; closedAs?: 'resolved' | 'withdrawn' };
  const raw: Raw[] = [];
  issue.events.forEach((e, order) => {
    if (!e.actor.trusted && e.type !== 'closed' && e.type !== 'reopened') return;
    if (e.type === 'labeled' && e.label) {
      const status = statusForLabel(e.label, labels);
      if (status) raw.push({ at: e.createdAt, order, by: e.actor.login, kind: 'label', status });
    } else if (e.type === 'closed') {
      raw.push({
        at: e.createdAt,
        order,
        by: e.actor.login,
        kind: 'closed',
        closedAs: e.stateReason === 'not_planned' || e.stateReason === 'duplicate' ? 'withdrawn' : 'resolved',
      });
    } else if (e.type === 'reopened') {
      raw.push({ at: e.createdAt, order, by: e.actor.login, kind: 'reopened' });
    }
  });
  issue.comments.forEach((c, i) => {
    if (!c.author.trusted) return;
    const status = readCommentStatus(c.body);
    if (status && status !== 'resolved') raw.push({ at: c.createdAt, order: 10_000 + i, by: c.author.login, kind: 'comment', status });
  });
  // Events can be missing (an old snapshot, a failed fetch): the issue's own state still decides.
  const lastClose = raw.filter((r) => r.kind === 'closed' || r.kind === 'reopened').at(-1);
  if (issue.state === 'closed' && lastClose?.kind !== 'closed') {
    raw.push({
      at: issue.closedAt ?? issue.updatedAt,
      order: 20_000,
      by: 'unknown',
      kind: 'closed',
      closedAs: issue.stateReason === 'not_planned' || issue.stateReason === 'duplicate' ? 'withdrawn' : 'resolved',
    });
  }
  raw.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);

  const timeline: StatusChange[] = [{ status: 'investigating', at: issue.createdAt, by: issue.author.login, source: 'opened' }];
  let lastActive: ActiveStatus = 'investigating';
  const current = (): IncidentStatus => timeline.at(-1)?.status ?? 'investigating';
  for (const r of raw) {
    let next: IncidentStatus;
    if (r.kind === 'closed') next = r.closedAs ?? 'resolved';
    else if (r.kind === 'reopened') next = lastActive;
    else {
      // A label or comment on a closed issue does not reopen it.
      if (isTerminal(current())) continue;
      next = r.status ?? lastActive;
      lastActive = r.status ?? lastActive;
    }
    if (next === current() && r.kind !== 'closed') continue;
    timeline.push({ status: next, at: r.at, by: r.by, source: r.kind });
  }
  // No status event at all but a status label on the issue (e.g. events not synced): the label is
  // the trusted author's only when no event says someone else applied it (a triager can label).
  if (issue.state === 'open' && timeline.length === 1 && issue.author.trusted) {
    const unexplained = (l: string): boolean => !issue.events.some((e) => e.label?.toLowerCase() === l.toLowerCase());
    const labelled = [...ACTIVE_STATUSES].reverse().find((s) => issue.labels.some((l) => statusForLabel(l, labels) === s && unexplained(l)));
    if (labelled && labelled !== 'investigating') timeline.push({ status: labelled, at: issue.updatedAt, by: 'unknown', source: 'label' });
  }
  return timeline;
}

/** The status in force at `at` (the last change at or before it). */
export function statusAt(timeline: readonly StatusChange[], at: string): IncidentStatus {
  let status: IncidentStatus = timeline[0]?.status ?? 'investigating';
  for (const change of timeline) {
    if (change.at > at) break;
    status = change.status;
  }
  return status;
}

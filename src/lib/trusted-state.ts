/**
 * An issue as trusted people left it: only maintainers decide what the page says (issue #10).
 *
 * A report counts from its *adoption*: its opening by a trusted author, or the last time a
 * trusted person applied the kind label (`incident`, `maintenance`, `postmortem`). Then:
 * - labels (severity, components, status, `embargoed`) and assignees (the commander) count only
 *   as trusted actors applied or removed them — a triage member can label, but is not trusted;
 * - closes and reopens count only when a trusted actor made them;
 * - the title and the body are the last versions a trusted person wrote or saw at adoption:
 *   renames and body edits by anyone else after it are not applied.
 * Every ignored change is reported (build log); those after adoption are also listed as
 * `unconfirmed`, so the page can say a maintainer must confirm. A maintainer confirms by making
 * the change themselves, or by re-applying the kind label (a new adoption of what is there now).
 *
 * Pure: the record in, a record holding only trusted facts out.
 */
import type { Notice } from './incident.ts';
import type { EventRecord, IssueRecord } from './schema/snapshot.ts';

/** What an untrusted person changed after adoption, waiting for a maintainer. */
export type UnconfirmedChange = 'title' | 'description' | 'labels' | 'state';
// Assignments count under 'labels': both are triage's tools, and the page names them together.

export interface TrustedIssue {
  /** Title, body, labels, state and events as trusted people left them. */
  readonly issue: IssueRecord;
  /** In this order: title, description, labels, state. */
  readonly unconfirmed: readonly UnconfirmedChange[];
}

const ORDER: readonly UnconfirmedChange[] = ['title', 'description', 'labels', 'state'];
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** When trusted people last vouched for the issue as it stood; null when nobody trusted ever did. */
export function findAdoption(issue: IssueRecord, kindLabel: string): string | null {
  const times = issue.events.filter((e) => e.type === 'labeled' && e.actor.trusted && same(e.label ?? '', kindLabel)).map((e) => e.createdAt);
  if (issue.author.trusted) times.push(issue.createdAt);
  return times.sort().at(-1) ?? null;
}

/**
 * The kind labels (`incident`, `maintenance`, `postmortem`, as the config names them) the issue
 * holds as trusted people left it: each one it carries, and each one whose last removal was made
 * by someone not trusted on an issue a trusted person had made that kind (opened it, or applied
 * the label). The one rule for the model (what the page publishes) and the sync (which records it
 * keeps fetching although GitHub's label listings no longer show them). In the order given.
 */
export function heldKindLabels(issue: IssueRecord, kindLabels: readonly string[]): string[] {
  return kindLabels.filter((kind) => {
    if (issue.labels.some((l) => same(l, kind))) return true;
    const last = issue.events.filter((e) => (e.type === 'labeled' || e.type === 'unlabeled') && same(e.label ?? '', kind)).at(-1);
    return last?.type === 'unlabeled' && !last.actor.trusted && findAdoption(issue, kind) !== null;
  });
}

/** The issue with only trusted changes applied; `notices` gets one line per ignored change. */
export function readTrustedIssue(issue: IssueRecord, kindLabel: string, notices: Notice[]): TrustedIssue {
  const where = `issue #${issue.number}`;
  const adoptedAt = findAdoption(issue, kindLabel) ?? issue.createdAt;
  const unconfirmed = new Set<UnconfirmedChange>();
  const ignore = (e: EventRecord, what: string, change: UnconfirmedChange): void => {
    notices.push({ where, message: `${what} by ${e.actor.login}, who is not a maintainer: ignored` });
    if (e.createdAt > adoptedAt) unconfirmed.add(change);
  };

  // Labels: replay who added and removed each one.
  const labels = new Map<string, string>();
  const explained = new Set<string>();
  for (const e of issue.events) {
    if ((e.type !== 'labeled' && e.type !== 'unlabeled') || !e.label) continue;
    const key = e.label.toLowerCase();
    explained.add(key);
    if (!e.actor.trusted) {
      // The kind label's own events decide adoption (findAdoption), not what the page says; its
      // removal by someone not trusted is ignored (heldKindLabels) and reported like the others.
      if (!same(e.label, kindLabel) || e.type === 'unlabeled') ignore(e, `label "${e.label}" ${e.type === 'labeled' ? 'added' : 'removed'}`, 'labels');
    } else if (e.type === 'labeled') labels.set(key, e.label);
    else labels.delete(key);
  }
  for (const label of issue.labels) {
    const key = label.toLowerCase();
    if (explained.has(key)) continue;
    // No event says who applied it (a record synced without events): the author's, if trusted.
    if (issue.author.trusted || same(label, kindLabel)) labels.set(key, label);
    else notices.push({ where, message: `label "${label}" has no event saying who applied it: ignored` });
  }
  if (heldKindLabels(issue, [kindLabel]).length > 0) labels.set(kindLabel.toLowerCase(), kindLabel);

  // Assignees (the first is shown as incident commander): the same replay as labels.
  const assignees: string[] = [];
  const assignedByEvent = new Set<string>();
  for (const e of issue.events) {
    if ((e.type !== 'assigned' && e.type !== 'unassigned') || !e.assignee) continue;
    assignedByEvent.add(e.assignee.toLowerCase());
    const at = assignees.findIndex((a) => same(a, e.assignee ?? ''));
    if (!e.actor.trusted) ignore(e, `${e.type === 'assigned' ? 'assigned' : 'unassigned'} ${e.assignee}`, 'labels');
    else if (e.type === 'assigned' && at < 0) assignees.push(e.assignee);
    else if (e.type === 'unassigned' && at >= 0) assignees.splice(at, 1);
  }
  // GitHub's order for the ones still assigned; unexplained ones only on a trusted author's issue.
  const trustedAssignees = [
    ...issue.assignees.filter((a) => assignees.some((t) => same(t, a)) || (!assignedByEvent.has(a.toLowerCase()) && issue.author.trusted)),
    ...assignees.filter((t) => !issue.assignees.some((a) => same(a, t))),
  ];

  // Closes and reopens. Without any such event (events not synced) the issue's state stands.
  let { state, stateReason, closedAt } = issue;
  const stateEvents = issue.events.filter((e) => e.type === 'closed' || e.type === 'reopened');
  if (stateEvents.length > 0) {
    state = 'open';
    stateReason = null;
    closedAt = null;
    for (const e of stateEvents) {
      if (!e.actor.trusted) ignore(e, e.type === 'closed' ? 'closed' : 'reopened', 'state');
      else if (e.type === 'reopened') [state, stateReason, closedAt] = ['open', 'reopened', null];
      else [state, stateReason, closedAt] = ['closed', e.stateReason ?? (issue.state === 'closed' ? issue.stateReason : 'completed'), e.createdAt];
    }
  }

  // Title: from the first title through every rename a trusted person made or saw at adoption.
  const renames = issue.events.filter((e) => e.type === 'renamed' && e.rename);
  let title = renames[0]?.rename?.from ?? issue.title;
  for (const e of renames) {
    if (e.actor.trusted || e.createdAt <= adoptedAt) title = e.rename?.to ?? title;
    else ignore(e, 'renamed', 'title');
  }

  // Body: the last version written by a trusted person or standing at adoption.
  let body = issue.body;
  const edits = [...(issue.bodyEdits ?? [])].sort((a, b) => a.editedAt.localeCompare(b.editedAt));
  const kept = edits.filter((e) => e.editor.trusted || e.editedAt <= adoptedAt).at(-1);
  const latest = edits.at(-1);
  if (latest && kept !== latest) {
    body = kept?.body ?? null;
    const editors = [...new Set(edits.filter((e) => e.editedAt > (kept?.editedAt ?? '')).map((e) => e.editor.login))].join(', ');
    notices.push({
      where,
      message: `description edited by ${editors}, who is not a maintainer: showing ${kept ? `the version of ${kept.editedAt}` : 'no description'}`,
    });
    unconfirmed.add('description');
  }

  return {
    issue: {
      ...issue,
      title,
      body,
      labels: [...labels.values()],
      assignees: trustedAssignees,
      state,
      stateReason,
      closedAt,
      events: issue.events.filter((e) => e.actor.trusted),
    },
    unconfirmed: ORDER.filter((c) => unconfirmed.has(c)),
  };
}

const CHANGE_TEXT: Record<UnconfirmedChange, string> = {
  title: 'title',
  description: 'description',
  labels: 'labels or assignees',
  state: 'closed or reopened',
};

/** The page's note for an issue with unconfirmed changes, or null when there are none. */
export function describeUnconfirmed(changes: readonly UnconfirmedChange[]): string | null {
  if (changes.length === 0) return null;
  return (
    `Someone who is not a maintainer changed this report after it was adopted (${changes.map((c) => CHANGE_TEXT[c]).join(', ')}). ` +
    'This page shows the last version a maintainer wrote or adopted; a maintainer must confirm the changes before they appear here.'
  );
}

/**
 * How a monitor's own issues are recognised, by the monitor (to find its open episode) and by the
 * sync/build (to publish them): authored by the workflow's bot identity AND carrying the hidden
 * marker with the monitor id. Neither alone is enough: anyone can paste the marker, and the bot
 * identity (github-actions[bot]) writes for every workflow of the repository.
 */

import type { Labels } from '../schema/config.ts';
import type { IssueRecord } from '../schema/snapshot.ts';
import { MONITOR_COMMENT_MARKER_PREFIX } from '../sitrep-comment.ts';
import { readCommentStatus, statusForLabel } from '../timeline.ts';

const MARKER = /<!--\s*sitrep-monitor:\s*([a-z0-9][a-z0-9-]*)\s*-->/;

/** The hidden marker in the body of every issue a monitor opens. */
export function monitorMarker(monitorId: string): string {
  return `<!-- sitrep-monitor: ${monitorId} -->`;
}

/**
 * First line of every comment a monitor writes: sitrep's own (src/lib/sitrep-comment.ts), so it is
 * never an update nor an acknowledgement, even when sitrep's token is a maintainer's.
 */
export function monitorCommentMarker(monitorId: string): string {
  return `${MONITOR_COMMENT_MARKER_PREFIX}-comment: ${monitorId} -->`;
}

/** The monitor id in a body's marker, if any. */
export function readMonitorMarker(body: string | null | undefined): string | null {
  return MARKER.exec(body ?? '')?.[1] ?? null;
}

const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The monitor id of an issue a monitor opened: bot author and marker; else null. */
export function monitorIdOf(issue: { author: string; body: string | null }, botLogins: readonly string[]): string | null {
  if (!botLogins.some((bot) => sameLogin(bot, issue.author))) return null;
  return readMonitorMarker(issue.body);
}

/**
 * A monitor's own issue as the page reads it. The bot opened it with the incident, severity and
 * component labels and closes it on recovery, so those of the bot's events count as trusted there
 * (labels GitHub recorded no event for count as the bot's at opening). Nothing else it does counts:
 * the bot identity is shared by every workflow of the repository, so a status or `embargoed` label,
 * a reopen or a comment from it stays untrusted, and its comments are never updates.
 */
export function trustMonitorBot(issue: IssueRecord, botLogins: readonly string[], labels: Labels): IssueRecord {
  const isBot = (login: string): boolean => botLogins.some((bot) => sameLogin(bot, login));
  const prefix = labels.componentPrefix.toLowerCase();
  const monitorLabel = (label: string): boolean =>
    sameLogin(label, labels.incident) || Object.values(labels.severity).some((l) => sameLogin(l, label)) || label.toLowerCase().startsWith(prefix);
  const events = issue.events.map((e) => {
    const own = e.type === 'closed' || ((e.type === 'labeled' || e.type === 'unlabeled') && e.label !== undefined && monitorLabel(e.label));
    return isBot(e.actor.login) && own ? { ...e, actor: { ...e.actor, trusted: true } } : e;
  });
  const explained = new Set(issue.events.flatMap((e) => (e.label !== undefined ? [e.label.toLowerCase()] : [])));
  const atOpening = issue.labels
    .filter((label) => monitorLabel(label) && !explained.has(label.toLowerCase()))
    .map((label, i) => ({ id: -1 - i, type: 'labeled' as const, actor: { ...issue.author, trusted: true }, createdAt: issue.createdAt, label }));
  return { ...issue, events: [...atOpening, ...events] };
}

/** Facts about a monitor issue, from its events and comments, for the take-over rule. */
export interface IssueActivity {
  readonly events: readonly { readonly type: string; readonly actor: string; readonly label?: string | undefined }[];
  readonly comments: readonly { readonly author: string; readonly body: string }[];
}

/**
 * A person took over a monitor's issue when someone other than the bot changed its status label,
 * posted a `Status:` comment, or reopened it. The monitor then only comments and never closes it.
 */
export function isTakenOver(activity: IssueActivity, botLogins: readonly string[], labels: Labels): boolean {
  const person = (login: string) => !botLogins.some((bot) => sameLogin(bot, login));
  return (
    activity.events.some(
      (e) =>
        person(e.actor) &&
        (e.type === 'reopened' || ((e.type === 'labeled' || e.type === 'unlabeled') && e.label !== undefined && statusForLabel(e.label, labels) !== undefined)),
    ) || activity.comments.some((c) => person(c.author) && readCommentStatus(c.body) !== undefined)
  );
}

/**
 * What `npm run announce` changes on GitHub so that incident issues lead to their status pages:
 * pins for active P0/P1 incidents, and one sitrep comment per published incident that links its
 * page and is edited when the incident resolves. Pure: published incidents, the pinned issues and
 * sitrep's comments in, actions out; src/github/announce.ts reads GitHub and carries them out.
 *
 * - **Which comment is sitrep's**: the first one isSitrepComment (sitrep-comment.ts) accepts.
 * - **Who pinned an issue**: GitHub does not say. sitrep writes PINNED_MARKER into its comment right
 *   after a pin succeeds and unpins only issues that carry it, so a pin someone made by hand is
 *   never undone. The marker stays when someone unpins the issue by hand, and sitrep then does not
 *   pin it again; it goes when sitrep unpins the issue itself.
 * - **How much**: a comment is *created* only for incidents that are active or ended within
 *   COMMENT_WINDOW_DAYS, so adopting sitrep on a repository with years of incidents does not
 *   comment on all of them; an existing comment is edited whenever it is out of date; at most
 *   MAX_COMMENT_WRITES writes per run, the rest next run.
 */
import type { Incident } from './incident.ts';
import type { Severity } from './severity.ts';
import { isSitrepComment, PINNED_MARKER, STATUS_COMMENT_MARKER } from './sitrep-comment.ts';
import { makeUrls, splitSiteUrl } from './urls.ts';

/** GitHub's limit of pinned issues per repository. */
export const MAX_PINNED_ISSUES = 3;
export const PINNED_SEVERITIES: readonly Severity[] = ['P0', 'P1'];
export const COMMENT_WINDOW_DAYS = 7;
/** GitHub's secondary limits frown on bursts of content creation; a first run stays well below. */
export const MAX_COMMENT_WRITES = 10;

const DAY_MS = 24 * 60 * 60 * 1000;

export type AnnounceState = 'active' | 'resolved' | 'withdrawn';

/** A published incident, as far as announcing goes. */
export interface AnnounceIncident {
  readonly number: number;
  readonly severity: Severity;
  readonly state: AnnounceState;
  readonly startedAt: string;
  /** When it was resolved or withdrawn; null while active. */
  readonly endedAt: string | null;
  /** Absolute URL of its page on the published site. */
  readonly pageUrl: string;
  readonly postmortemUrl: string | null;
}

/** A comment on an issue, from the snapshot or from GitHub. */
export interface IssueComment {
  readonly id: number;
  readonly author: string;
  readonly body: string;
}

export interface SitrepComment {
  readonly id: number;
  readonly body: string;
  /** It carries PINNED_MARKER: sitrep pinned this issue. */
  readonly pinned: boolean;
}

export interface PinnedIssue {
  readonly number: number;
  /** GraphQL node id, for unpinIssue. */
  readonly id: string;
}

/** Published incidents with the absolute URLs of their pages under `siteUrl` (the deployed site). */
export function toAnnounceIncidents(incidents: readonly Incident[], withPostmortem: { has(n: number): boolean }, siteUrl: string): AnnounceIncident[] {
  const { site, base } = splitSiteUrl(siteUrl);
  const urls = makeUrls(base);
  const absolute = (path: string): string => new URL(path, site).toString();
  return incidents.map((i) => ({
    number: i.number,
    severity: i.severity,
    state: i.active ? 'active' : i.withdrawn ? 'withdrawn' : 'resolved',
    startedAt: i.startedAt,
    endedAt: i.active ? null : (i.resolvedAt ?? i.withdrawnAt ?? i.updatedAt),
    pageUrl: absolute(urls.incident(i.number)),
    postmortemUrl: withPostmortem.has(i.number) ? absolute(urls.postmortem(i.number)) : null,
  }));
}

export function findSitrepComment(comments: readonly IssueComment[], isSitrepAuthor: (login: string) => boolean): SitrepComment | null {
  const found = comments.find((c) => isSitrepComment(c.body, isSitrepAuthor(c.author)));
  return found ? { id: found.id, body: found.body, pinned: found.body.includes(PINNED_MARKER) } : null;
}

export function renderStatusComment(incident: AnnounceIncident, pinned: boolean): string {
  const page = `[status page](${incident.pageUrl})`;
  const text = {
    active: `**Status page:** this incident is on the ${page}. Maintainers' comments here appear there as updates within minutes; close the issue to resolve it.`,
    resolved: `**Resolved.** The ${page} keeps this incident's timeline and how long it lasted.`,
    withdrawn: `**Withdrawn** (closed as not planned). The ${page} shows it as withdrawn; it does not count as downtime.`,
  }[incident.state];
  return [
    STATUS_COMMENT_MARKER,
    ...(pinned ? [PINNED_MARKER] : []),
    text,
    ...(incident.postmortemUrl ? ['', `Post-mortem: ${incident.postmortemUrl}`] : []),
    '',
    '<sub>Posted by sitrep, which keeps this comment up to date.</sub>',
  ].join('\n');
}

const sameText = (a: string, b: string): boolean => a.replace(/\r\n/g, '\n').trim() === b.replace(/\r\n/g, '\n').trim();
const wantsPin = (i: AnnounceIncident): boolean => i.state === 'active' && PINNED_SEVERITIES.includes(i.severity);
const mostUrgentFirst = (a: AnnounceIncident, b: AnnounceIncident): number => a.severity.localeCompare(b.severity) || b.startedAt.localeCompare(a.startedAt);

export interface PinInput {
  readonly incidents: readonly AnnounceIncident[];
  /** The repository's pinned issues, now. */
  readonly pinned: readonly PinnedIssue[];
  /** sitrep's comment per issue number. */
  readonly sitrepComments: ReadonlyMap<number, SitrepComment>;
  readonly maxPinned?: number;
}

export interface NotPinned {
  readonly number: number;
  /** `no-room` deserves a warning; `unpinned-by-hand` is respected silently. */
  readonly why: 'no-room' | 'unpinned-by-hand';
  readonly reason: string;
}

export interface PinPlan {
  /** Issue numbers to pin, most urgent first. */
  readonly pin: readonly number[];
  readonly unpin: readonly PinnedIssue[];
  readonly notPinned: readonly NotPinned[];
}

/** Unpins sitrep's pins that are no longer wanted, then pins active P0/P1 incidents while there is room. */
export function planPins({ incidents, pinned, sitrepComments, maxPinned = MAX_PINNED_ISSUES }: PinInput): PinPlan {
  const byNumber = new Map(incidents.map((i) => [i.number, i]));
  const isPinned = new Set(pinned.map((p) => p.number));
  const marked = (n: number): boolean => sitrepComments.get(n)?.pinned === true;
  const unpin = pinned.filter((p) => {
    const incident = byNumber.get(p.number);
    return marked(p.number) && !(incident && wantsPin(incident));
  });
  const staying = pinned.filter((p) => !unpin.includes(p)).map((p) => p.number);
  const pin: number[] = [];
  const notPinned: NotPinned[] = [];
  for (const incident of incidents.filter((i) => wantsPin(i) && !isPinned.has(i.number)).sort(mostUrgentFirst)) {
    const n = incident.number;
    if (marked(n)) {
      notPinned.push({ number: n, why: 'unpinned-by-hand', reason: `#${n} was unpinned by hand after sitrep pinned it; sitrep leaves it unpinned` });
    } else if (staying.length + pin.length < maxPinned) {
      pin.push(n);
    } else {
      const holders = [...staying, ...pin].map((x) => `#${x}`).join(', ');
      notPinned.push({
        number: n,
        why: 'no-room',
        reason: `#${n} (${incident.severity}) not pinned: the repository already has ${maxPinned} pinned issues (${holders}), and sitrep unpins only issues it pinned itself; unpin one to make room`,
      });
    }
  }
  return { pin, unpin, notPinned };
}

export interface CommentInput {
  readonly incidents: readonly AnnounceIncident[];
  readonly sitrepComments: ReadonlyMap<number, SitrepComment>;
  /** What the pin step did this run (or, for a dry run, would do). */
  readonly pinnedNow: ReadonlySet<number>;
  readonly unpinnedNow: ReadonlySet<number>;
  readonly now: Date;
  readonly windowDays?: number;
  readonly maxWrites?: number;
}

export interface CommentWrite {
  readonly number: number;
  /** The comment to edit; null to create one. */
  readonly commentId: number | null;
  readonly body: string;
  readonly state: AnnounceState;
}

/** The comments to create or edit, active incidents first, then the most recently ended. */
export function planComments(input: CommentInput): { writes: CommentWrite[]; deferred: number } {
  const windowStart = input.now.getTime() - (input.windowDays ?? COMMENT_WINDOW_DAYS) * DAY_MS;
  const recent = (i: AnnounceIncident): boolean => i.state === 'active' || (i.endedAt !== null && Date.parse(i.endedAt) >= windowStart);
  const order = (i: AnnounceIncident): number => (i.state === 'active' ? Infinity : Date.parse(i.endedAt ?? '') || 0);
  const writes: CommentWrite[] = [];
  for (const incident of [...input.incidents].sort((a, b) => order(b) - order(a) || b.number - a.number)) {
    const existing = input.sitrepComments.get(incident.number) ?? null;
    const pinned = ((existing?.pinned ?? false) && !input.unpinnedNow.has(incident.number)) || input.pinnedNow.has(incident.number);
    const body = renderStatusComment(incident, pinned);
    if (existing ? sameText(existing.body, body) : !recent(incident)) continue;
    writes.push({ number: incident.number, commentId: existing?.id ?? null, body, state: incident.state });
  }
  const max = input.maxWrites ?? MAX_COMMENT_WRITES;
  return { writes: writes.slice(0, max), deferred: Math.max(0, writes.length - max) };
}

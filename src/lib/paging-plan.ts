/**
 * On-call paging as a pure decision: an incident, the `oncall` config, sitrep's earlier pages and
 * `now` in, the next step out. `npm run respond` (src/github/respond.ts) reads GitHub and posts;
 * the build reads the same pages to show who was paged and when.
 *
 * - **Who is paged**: incidents nobody owns. A maintainer who declares an incident owns it (no
 *   page); an incident opened by sitrep's own identity (a monitor) or an outsider's report that a
 *   maintainer labelled is paged — until the first trusted acknowledgement (incident.ts's
 *   `findAcknowledgement`: an assignment, a status label or a comment), which stops it at once.
 * - **Steps**: one round pages each responder of the rotation on call in turn (primary,
 *   secondary, …) and then all of them together; `repeat` more rounds follow. Step k+1 is due
 *   `escalateAfterMinutes` after step k was posted, so a late run never fires two steps at once.
 * - **Once per step**: the step number is in the comment's hidden marker, and a comment counts only
 *   when its author is sitrep (or a trusted person): an outsider pasting the marker changes nothing.
 */
import { type Incident, isDeclaredByMaintainer } from './incident.ts';
import { findOnCall } from './oncall.ts';
import type { OnCallConfig } from './schema/response.ts';
import type { IssueRecord } from './schema/snapshot.ts';
import { SEVERITY_INFO, type Severity } from './severity.ts';
import { PAGE_MARKER_PREFIX } from './sitrep-comment.ts';

/** A page sitrep posted: which step, to whom, when. */
export interface PageRecord {
  readonly commentId: number;
  readonly step: number;
  /** When the comment was posted (ISO). */
  readonly at: string;
  readonly rotation: string;
  readonly to: readonly string[];
}

/** What the planner needs to know of an incident. */
export interface PagingIncident {
  readonly number: number;
  readonly title: string;
  readonly severity: Severity;
  readonly active: boolean;
  readonly startedAt: string;
  readonly acknowledgedAt: string | null;
  /** Opened by a trusted person other than sitrep itself: they own it. */
  readonly declaredByMaintainer: boolean;
  /** Plain text: what is broken. */
  readonly summary: string;
  /** Component names. */
  readonly components: readonly string[];
  /** The incident's page on the published site, when known. */
  readonly pageUrl: string | null;
}

export type NoPageReason = 'inactive' | 'severity' | 'declared' | 'acknowledged' | 'exhausted';

export type PageDecision =
  | { readonly action: 'none'; readonly reason: NoPageReason }
  /** The next step is not due yet. */
  | { readonly action: 'wait'; readonly step: number; readonly dueAt: string }
  /** Due, but nobody is on call (a gap between rotations): tried again next run. */
  | { readonly action: 'nobody'; readonly step: number; readonly dueAt: string }
  | {
      readonly action: 'page';
      readonly step: number;
      readonly dueAt: string;
      readonly rotation: string;
      readonly to: readonly string[];
      /** primary, secondary, …, or whole rotation. */
      readonly role: string;
      /** No step follows this one. */
      readonly last: boolean;
    };

export interface CommentLike {
  readonly id: number;
  readonly author: string;
  readonly body: string;
  readonly createdAt: string;
}

const MARKER = /^<!-- sitrep:page step=(\d+) rotation=(\S*) to=([A-Za-z0-9,-]*) -->/;

export function renderPageMarker(step: number, rotation: string, to: readonly string[]): string {
  // encodeURIComponent leaves no space or ">", so a rotation name cannot end the comment early.
  return `${PAGE_MARKER_PREFIX}step=${step} rotation=${encodeURIComponent(rotation)} to=${to.join(',')} -->`;
}

/** sitrep's pages among an issue's comments, oldest step first (duplicates of a step kept, lowest id first). */
export function readPages(comments: readonly CommentLike[], isSitrepAuthor: (login: string) => boolean): PageRecord[] {
  const pages: PageRecord[] = [];
  for (const c of comments) {
    const match = MARKER.exec(c.body.trimStart());
    if (!match || !isSitrepAuthor(c.author)) continue;
    let rotation: string;
    try {
      rotation = decodeURIComponent(match[2] ?? '');
    } catch {
      rotation = match[2] ?? '';
    }
    pages.push({ commentId: c.id, step: Number(match[1]), at: new Date(c.createdAt).toISOString(), rotation, to: (match[3] ?? '').split(',').filter(Boolean) });
  }
  return pages.sort((a, b) => a.step - b.step || a.commentId - b.commentId);
}

/** Steps in one round for a rotation of `n` responders: each in turn, then everyone (when more than one). */
const roundLength = (n: number): number => (n > 1 ? n + 1 : n);

/** Every step a rotation of `n` responders gets: (repeat + 1) rounds. */
export function totalSteps(n: number, repeat: number): number {
  return roundLength(n) * (repeat + 1);
}

const ROLE = ['primary', 'secondary', 'tertiary'];

function targetOf(step: number, responders: readonly string[]): { to: readonly string[]; role: string } {
  const index = step % roundLength(responders.length);
  if (index < responders.length) return { to: [responders[index] ?? ''], role: ROLE[index] ?? `responder ${index + 1}` };
  return { to: responders, role: 'whole rotation' };
}

export interface PlanPageInput {
  readonly incident: PagingIncident;
  readonly oncall: OnCallConfig;
  /** From readPages. */
  readonly pages: readonly PageRecord[];
  readonly now: Date;
}

export function planPage({ incident, oncall, pages, now }: PlanPageInput): PageDecision {
  if (!incident.active) return { action: 'none', reason: 'inactive' };
  if (!oncall.severities.includes(incident.severity)) return { action: 'none', reason: 'severity' };
  if (incident.declaredByMaintainer) return { action: 'none', reason: 'declared' };
  if (incident.acknowledgedAt !== null) return { action: 'none', reason: 'acknowledged' };
  const previous = pages.at(-1);
  const step = previous ? previous.step + 1 : 0;
  const dueAt = previous ? new Date(Date.parse(previous.at) + oncall.escalateAfterMinutes * 60_000).toISOString() : incident.startedAt;
  const current = findOnCall(oncall, now);
  const size = current?.responders.length ?? Math.max(...oncall.rotations.map((r) => r.responders.length));
  if (step >= totalSteps(size, oncall.repeat)) return { action: 'none', reason: 'exhausted' };
  // The first page is due at once, even if GitHub's clock runs a little ahead of the runner's.
  if (step > 0 && now.getTime() < Date.parse(dueAt)) return { action: 'wait', step, dueAt };
  if (!current) return { action: 'nobody', step, dueAt };
  const last = step + 1 >= totalSteps(current.responders.length, oncall.repeat);
  return { action: 'page', step, dueAt, rotation: current.rotation, ...targetOf(step, current.responders), last };
}

/**
 * Issue text is untrusted: no @mentions (an outsider's title must not page anyone), no markup,
 * no links or images, one line, capped.
 */
export function neutralizeText(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const capped = flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
  return capped.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/@/g, '@\u2060');
}

export interface PageCommentInput {
  readonly incident: PagingIncident;
  readonly decision: Extract<PageDecision, { action: 'page' }>;
  readonly oncall: OnCallConfig;
  /** Configured label name of each status, for the "set a status label" hint. */
  readonly statusLabels: readonly string[];
}

/** The paging comment: who, what happened, severity, how to acknowledge. Mentions only the responders. */
export function renderPageComment({ incident, decision, oncall, statusLabels }: PageCommentInput): string {
  const info = SEVERITY_INFO[incident.severity];
  const mentions = decision.to.map((login) => `@${login}`).join(' ');
  const escalation = !decision.last
    ? `If nobody acknowledges within ${oncall.escalateAfterMinutes} minutes, sitrep pages the next responder.`
    : 'This is the last page sitrep sends for this incident.';
  return [
    renderPageMarker(decision.step, decision.rotation, decision.to),
    `**Page: ${incident.severity} incident nobody has acknowledged yet.** ${mentions} — on call now (${neutralizeText(decision.rotation, 60)} rotation, ${decision.role}).`,
    '',
    `- **What happened:** ${neutralizeText(incident.summary || incident.title) || `incident #${incident.number}`}`,
    `- **Severity:** ${info.severity} (${info.name}) — ${info.meaning}`,
    ...(incident.components.length > 0 ? [`- **Components:** ${incident.components.map((c) => neutralizeText(c, 60)).join(', ')}`] : []),
    ...(incident.pageUrl ? [`- **Status page:** ${incident.pageUrl}`] : []),
    '',
    `**To acknowledge**, take ownership here: assign yourself, set a status label (${statusLabels.map((l) => `\`${l.replace(/`/g, '')}\``).join(', ')}), or comment. ${escalation}`,
    '',
    `<sub>Posted by sitrep's on-call paging (step ${decision.step + 1}).</sub>`,
  ].join('\n');
}

/**
 * The planner's view of a published incident. `isSitrepIdentity` names the logins sitrep writes as
 * (SITREP_BOT_LOGIN): an issue they opened (a monitor's) is paged even when that login is trusted.
 */
export function toPagingIncident(
  incident: Incident,
  record: IssueRecord,
  isSitrepIdentity: (login: string) => boolean,
  componentNames: readonly string[],
  pageUrl: string | null,
): PagingIncident {
  return {
    number: incident.number,
    title: incident.title,
    severity: incident.severity,
    active: incident.active,
    startedAt: incident.startedAt,
    acknowledgedAt: incident.acknowledgedAt,
    declaredByMaintainer: isDeclaredByMaintainer(record, isSitrepIdentity),
    summary: incident.summary,
    components: componentNames,
    pageUrl,
  };
}

/** The pages recorded in a snapshot record: marked comments by sitrep's identity or a trusted person. */
export function readRecordPages(record: IssueRecord, isSitrepIdentity: (login: string) => boolean): PageRecord[] {
  const trusted = new Set(record.comments.filter((c) => c.author.trusted).map((c) => c.author.login));
  return readPages(
    record.comments.map((c) => ({ id: c.id, author: c.author.login, body: c.body, createdAt: c.createdAt })),
    (login) => isSitrepIdentity(login) || trusted.has(login),
  );
}

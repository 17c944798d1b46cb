/**
 * One GitHub issue → one incident, or the reason it is not one.
 * Pure: decisions use only the record, the config and the renderer passed in.
 */
import { readLatestFields } from './comment-fields.ts';
import { INCIDENT_FIELDS } from './form-fields.ts';
import { renderInlineTitle } from './inline-title.ts';
import { readIssueComponents } from './issue-components.ts';
import { parseIssueForm } from './issue-form.ts';
import { hasLabel, labelMatches } from './labels.ts';
import type { Notice } from './notice.ts';
import type { SiteConfig } from './schema/config.ts';
import type { IssueRecord } from './schema/snapshot.ts';
import { mostSevere, readSeverity, SEVERITY_INFO, type Severity } from './severity.ts';
import { carriesSitrepMarker } from './sitrep-comment.ts';
import { deriveStatusTimeline, type IncidentStatus, readCommentStatus, type StatusChange, statusAt, statusForLabel } from './timeline.ts';
import type { UnconfirmedChange } from './trusted-state.ts';

/** A maintainer's comment, rendered. */
export interface Update {
  readonly id: number;
  readonly author: string;
  readonly createdAt: string;
  readonly html: string;
  readonly text: string;
  readonly url: string;
}

export interface IncidentUpdate extends Update {
  /** The status in force when it was posted (or the one it declared). */
  readonly status: IncidentStatus;
}

export interface Incident {
  readonly number: number;
  readonly title: string;
  /** The title with inline Markdown (code spans, bold) as safe inline HTML. */
  readonly titleHtml: string;
  /** The GitHub issue. */
  readonly url: string;
  readonly author: string;
  readonly severity: Severity;
  readonly severitySource: 'label' | 'form' | 'default';
  readonly status: IncidentStatus;
  /** investigating, identified or monitoring. */
  readonly active: boolean;
  readonly withdrawn: boolean;
  readonly reopened: boolean;
  /** Component ids, in config order. */
  readonly components: readonly string[];
  readonly scope: {
    readonly broken: string | null;
    readonly affected: string | null;
    readonly workaround: string | null;
    readonly eta: string | null;
    readonly upstream: string | null;
  };
  /** When the workaround and the expected fix in `scope` were said: the opening, or the update whose line changed them. */
  readonly saidAt: { readonly workaround: string | null; readonly eta: string | null };
  /** The next update promised by the newest update (`Next update: in 30 minutes`), while active; `dueAt` null when no time can be read. */
  readonly nextUpdate: { readonly text: string; readonly saidAt: string; readonly dueAt: string | null } | null;
  /** Free-text body of an issue written without the form (sanitized HTML). */
  readonly descriptionHtml: string | null;
  /** Plain-text summary: what is broken, or the start of the description. */
  readonly summary: string;
  readonly startedAt: string;
  /** The opening itself when a maintainer declared it (0 to acknowledge); else the first trusted response (findAcknowledgement). */
  readonly acknowledgedAt: string | null;
  readonly resolvedAt: string | null;
  /** When it was withdrawn (closed as not planned). */
  readonly withdrawnAt: string | null;
  readonly updatedAt: string;
  readonly commander: string | null;
  /** Newest first. */
  readonly updates: readonly IncidentUpdate[];
  readonly timeline: readonly StatusChange[];
  /** Changes by untrusted people not shown until a maintainer confirms them (see trusted-state.ts). */
  readonly unconfirmed: readonly UnconfirmedChange[];
  /** Set when a monitor opened it (src/lib/monitor/marker.ts): the page says "detected automatically". */
  readonly detectedBy?: { readonly monitorId: string; readonly name: string } | undefined;
}

export interface Renderers {
  readonly html: (markdown: string) => string;
  readonly text: (markdown: string) => string;
}

export type { Notice } from './notice.ts';

/**
 * Whether a trusted person made this issue an incident: a trusted author, or the `incident`
 * label applied by a trusted actor (issue forms apply labels for anyone).
 */
export function isTrustedlyLabelled(issue: IssueRecord, label: string): boolean {
  if (issue.author.trusted) return true;
  return issue.events.some((e) => e.type === 'labeled' && e.actor.trusted && e.label !== undefined && labelMatches(e.label, label));
}

function readIncidentSeverity(
  issue: IssueRecord,
  formValue: string | null,
  config: SiteConfig,
  notices: Notice[],
): Pick<Incident, 'severity' | 'severitySource'> {
  const fromLabels = (Object.keys(SEVERITY_INFO) as Severity[]).filter((s) => hasLabel(issue.labels, config.labels.severity[s]));
  const labelled = mostSevere(fromLabels);
  if (labelled) {
    if (fromLabels.length > 1)
      notices.push({ where: `issue #${issue.number}`, message: `several severity labels (${fromLabels.join(', ')}); using ${labelled}` });
    return { severity: labelled, severitySource: 'label' };
  }
  const fromForm = readSeverity(formValue);
  if (fromForm) return { severity: fromForm, severitySource: 'form' };
  notices.push({ where: `issue #${issue.number}`, message: 'no severity label or form value; assuming P2' });
  return { severity: 'P2', severitySource: 'default' };
}

/**
 * First trusted response after opening: a comment, a status label or an assignment. sitrep's own
 * comments (status link, pages) are not responses, even when its token belongs to a maintainer.
 * Paging (src/lib/paging-plan.ts) stops on exactly this.
 */
export function findAcknowledgement(issue: IssueRecord, config: SiteConfig): string | null {
  const times = [
    ...issue.comments.filter((c) => c.author.trusted && !carriesSitrepMarker(c.body)).map((c) => c.createdAt),
    ...issue.events
      .filter(
        (e) =>
          e.actor.trusted && (e.type === 'assigned' || (e.type === 'labeled' && e.label !== undefined && statusForLabel(e.label, config.labels) !== undefined)),
      )
      .map((e) => e.createdAt),
  ].filter((t) => t >= issue.createdAt);
  return times.sort()[0] ?? null;
}

/** Builds the incident for an issue already known to be a published incident. */
export function buildIncident(
  issue: IssueRecord,
  config: SiteConfig,
  render: Renderers,
  notices: Notice[],
  unconfirmed: readonly UnconfirmedChange[] = [],
  /** sitrep's own logins: its (a monitor's) incidents are not acknowledged by being opened. */
  isSitrepIdentity: (login: string) => boolean = () => false,
): Incident {
  const form = parseIssueForm(issue.body, INCIDENT_FIELDS);
  const timeline = deriveStatusTimeline(issue, config.labels);
  const status = timeline.at(-1)?.status ?? 'investigating';
  const lastClose = [...timeline].reverse().find((c) => c.source === 'closed');
  const html = (md: string | null): string | null => (md ? render.html(md) : null);
  const updates = buildUpdates(issue, render, (c) => ({ status: readCommentStatus(c.body) ?? statusAt(timeline, c.createdAt) }));
  const summarySource = form.fields.broken ?? form.freeText ?? '';
  const active = status !== 'resolved' && status !== 'withdrawn';
  const latest = readLatestFields({ workaround: form.fields.workaround, eta: form.fields.eta }, issue.createdAt, issue.comments.filter(isUpdate));
  return {
    number: issue.number,
    title: issue.title.trim() || `Incident #${issue.number}`,
    titleHtml: renderInlineTitle(issue.title.trim() || `Incident #${issue.number}`),
    url: issue.url,
    author: issue.author.login,
    ...readIncidentSeverity(issue, form.fields.severity, config, notices),
    status,
    active,
    withdrawn: status === 'withdrawn',
    reopened: timeline.some((c) => c.source === 'reopened'),
    components: readIssueComponents(issue, form.fields.components, config, notices),
    scope: {
      broken: html(form.fields.broken),
      affected: html(form.fields.affected),
      workaround: html(latest.workaround?.markdown ?? null),
      eta: html(latest.eta?.markdown ?? null),
      upstream: html(form.fields.upstream),
    },
    saidAt: { workaround: latest.workaround?.saidAt ?? null, eta: latest.eta?.saidAt ?? null },
    nextUpdate:
      active && latest.nextUpdate ? { text: render.text(latest.nextUpdate.markdown), saidAt: latest.nextUpdate.saidAt, dueAt: latest.nextUpdate.dueAt } : null,
    descriptionHtml: html(form.freeText),
    summary: truncate(render.text(summarySource), 280),
    startedAt: issue.createdAt,
    acknowledgedAt: isDeclaredByMaintainer(issue, isSitrepIdentity) ? issue.createdAt : findAcknowledgement(issue, config),
    resolvedAt: status === 'resolved' ? (lastClose?.at ?? null) : null,
    withdrawnAt: status === 'withdrawn' ? (lastClose?.at ?? null) : null,
    updatedAt: [issue.updatedAt, ...issue.comments.map((c) => c.updatedAt)].sort().at(-1) ?? issue.updatedAt,
    commander: issue.assignees[0] ?? null,
    updates,
    timeline,
    unconfirmed,
  };
}

// sitrep's own comments (posted with a maintainer's token, they are "trusted") are not updates.
const isUpdate = (c: IssueRecord['comments'][number]): boolean => c.author.trusted && !carriesSitrepMarker(c.body);

/**
 * A maintainer who opens the incident has acknowledged it by declaring it (issue #13); sitrep's own
 * identity (a monitor's issue) has not. The paging plan asks the same question to page nobody.
 */
export function isDeclaredByMaintainer(issue: IssueRecord, isSitrepIdentity: (login: string) => boolean): boolean {
  return issue.author.trusted && !isSitrepIdentity(issue.author.login);
}

/**
 * Trusted comments, rendered, newest first. Untrusted comments are never shown. `extra` adds keys
 * per comment (an incident's status). The plain `text` is rendered on first read, once: pages show
 * the HTML, and only the API, the feeds and notifications (the newest few hundred updates of a
 * long history) read the text — rendering both for every comment was half of the model's time.
 */
export function buildUpdates(issue: IssueRecord, render: Renderers): Update[];
export function buildUpdates<X extends object>(issue: IssueRecord, render: Renderers, extra: (comment: IssueRecord['comments'][number]) => X): (Update & X)[];
export function buildUpdates(issue: IssueRecord, render: Renderers, extra?: (comment: IssueRecord['comments'][number]) => object): Update[] {
  return issue.comments
    .filter(isUpdate)
    .map((c) => {
      // The `Status:` line is shown as the update's status, not repeated in its text.
      const body = readCommentStatus(c.body) ? c.body.replace(/^\s*[^\n]*\n?/, '') : c.body;
      const update = new RenderedUpdate(c, render.html(body), body, render);
      return extra ? Object.assign(update, extra(c)) : update;
    })
    .reverse();
}

/**
 * An update whose plain `text` is rendered on first read and kept. A class, not an accessor
 * defined on each object: per-object accessors put every update in V8's dictionary mode with two
 * closures each (about 500 bytes more per update, 15 MB at 10,000 incidents); here the getter
 * lives once on the prototype. Like any getter, `text` is not an own key (a spread leaves it out).
 */
class RenderedUpdate implements Update {
  readonly id: number;
  readonly author: string;
  readonly createdAt: string;
  readonly url: string;
  readonly #markdown: string;
  readonly #render: Renderers;
  #text: string | undefined;

  constructor(
    comment: IssueRecord['comments'][number],
    readonly html: string,
    markdown: string,
    render: Renderers,
  ) {
    this.id = comment.id;
    this.author = comment.author.login;
    this.createdAt = comment.createdAt;
    this.url = comment.url;
    this.#markdown = markdown;
    this.#render = render;
  }

  get text(): string {
    this.#text ??= this.#render.text(this.#markdown);
    return this.#text;
  }
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

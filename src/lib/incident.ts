/**
 * One GitHub issue → one incident, or the reason it is not one.
 * Pure: decisions use only the record, the config and the renderer passed in.
 */
import { STATUS_COMMENT_MARKER } from './announce-plan.ts';
import { INCIDENT_FIELDS } from './form-fields.ts';
import { parseIssueForm, readSelections } from './issue-form.ts';
import type { Component, SiteConfig } from './schema/config.ts';
import type { IssueRecord } from './schema/snapshot.ts';
import { SEVERITY_INFO, mostSevere, readSeverity, type Severity } from './severity.ts';
import { deriveStatusTimeline, readCommentStatus, statusAt, statusForLabel, type IncidentStatus, type StatusChange } from './timeline.ts';

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
  /** Free-text body of an issue written without the form (sanitized HTML). */
  readonly descriptionHtml: string | null;
  /** Plain-text summary: what is broken, or the start of the description. */
  readonly summary: string;
  readonly startedAt: string;
  readonly acknowledgedAt: string | null;
  readonly resolvedAt: string | null;
  /** When it was withdrawn (closed as not planned). */
  readonly withdrawnAt: string | null;
  readonly updatedAt: string;
  readonly commander: string | null;
  /** Newest first. */
  readonly updates: readonly IncidentUpdate[];
  readonly timeline: readonly StatusChange[];
  /** Set when a monitor opened it (src/lib/monitor/marker.ts): the page says "detected automatically". */
  readonly detectedBy?: { readonly monitorId: string; readonly name: string } | undefined;
}

export interface Renderers {
  readonly html: (markdown: string) => string;
  readonly text: (markdown: string) => string;
}

export interface Notice {
  /** e.g. `issue #12`. */
  readonly where: string;
  readonly message: string;
}

const has = (issue: IssueRecord, label: string): boolean => issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());

/**
 * Whether a trusted person made this issue an incident: a trusted author, or the `incident`
 * label applied by a trusted actor (issue forms apply labels for anyone).
 */
export function isTrustedlyLabelled(issue: IssueRecord, label: string): boolean {
  if (issue.author.trusted) return true;
  return issue.events.some((e) => e.type === 'labeled' && e.actor.trusted && e.label?.toLowerCase() === label.toLowerCase());
}

/** Matches a form checkbox label or a component label to a configured component. */
export function findComponent(name: string, components: readonly Component[]): Component | undefined {
  const wanted = name.trim().toLowerCase();
  const id = /\(`?([a-z0-9-]+)`?\)\s*$/.exec(wanted)?.[1];
  return components.find((c) => c.id === wanted || c.name.toLowerCase() === wanted || c.id === id);
}

function readComponents(issue: IssueRecord, formValue: string | null, config: SiteConfig, notices: Notice[]): string[] {
  const where = `issue #${issue.number}`;
  const prefix = config.labels.componentPrefix.toLowerCase();
  const found = new Set<string>();
  for (const label of issue.labels) {
    if (!label.toLowerCase().startsWith(prefix)) continue;
    const id = label.slice(prefix.length).trim();
    if (config.components.some((c) => c.id === id)) found.add(id);
    else notices.push({ where, message: `label "${label}" names unknown component "${id}"` });
  }
  for (const choice of readSelections(formValue)) {
    const component = findComponent(choice, config.components);
    if (component) found.add(component.id);
    else if (!/^none\b|^other\b|^not sure/i.test(choice)) notices.push({ where, message: `form names unknown component "${choice}"` });
  }
  return config.components.map((c) => c.id).filter((id) => found.has(id));
}

function readIncidentSeverity(
  issue: IssueRecord,
  formValue: string | null,
  config: SiteConfig,
  notices: Notice[],
): Pick<Incident, 'severity' | 'severitySource'> {
  const fromLabels = (Object.keys(SEVERITY_INFO) as Severity[]).filter((s) => has(issue, config.labels.severity[s]));
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

/** First trusted response after opening: a comment, a status label or an assignment. */
function findAcknowledgement(issue: IssueRecord, config: SiteConfig): string | null {
  const times = [
    ...issue.comments.filter((c) => c.author.trusted).map((c) => c.createdAt),
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
export function buildIncident(issue: IssueRecord, config: SiteConfig, render: Renderers, notices: Notice[]): Incident {
  const form = parseIssueForm(issue.body, INCIDENT_FIELDS);
  const timeline = deriveStatusTimeline(issue, config.labels);
  const status = timeline.at(-1)?.status ?? 'investigating';
  const lastClose = [...timeline].reverse().find((c) => c.source === 'closed');
  const html = (md: string | null): string | null => (md ? render.html(md) : null);
  const updates = buildUpdates(issue, render).map(
    (u): IncidentUpdate => ({
      ...u,
      status: readCommentStatus(issue.comments.find((c) => c.id === u.id)?.body ?? '') ?? statusAt(timeline, u.createdAt),
    }),
  );
  const summarySource = form.fields.broken ?? form.freeText ?? '';
  return {
    number: issue.number,
    title: issue.title.trim() || `Incident #${issue.number}`,
    url: issue.url,
    author: issue.author.login,
    ...readIncidentSeverity(issue, form.fields.severity, config, notices),
    status,
    active: status !== 'resolved' && status !== 'withdrawn',
    withdrawn: status === 'withdrawn',
    reopened: timeline.some((c) => c.source === 'reopened'),
    components: readComponents(issue, form.fields.components, config, notices),
    scope: {
      broken: html(form.fields.broken),
      affected: html(form.fields.affected),
      workaround: html(form.fields.workaround),
      eta: html(form.fields.eta),
      upstream: html(form.fields.upstream),
    },
    descriptionHtml: html(form.freeText),
    summary: truncate(render.text(summarySource), 280),
    startedAt: issue.createdAt,
    acknowledgedAt: findAcknowledgement(issue, config),
    resolvedAt: status === 'resolved' ? (lastClose?.at ?? null) : null,
    withdrawnAt: status === 'withdrawn' ? (lastClose?.at ?? null) : null,
    updatedAt: [issue.updatedAt, ...issue.comments.map((c) => c.updatedAt)].sort().at(-1) ?? issue.updatedAt,
    commander: issue.assignees[0] ?? null,
    updates,
    timeline,
  };
}

/** Trusted comments, rendered, newest first. Untrusted comments are never shown. */
export function buildUpdates(issue: IssueRecord, render: Renderers): Update[] {
  return (
    issue.comments
      // sitrep's own status-link comment (posted with a maintainer's token, it is "trusted") is not an update.
      .filter((c) => c.author.trusted && !c.body.trimStart().startsWith(STATUS_COMMENT_MARKER))
      .map((c) => {
        // The `Status:` line is shown as the update's status, not repeated in its text.
        const body = readCommentStatus(c.body) ? c.body.replace(/^\s*[^\n]*\n?/, '') : c.body;
        return { id: c.id, author: c.author.login, createdAt: c.createdAt, html: render.html(body), text: render.text(body), url: c.url };
      })
      .reverse()
  );
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

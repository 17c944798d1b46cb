/**
 * Post-mortems close the loop on an incident: summary, timeline, root cause by 5 whys and action
 * items whose state follows the issues they link. They come from a trusted issue labelled
 * `postmortem` that names its incident, or from `content/postmortems/<incident>.md`.
 */
import { POSTMORTEM_FIELDS } from './form-fields.ts';
import type { Renderers } from './incident.ts';
import { parseIssueForm, readIssueNumbers, readIssueReferences, readTaskItems } from './issue-form.ts';
import type { IssueRecord, ReferencedIssue } from './schema/snapshot.ts';

export interface ActionItem {
  readonly html: string;
  /** Ticked in the list, or every linked issue is closed. */
  readonly done: boolean;
  readonly links: readonly { number: number; state: 'open' | 'closed' | 'unknown'; url: string | null }[];
}

export interface Postmortem {
  /** The incidents it covers (usually one). */
  readonly incidents: readonly number[];
  readonly title: string;
  readonly source: { kind: 'issue'; number: number; url: string } | { kind: 'file'; path: string };
  readonly author: string | null;
  readonly publishedAt: string | null;
  readonly summaryHtml: string | null;
  readonly timelineHtml: string | null;
  readonly rootCauseHtml: string | null;
  /** Anything not in a known section. */
  readonly otherHtml: string | null;
  readonly actionItems: readonly ActionItem[];
}

/** A hand-written post-mortem file, read by the edge and passed in. */
export interface PostmortemFile {
  readonly incident: number;
  readonly path: string;
  readonly markdown: string;
}

/** Reads the task list of the action items, with the state of the issues each item links. */
export function readActionItems(markdown: string | null, referenced: ReadonlyMap<number, ReferencedIssue>, render: Renderers): ActionItem[] {
  return readTaskItems(markdown).map(({ checked, text }) => {
    const links = readIssueReferences(text).map((n) => {
      const ref = referenced.get(n);
      return { number: n, state: ref?.state ?? ('unknown' as const), url: ref?.url ?? null };
    });
    const allClosed = links.length > 0 && links.every((l) => l.state === 'closed');
    return { html: render.html(text).replace(/^<p>|<\/p>\n?$/g, ''), done: checked || allClosed, links };
  });
}

/**
 * The issues a post-mortem issue's action items link, as the page will show them: the sync asks
 * GitHub about exactly these (src/github/referenced-issues.ts).
 */
export function readActionItemReferences(body: string | null): number[] {
  const { actionItems } = parseIssueForm(body, POSTMORTEM_FIELDS).fields;
  return [...new Set(readTaskItems(actionItems).flatMap((item) => readIssueReferences(item.text)))];
}

function fromSections(
  fields: Readonly<Record<keyof typeof POSTMORTEM_FIELDS, string | null>>,
  other: string | null,
  referenced: ReadonlyMap<number, ReferencedIssue>,
  render: Renderers,
): Pick<Postmortem, 'summaryHtml' | 'timelineHtml' | 'rootCauseHtml' | 'otherHtml' | 'actionItems'> {
  const html = (md: string | null): string | null => (md ? render.html(md) : null);
  return {
    summaryHtml: html(fields.summary),
    timelineHtml: html(fields.timeline),
    rootCauseHtml: html(fields.rootCause),
    otherHtml: html(other),
    actionItems: readActionItems(fields.actionItems, referenced, render),
  };
}

/** A post-mortem issue → post-mortem, or undefined when it names no incident. */
export function buildPostmortemFromIssue(issue: IssueRecord, referenced: ReadonlyMap<number, ReferencedIssue>, render: Renderers): Postmortem | undefined {
  const form = parseIssueForm(issue.body, POSTMORTEM_FIELDS);
  const named = readIssueNumbers(form.fields.incident);
  const incidents = named.length > 0 ? named : readIssueNumbers(issue.title);
  if (incidents.length === 0) return undefined;
  const other = [form.freeText, ...form.extra.map((e) => `### ${e.heading}\n\n${e.value}`)].filter(Boolean).join('\n\n') || null;
  return {
    incidents,
    title: issue.title.trim(),
    source: { kind: 'issue', number: issue.number, url: issue.url },
    author: issue.author.login,
    publishedAt: issue.createdAt,
    ...fromSections(form.fields, other, referenced, render),
  };
}

/** A Markdown file → post-mortem. Sections are `##` or `###` headings with the form's names. */
export function buildPostmortemFromFile(file: PostmortemFile, referenced: ReadonlyMap<number, ReferencedIssue>, render: Renderers): Postmortem {
  const titleMatch = /^#\s+(.+)$/m.exec(file.markdown);
  const body = titleMatch ? file.markdown.replace(titleMatch[0], '') : file.markdown;
  const form = parseIssueForm(body, POSTMORTEM_FIELDS, '##');
  const other = [form.freeText, ...form.extra.map((e) => `### ${e.heading}\n\n${e.value}`)].filter(Boolean).join('\n\n') || null;
  return {
    incidents: [file.incident],
    title: titleMatch?.[1]?.trim() ?? `Post-mortem of incident #${file.incident}`,
    source: { kind: 'file', path: file.path },
    author: null,
    publishedAt: null,
    ...fromSections(form.fields, other, referenced, render),
  };
}

/**
 * The headings of sitrep's issue forms. GitHub renders a submitted issue form as
 * `### <label>` sections, so these labels are the wire format between the forms
 * (.github/ISSUE_TEMPLATE, generated from here) and the parser in `issue-form.ts`.
 * `aliases` keep hand-written issues and older forms readable.
 */
export interface FormField {
  /** Key in the parsed form. */
  readonly key: string;
  /** The label the generated form uses (the heading GitHub renders). */
  readonly label: string;
  /** Other headings accepted for the same field, compared case- and punctuation-insensitively. */
  readonly aliases: readonly string[];
}

const field = (key: string, label: string, ...aliases: string[]): FormField => ({ key, label, aliases });

export const INCIDENT_FIELDS = {
  severity: field('severity', 'Severity', 'Priority', 'Impact level'),
  components: field('components', 'Affected components', 'Components', 'Affected services'),
  broken: field('broken', 'What is broken', 'What is broken?', 'Description', 'Summary', 'Impact'),
  affected: field('affected', 'Who is affected', 'Who is affected?', 'Affected users'),
  workaround: field('workaround', 'Workaround or alternatives', 'Workaround', 'Alternatives', 'Workarounds'),
  eta: field('eta', 'Expected fix time', 'ETA', 'Expected resolution'),
  upstream: field('upstream', 'Upstream cause links', 'Upstream cause', 'Upstream', 'Caused by'),
} as const;

export const MAINTENANCE_FIELDS = {
  start: field('start', 'Window start (UTC)', 'Start', 'Starts', 'Window start', 'Scheduled for'),
  end: field('end', 'Window end (UTC)', 'End', 'Ends', 'Window end', 'Scheduled until'),
  components: field('components', 'Affected components', 'Components'),
  impact: field('impact', 'Expected impact', 'Impact', 'What to expect'),
} as const;

export const POSTMORTEM_FIELDS = {
  incident: field('incident', 'Incident number', 'Incident', 'Incidents'),
  summary: field('summary', 'Summary', 'What happened'),
  timeline: field('timeline', 'Timeline'),
  rootCause: field('rootCause', 'Root cause (5 whys)', 'Root cause', '5 whys', 'Five whys', 'Why did it happen'),
  actionItems: field('actionItems', 'Action items', 'Follow-ups', 'Follow up', 'Actions'),
} as const;

/** Normalises a heading for comparison: lowercase letters and digits only. */
export function normalizeHeading(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * The labels sitrep reads, with colours and descriptions, derived from the config; and the
 * difference between that set and a repository's labels. Pure: `npm run labels`
 * (src/github/labels.ts) reads the repository's labels and applies the plan.
 *
 * Only labels of the set are ever created or updated; other labels are never touched or deleted.
 * GitHub matches label names case-insensitively, and so does the model, so an existing "Incident"
 * counts as the "incident" label: its colour and description are updated, its name is left alone.
 */
import { labelKey } from './labels.ts';
import type { SiteConfig } from './schema/config.ts';
import { SEVERITIES, SEVERITY_INFO } from './severity.ts';

export interface LabelSpec {
  readonly name: string;
  /** Six hex digits, no `#`, as GitHub's API takes it. */
  readonly color: string;
  readonly description: string;
}

/** A label as the repository has it. */
export interface ExistingLabel {
  readonly name: string;
  readonly color: string;
  readonly description: string | null;
}

/** GitHub refuses longer label descriptions (422). */
export const LABEL_DESCRIPTION_MAX = 100;

/** Colours: red shades by severity, the status labels go from warm to green, components pale blue. */
const COLORS = {
  incident: 'd73a4a',
  P0: 'b60205',
  P1: 'd93f0b',
  P2: 'fbca04',
  investigating: 'f9d0c4',
  identified: 'fef2c0',
  monitoring: 'c2e0c6',
  maintenance: '1d76db',
  postmortem: '5319e7',
  embargoed: '24292f',
  component: 'c5def5',
} as const;

function fitDescription(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= LABEL_DESCRIPTION_MAX ? flat : `${flat.slice(0, LABEL_DESCRIPTION_MAX - 1).trimEnd()}…`;
}

/** Every label the config names, first role wins when two roles share a name. */
export function buildLabelSet(config: SiteConfig): LabelSpec[] {
  const { labels } = config;
  const specs: LabelSpec[] = [
    { name: labels.incident, color: COLORS.incident, description: 'An incident on the status page (published when a maintainer opens or labels it)' },
    ...SEVERITIES.map((s) => ({ name: labels.severity[s], color: COLORS[s], description: `${s} ${SEVERITY_INFO[s].name}: ${SEVERITY_INFO[s].meaning}` })),
    { name: labels.status.investigating, color: COLORS.investigating, description: 'Incident status: investigating the cause' },
    { name: labels.status.identified, color: COLORS.identified, description: 'Incident status: cause identified, a fix is in progress' },
    { name: labels.status.monitoring, color: COLORS.monitoring, description: 'Incident status: fix applied, watching the results' },
    { name: labels.maintenance, color: COLORS.maintenance, description: 'Scheduled maintenance shown on the status page' },
    { name: labels.postmortem, color: COLORS.postmortem, description: 'Post-mortem of an incident; names it as #123' },
    { name: labels.embargoed, color: COLORS.embargoed, description: 'Keeps an incident off the status page until removed (e.g. a security issue)' },
    ...config.components.map((c) => ({
      name: `${labels.componentPrefix}${c.id}`,
      color: COLORS.component,
      description: c.description ? `Affects ${c.name}: ${c.description}` : `Affects ${c.name}`,
    })),
  ];
  const seen = new Set<string>();
  return specs
    .map((spec) => ({ ...spec, description: fitDescription(spec.description) }))
    .filter((spec) => {
      const key = labelKey(spec.name);
      return !seen.has(key) && Boolean(seen.add(key));
    });
}

export interface LabelUpdate {
  readonly current: ExistingLabel;
  readonly wanted: LabelSpec;
}

export interface LabelPlan {
  readonly create: readonly LabelSpec[];
  readonly update: readonly LabelUpdate[];
  readonly unchanged: readonly LabelSpec[];
}

/** What to create and what to update so that the repository has every label of `wanted`. */
export function planLabelChanges(wanted: readonly LabelSpec[], existing: readonly ExistingLabel[]): LabelPlan {
  const byName = new Map(existing.map((label) => [labelKey(label.name), label]));
  const create: LabelSpec[] = [];
  const update: LabelUpdate[] = [];
  const unchanged: LabelSpec[] = [];
  for (const spec of wanted) {
    const current = byName.get(labelKey(spec.name));
    if (!current) create.push(spec);
    else if (current.color.toLowerCase() !== spec.color.toLowerCase() || (current.description ?? '') !== spec.description)
      update.push({ current, wanted: spec });
    else unchanged.push(spec);
  }
  return { create, update, unchanged };
}

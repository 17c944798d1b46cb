/**
 * Which configured components an incident or a maintenance issue names: its component labels
 * and the choices of its form's components field. One reader for both kinds. Pure.
 */
import { readSelections } from './issue-form.ts';
import { readComponentLabel } from './labels.ts';
import type { Notice } from './notice.ts';
import type { Component, SiteConfig } from './schema/config.ts';
import type { IssueRecord } from './schema/snapshot.ts';

/** Matches a form checkbox label or a component label to a configured component. */
export function findComponent(name: string, components: readonly Component[]): Component | undefined {
  const wanted = name.trim().toLowerCase();
  // The id in a trailing `(cli)`, found from the last "(": an unanchored regex would be quadratic (#10).
  const id = wanted.endsWith(')') ? /^\(`?([a-z0-9-]+)`?\)$/.exec(wanted.slice(wanted.lastIndexOf('(')))?.[1] : undefined;
  return components.find((c) => c.id === wanted || c.name.toLowerCase() === wanted || c.id === id);
}

/** Component ids in config order; a label or choice naming no configured component is a notice. */
export function readIssueComponents(issue: IssueRecord, formValue: string | null, config: SiteConfig, notices: Notice[]): string[] {
  const where = `issue #${issue.number}`;
  const found = new Set<string>();
  for (const label of issue.labels) {
    const named = readComponentLabel(label, config.labels.componentPrefix, config.components);
    if (!named) continue;
    if (named.known) found.add(named.id);
    else notices.push({ where, message: `label "${label}" names unknown component "${named.id}"` });
  }
  for (const choice of readSelections(formValue)) {
    const component = findComponent(choice, config.components);
    if (component) found.add(component.id);
    else if (!/^none\b|^other\b|^not sure/i.test(choice)) notices.push({ where, message: `form names unknown component "${choice}"` });
  }
  return config.components.map((c) => c.id).filter((id) => found.has(id));
}

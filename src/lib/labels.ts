/**
 * How sitrep compares label names — the one rule the model, the sync and `npm run labels` share.
 * GitHub treats label names case-insensitively (a repository cannot hold both `incident` and
 * `Incident`, and the `labels=` filter ignores case), so an issue labelled `Incident` is an incident.
 * Pure.
 */
import type { Component } from './schema/config.ts';

/** The form of a label name that comparisons use. */
export function labelKey(name: string): string {
  return name.toLowerCase();
}

/** Whether two label names name the same label. */
export function labelMatches(a: string, b: string): boolean {
  return labelKey(a) === labelKey(b);
}

/** Whether `labels` holds the label `name`. */
export function hasLabel(labels: readonly string[], name: string): boolean {
  return labels.some((label) => labelMatches(label, name));
}

/** Whether `labels` holds any of `names`. */
export function hasAnyLabel(labels: readonly string[], names: readonly string[]): boolean {
  return names.some((name) => hasLabel(labels, name));
}

/**
 * The component a component label names (`component:cli`, `Component: cli`), or why it names none:
 * `undefined` when the label is not a component label at all.
 */
export function readComponentLabel(label: string, prefix: string, components: readonly Component[]): { id: string; known: boolean } | undefined {
  if (!labelKey(label).startsWith(labelKey(prefix))) return undefined;
  const id = label.slice(prefix.length).trim();
  return { id, known: components.some((c) => c.id === id) };
}

/**
 * Filters of the incident history that need no JavaScript: each filter is a static, paged list
 * with its own URL. All incidents: `/history/`; one severity: `/history/severity/p0/`; one
 * component: its page, `/components/<id>/` (past incidents paged there). The filter bar links
 * them all and marks the one in force.
 */
import type { Incident } from './incident.ts';
import { SEVERITIES, type Severity } from './severity.ts';
import type { SiteUrls } from './urls.ts';

export type HistoryFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'severity'; readonly severity: Severity }
  | { readonly kind: 'component'; readonly id: string };

export interface FilterLink {
  readonly text: string;
  readonly href: string;
  /** The filter of the page being read. */
  readonly current: boolean;
}

export interface HistoryFilterBar {
  /** All, then one link per severity. */
  readonly severities: readonly FilterLink[];
  /** One link per component, in config order. */
  readonly components: readonly FilterLink[];
}

export function describeHistoryFilters(
  components: readonly { readonly id: string; readonly name: string }[],
  urls: SiteUrls,
  current: HistoryFilter,
): HistoryFilterBar {
  return {
    severities: [
      { text: 'All', href: urls.history(), current: current.kind === 'all' },
      ...SEVERITIES.map((severity) => ({
        text: severity,
        href: urls.historySeverity(severity),
        current: current.kind === 'severity' && current.severity === severity,
      })),
    ],
    components: components.map((c) => ({ text: c.name, href: urls.component(c.id), current: current.kind === 'component' && current.id === c.id })),
  };
}

/** The incidents of one severity, in the order given (the model's: newest first). */
export function incidentsOfSeverity(incidents: readonly Incident[], severity: Severity): Incident[] {
  return incidents.filter((i) => i.severity === severity);
}

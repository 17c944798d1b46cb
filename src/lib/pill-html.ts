/**
 * The status pill and the severity badge, as HTML strings worked out once per value (issue #15):
 * pages draw them about 60,000 times at 10,000 incidents, and as Astro components each one cost a
 * component instance. Escaped as Astro escapes text and attributes.
 */
import { escapeAttribute, escapeHtml } from './html-escape.ts';
import { SEVERITIES, SEVERITY_INFO, type Severity } from './severity.ts';
import type { IncidentStatus } from './timeline.ts';
import { STATUS_TEXT } from './views.ts';

const STATUS_PILLS = Object.fromEntries(
  Object.entries(STATUS_TEXT).map(([status, label]) => [status, `<span class="${escapeAttribute(`pill st-${status}`)}">${escapeHtml(label)}</span>`]),
) as Record<IncidentStatus, string>;

const SEVERITY_BADGES = Object.fromEntries(
  SEVERITIES.map((severity) => {
    const info = SEVERITY_INFO[severity];
    return [
      severity,
      `<span class="${escapeAttribute(`pill sev-${info.severity}`)}" title="${escapeAttribute(info.meaning)}">${escapeHtml(info.severity)} · ${escapeHtml(info.name)}</span>`,
    ];
  }),
) as Record<Severity, string>;

/** `<span class="pill st-resolved">Resolved</span>`. */
export function statusPillHtml(status: IncidentStatus): string {
  return STATUS_PILLS[status];
}

/** `<span class="pill sev-P1" title="…">P1 · Major</span>`. */
export function severityBadgeHtml(severity: Severity): string {
  return SEVERITY_BADGES[severity];
}

/**
 * Scheduled maintenance: a trusted issue labelled `maintenance` with a window (UTC) and the
 * components it touches. Its state follows the clock (`now` is passed in) and the issue.
 */
import { MAINTENANCE_FIELDS } from './form-fields.ts';
import { buildUpdates, type Renderers, type Update } from './incident.ts';
import { readIssueComponents } from './issue-components.ts';
import { parseIssueForm } from './issue-form.ts';
import type { Notice } from './notice.ts';
import type { SiteConfig } from './schema/config.ts';
import type { IssueRecord } from './schema/snapshot.ts';

export type MaintenanceStatus = 'scheduled' | 'in_progress' | 'completed' | 'cancelled';

export interface Maintenance {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly status: MaintenanceStatus;
  readonly scheduledFor: string;
  readonly scheduledUntil: string;
  readonly components: readonly string[];
  readonly impactHtml: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Trusted comments, newest first. */
  readonly updates: readonly Update[];
}

/** Reads "2026-11-21 14:00" / "2026-11-21T14:00Z" / "2026-11-21 14:00 UTC" as UTC. */
export function parseUtcTime(value: string | null): string | undefined {
  if (!value) return undefined;
  const m = /(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})(?::(\d{2}))?/.exec(value);
  if (!m) return undefined;
  const [, day, hm, sec] = m;
  const date = new Date(`${day}T${hm?.padStart(5, '0')}:${sec ?? '00'}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function buildMaintenance(issue: IssueRecord, config: SiteConfig, now: Date, render: Renderers, notices: Notice[]): Maintenance | undefined {
  const where = `issue #${issue.number}`;
  const form = parseIssueForm(issue.body, MAINTENANCE_FIELDS);
  const start = parseUtcTime(form.fields.start);
  const end = parseUtcTime(form.fields.end);
  if (!start || !end || end <= start) {
    notices.push({ where, message: 'maintenance needs "Window start (UTC)" and a later "Window end (UTC)" like 2026-11-21 14:00; skipped' });
    return undefined;
  }
  const nowIso = now.toISOString();
  let status: MaintenanceStatus;
  if (issue.state === 'closed') status = issue.stateReason === 'not_planned' || issue.stateReason === 'duplicate' ? 'cancelled' : 'completed';
  else if (nowIso < start) status = 'scheduled';
  else if (nowIso < end) status = 'in_progress';
  else status = 'completed';
  return {
    number: issue.number,
    title: issue.title.trim() || `Maintenance #${issue.number}`,
    url: issue.url,
    status,
    scheduledFor: start,
    scheduledUntil: end,
    components: readIssueComponents(issue, form.fields.components, config, notices),
    impactHtml: form.fields.impact ? render.html(form.fields.impact) : form.freeText ? render.html(form.freeText) : null,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    updates: buildUpdates(issue, render),
  };
}

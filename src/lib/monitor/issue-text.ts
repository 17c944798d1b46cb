/**
 * The words a monitor writes on GitHub: the issue (in the incident form's shape, so the page reads
 * it like any incident), and its few comments. Pure.
 */
import { INCIDENT_FIELDS } from '../form-fields.ts';
import type { Component, SiteConfig } from '../schema/config.ts';
import type { MonitorConfig } from '../schema/monitors.ts';
import { monitorKind } from '../schema/monitors.ts';
import type { Severity } from '../severity.ts';
import { monitorCommentMarker, monitorMarker } from './marker.ts';
import type { CheckResult } from './result.ts';

/** What the monitor checks, in one line. */
export function describeCheck(monitor: MonitorConfig): string {
  switch (monitorKind(monitor)) {
    case 'http':
      return `${monitor.http?.method ?? 'GET'} ${monitor.http?.url ?? ''}`;
    case 'workflow':
      return `workflow ${monitor.workflow?.workflow ?? ''} on ${monitor.workflow?.repository ?? ''}@${monitor.workflow?.branch ?? ''}`;
    case 'npm':
      return `npm install ${monitor.npm?.package ?? ''}@${monitor.npm?.tag ?? 'latest'} from ${monitor.npm?.registry ?? ''}`;
  }
}

/** A slow answer is degraded performance (P2); a failure takes the monitor's severity. */
export function severityFor(monitor: MonitorConfig, result: Pick<CheckResult, 'outcome'>): Severity {
  return result.outcome === 'slow' ? 'P2' : monitor.severity;
}

/** incident + severity + component label, named as the config says. */
export function issueLabels(config: SiteConfig, monitor: MonitorConfig, severity: Severity): string[] {
  return [config.labels.incident, config.labels.severity[severity], `${config.labels.componentPrefix}${monitor.component}`];
}

export function issueTitle(monitor: MonitorConfig, result: Pick<CheckResult, 'outcome'>): string {
  return `${monitor.name} ${result.outcome === 'slow' ? 'is slow' : 'is down'} (detected automatically)`;
}

/** Issue text is Markdown others render: keep check output inert. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\n/g, ' ')}\``;
}

export function issueBody(input: { monitor: MonitorConfig; component: Component; result: CheckResult; since: string; severity: Severity }): string {
  const { monitor, component, result } = input;
  const lines = [
    `Check: ${code(describeCheck(monitor))}`,
    `Result: ${result.outcome === 'slow' ? 'slow' : 'failed'} — ${code(result.detail)}`,
    ...(result.httpStatus !== undefined ? [`HTTP status: ${result.httpStatus}`] : []),
    `Attempts in the last run: ${result.attempts}`,
    `First failure: ${input.since}`,
    ...(result.evidenceUrl ? [`Evidence: ${result.evidenceUrl}`] : []),
  ];
  return [
    `### ${INCIDENT_FIELDS.severity.label}`,
    '',
    input.severity,
    '',
    `### ${INCIDENT_FIELDS.components.label}`,
    '',
    `- [X] ${component.name} (\`${component.id}\`)`,
    '',
    `### ${INCIDENT_FIELDS.broken.label}`,
    '',
    `Detected automatically by the monitor **${monitor.name}** (\`${monitor.id}\`).`,
    '',
    ...lines.map((l) => `- ${l}`),
    '',
    `### ${INCIDENT_FIELDS.affected.label}`,
    '',
    `Users of ${component.name}.`,
    '',
    monitorMarker(monitor.id),
    '',
  ].join('\n');
}

export function changeComment(monitor: MonitorConfig, result: CheckResult, at: Date): string {
  return `${monitorCommentMarker(monitor.id)}\nThe monitor **${monitor.name}** now reports: ${result.outcome === 'slow' ? 'slow' : 'failed'} — ${code(result.detail)} (at ${at.toISOString()}).`;
}

export function evidenceComment(monitor: MonitorConfig, result: CheckResult, since: string): string {
  return [
    monitorCommentMarker(monitor.id),
    `The monitor **${monitor.name}** (\`${monitor.id}\`) also sees this: ${code(describeCheck(monitor))} ${result.outcome === 'slow' ? 'is slow' : 'fails'} — ${code(result.detail)}.`,
    `First failure: ${since}.${result.evidenceUrl ? ` Evidence: ${result.evidenceUrl}` : ''}`,
  ].join('\n');
}

/** `2 h 5 min`, `15 min`. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

export function recoveryComment(monitor: MonitorConfig, at: Date, downForMs: number, closing: boolean): string {
  const tail = closing ? ' Closing this incident; reopen it if the problem is not over.' : ' The incident is left to the people handling it.';
  return `${monitorCommentMarker(monitor.id)}\nRecovered: the monitor **${monitor.name}** passes again since ${at.toISOString()} (down for ${formatDuration(downForMs)}).${tail}`;
}

export function duplicateNote(monitor: MonitorConfig, kept: number): string {
  return `${monitorCommentMarker(monitor.id)}\nClosing as a duplicate of #${kept}: two monitor runs overlapped and both opened an issue.`;
}

/** The text `npm run monitor` prints: one line per monitor, then what was done on GitHub. */
import type { MonitorSummary } from './run-monitor.ts';

export function formatMonitorSummary(summary: MonitorSummary): string {
  const width = Math.max(0, ...summary.monitors.map((m) => m.id.length));
  const lines = summary.monitors.map((m) => {
    const what = m.outcome === 'failed' ? `failed (${m.reason ?? 'error'})` : m.outcome;
    const tail = m.actions.length > 0 ? ` → ${m.actions.join('; ')}` : '';
    return `${what.padEnd(20)} ${m.id.padEnd(width)}  ${m.detail}${m.attempts > 1 ? ` [${m.attempts} attempts]` : ''}${tail}`;
  });
  if (summary.monitors.length === 0) lines.push('No monitors configured (add `monitors:` to content/status.yml).');
  if (summary.inconclusive) lines.push(`Inconclusive run: ${summary.inconclusive}. Recorded; nothing counted, opened or closed.`);
  lines.push(`${summary.opened.length} opened, ${summary.commented.length} comments, ${summary.closed.length} closed; ${summary.requests} GitHub requests.`);
  return lines.join('\n');
}

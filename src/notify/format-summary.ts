/** The run log of `npm run notify`: one line per channel and subscribe issue. */
import type { NotifySummary } from './run-notify.ts';

export function formatNotifySummary(summary: NotifySummary): string {
  const lines = [`sitrep notify${summary.dryRun ? ' (dry run: nothing sent)' : ''}: ${summary.events} events in the last records`];
  if (summary.subscribeIssues) {
    const found = Object.entries(summary.subscribeIssues.found).map(([key, n]) => `${key} #${n}`);
    lines.push(
      `  subscribe issues: ${found.join(', ') || 'none'}${summary.subscribeIssues.created.length > 0 ? ` (${summary.dryRun ? 'would create' : 'created'}: ${summary.subscribeIssues.created.join(', ')})` : ''}`,
    );
  }
  for (const t of summary.targets) {
    if (t.skipped) {
      lines.push(`  ${t.id}: skipped (${t.skipped})`);
      continue;
    }
    const parts = [`${summary.dryRun ? 'would send' : 'sent'} ${t.sent.length}`];
    if (t.failed.length > 0) parts.push(`failed ${t.failed.length}`);
    if (t.gaveUp.length > 0) parts.push(`gave up ${t.gaveUp.length}`);
    if (t.deferred > 0) parts.push(`deferred ${t.deferred}`);
    if (t.tooOld > 0) parts.push(`${t.tooOld} older than 24 h not sent`);
    lines.push(`  ${t.id}: ${parts.join(', ')}`);
  }
  return lines.join('\n');
}

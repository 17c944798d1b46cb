/** What one announce run did (or, with --dry-run, would do), as lines for the terminal. Pure. */
import type { AnnounceSummary } from './announce.ts';

export function formatAnnounceSummary(summary: AnnounceSummary): string {
  const would = summary.dryRun ? 'would ' : '';
  const lines = [`Announce for ${summary.repository} → ${summary.site}${summary.dryRun ? ' (dry run: nothing was changed)' : ''}`];
  for (const n of summary.pinned) lines.push(`  ${would}pin #${n}`);
  for (const n of summary.unpinned) lines.push(`  ${would}unpin #${n}`);
  for (const skipped of summary.notPinned) lines.push(`  not pinned: ${skipped.reason}`);
  if (summary.pinning === 'refused') lines.push('  pins: the token may not pin; left alone');
  for (const c of summary.comments) lines.push(`  ${would}${c.action === 'created' ? 'comment on' : 'edit the comment on'} #${c.number} (${c.state})`);
  if (summary.deferred > 0) lines.push(`  ${summary.deferred} comment(s) left for the next run`);
  const changed = summary.pinned.length + summary.unpinned.length + summary.comments.length;
  lines.push(`  ${changed === 0 ? 'nothing to change; ' : ''}${summary.requests} request(s), ${summary.warnings.length} warning(s)`);
  return lines.join('\n');
}

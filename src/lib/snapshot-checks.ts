/**
 * Checks of the snapshot as a whole, before the model believes it (issue #10, item 8). Pure.
 *
 * - Another repository's snapshot (a shared cache key, a copied file) is refused: its incidents
 *   are not this project's, and an empty page would claim "all operational". The build fails, so
 *   the deployed page stays the last good one and shows its own age.
 * - A `takenAt` after the build time (a wrong clock where the sync ran, a hand-edited file) would
 *   never turn stale, in the build or in the visitor's browser: it counts as stale and is reported.
 * - Two records for one issue number are reported; the one updated last is kept and the page says
 *   it may be incomplete.
 */
import { InputError } from './errors.ts';
import type { Notice } from './incident.ts';
import type { IssueRecord } from './schema/snapshot.ts';

/** Clocks of the sync and the build may differ a little; beyond this a future `takenAt` is suspect. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Throws an InputError naming both repositories when the snapshot is not of `repository`. */
export function checkSnapshotRepository(snapshotRepository: string, repository: string, where: string): void {
  if (snapshotRepository.toLowerCase() === repository.toLowerCase()) return;
  throw new InputError(
    `${where} holds the issues of "${snapshotRepository || '(no repository)'}", but this site is for "${repository}" ` +
      "(`repository` in the config, or GITHUB_REPOSITORY). Refusing to publish another repository's incidents: " +
      'run `npm run sync` to replace the snapshot, or fix the repository name.',
    where,
  );
}

/** Minutes by which `takenAt` lies after `now` beyond the tolerance, else 0. */
export function minutesInFuture(takenAt: string, now: Date): number {
  const ahead = new Date(takenAt).getTime() - now.getTime();
  return ahead > FUTURE_TOLERANCE_MS ? Math.ceil(ahead / 60_000) : 0;
}

/** One record per issue number: the one updated last; every other one is reported. */
export function dropDuplicateIssues(issues: readonly IssueRecord[]): { issues: IssueRecord[]; duplicates: Notice[] } {
  const kept = new Map<number, IssueRecord>();
  const duplicates: Notice[] = [];
  for (const issue of issues) {
    const other = kept.get(issue.number);
    if (other) {
      const [keep, drop] = issue.updatedAt > other.updatedAt ? [issue, other] : [other, issue];
      kept.set(issue.number, keep);
      duplicates.push({
        where: `issue #${issue.number}`,
        message: `two records for the same issue; kept the one updated ${keep.updatedAt}, skipped the one updated ${drop.updatedAt}`,
      });
    } else kept.set(issue.number, issue);
  }
  return { issues: issues.filter((i) => kept.get(i.number) === i), duplicates };
}

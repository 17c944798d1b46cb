/** What one sync did and cost: printed as a few lines, or as JSON with `--json`. Pure. */

export interface SyncSummary {
  repository: string;
  /** Where the snapshot was written. */
  snapshot: string;
  /** "full" lists every tracked issue (first run, daily reconciliation, --full); "incremental" asks only what changed. */
  mode: 'full' | 'incremental';
  fullReason: string | null;
  takenAt: string;
  issues: {
    /** Issues in the snapshot now. */
    tracked: number;
    /** Issues returned by this run's listings (tracked or not). */
    seen: number;
    /** Issues whose comments and events were (re)fetched. */
    changed: number;
    /** Issues dropped: deleted, transferred, or no longer labelled. */
    removed: number;
    /** Changed issues left for the next run because the rate limit ran low. */
    deferred: number;
    /** Issues a run cut short by the rate limit had left, fetched (or deferred again) by this one. */
    resumed?: number;
  };
  referencedIssues: number;
  requests: {
    /** HTTP requests made, retries included. */
    total: number;
    /** 304 answers, which GitHub does not count against the rate limit. */
    notModified: number;
    /** total − notModified: what the run cost. */
    counted: number;
    permissionChecks: number;
  };
  rateLimit: { limit: number; remaining: number; reset: number; resetAt: string } | null;
  durationMs: number;
}

const n = (value: number) => value.toLocaleString('en-US');

export function formatSummary(summary: SyncSummary): string {
  const { issues, requests, rateLimit } = summary;
  const mode = summary.mode === 'full' ? `full: ${summary.fullReason ?? 'asked for'}` : 'incremental';
  const lines = [
    `Synced ${summary.repository} (${mode}) → ${summary.snapshot}`,
    `  issues: ${n(issues.tracked)} in snapshot, ${n(issues.seen)} seen, ${n(issues.changed)} changed, ${n(issues.removed)} removed` +
      (issues.deferred > 0 ? `, ${n(issues.deferred)} deferred to the next run` : '') +
      (issues.resumed ? `; resumed ${n(issues.resumed)} left by the last run` : ''),
    `  requests: ${n(requests.total)} made, ${n(requests.notModified)} not modified (304), ${n(requests.counted)} counted against the rate limit`,
    `  rate limit: ${rateLimit ? `${n(rateLimit.remaining)}/${n(rateLimit.limit)} left, resets ${rateLimit.resetAt.slice(11, 16)} UTC` : 'unknown'}; took ${(summary.durationMs / 1000).toFixed(1)} s`,
  ];
  return lines.join('\n');
}

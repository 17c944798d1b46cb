/**
 * A full listing decides what to remove: every record it leaves out. A listing that comes back
 * short (a page answering `[]` early) would then silently remove records, an active incident
 * included (issue #10, item 7). So before removing more than a few, a sample of them is asked
 * about one by one: if any is still there and still tracked, the listing was short, and the sync
 * stops with the previous snapshot kept. Real removals (deleted, transferred, unlabelled) pass.
 */
import type { IssueRecord } from '../lib/schema/snapshot.ts';
import type { GitHubClient } from './client.ts';
import { GitHubError } from './errors.ts';
import { getIssue, type Repo } from './fetchers.ts';
import type { GitHubIssue } from './github-json.ts';
import { isTrackedIssue } from './to-records.ts';

/** Up to this many removals in one full run are taken as listed. */
export const FEW_REMOVALS = 5;
/** How many of a larger set are confirmed with a GET each: open ones first, then the newest. */
export const REMOVAL_SAMPLE = 3;

export interface RemovalCheck {
  octokit: GitHubClient;
  repo: Repo;
  labels: readonly string[];
  records: ReadonlyMap<number, IssueRecord>;
  /** Numbers the listing left out; confirmed ones stay, nothing is added. */
  removed: ReadonlySet<number>;
  /** Gets the issues the sample found (still there, no longer tracked), so they are seen as changed. */
  latest: Map<number, GitHubIssue>;
  /** The listing, for the error: `GET /repos/o/r/issues?labels=…`. */
  listing: string;
}

export async function confirmListedRemovals({ octokit, repo, labels, records, removed, latest, listing }: RemovalCheck): Promise<void> {
  if (removed.size <= FEW_REMOVALS) return;
  const sample = [...removed]
    .flatMap((number) => {
      const record = records.get(number);
      return record ? [record] : [];
    })
    .sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open') || b.number - a.number)
    .slice(0, REMOVAL_SAMPLE);
  for (const record of sample) {
    const lookup = await getIssue(octokit, repo, record.number);
    if (lookup.kind !== 'found') continue;
    if (!isTrackedIssue(lookup.issue, labels)) {
      latest.set(record.number, lookup.issue);
      continue;
    }
    throw new GitHubError(
      listing,
      'malformed',
      `the full listing left out ${removed.size} of the ${records.size} tracked issues in the previous snapshot, yet #${record.number} is still there and labelled`,
      'A listing came back short (an empty or partial page): nothing was removed and the previous snapshot was kept. The next run tries again.',
    );
  }
}

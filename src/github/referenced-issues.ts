/**
 * The state of issues named by post-mortem action items (`- [ ] Add a canary #123`).
 *
 * Cheapest source first: an issue that changed since the last run is in this run's `since`
 * listing already; an unchanged one keeps its previous entry; only a newly named one is fetched.
 * A full run re-asks every one conditionally (a 304 is free) so deletions are noticed.
 */
import { readActionItemReferences } from '../lib/postmortem.ts';
import type { IssueRecord, ReferencedIssue } from '../lib/schema/snapshot.ts';
import type { GitHubClient } from './client.ts';
import { getIssue, type Repo } from './fetchers.ts';
import type { GitHubIssue } from './github-json.ts';
import { toReferencedIssue } from './to-records.ts';

export interface ReferencedIssuesInput {
  octokit: GitHubClient;
  repo: Repo;
  postmortems: readonly IssueRecord[];
  /** Issues seen in this run's listings. */
  latest: ReadonlyMap<number, GitHubIssue>;
  previous: readonly ReferencedIssue[];
  prevEtags: Readonly<Record<string, string>>;
  /** Written to: `issue:N` ETags of the issues still referenced. */
  etags: Record<string, string>;
  /** Ask GitHub again about every referenced issue (conditionally). */
  recheck: boolean;
}

export async function syncReferencedIssues(input: ReferencedIssuesInput): Promise<ReferencedIssue[]> {
  const numbers = [...new Set(input.postmortems.flatMap((p) => readActionItemReferences(p.body)))].sort((a, b) => a - b);
  const before = new Map(input.previous.map((r) => [r.number, r]));
  const result: ReferencedIssue[] = [];
  for (const number of numbers) {
    const key = `issue:${number}`;
    const seen = input.latest.get(number);
    if (seen) {
      result.push(toReferencedIssue(seen));
      continue; // its stored ETag is out of date now; the next full run gets a fresh one
    }
    const known = before.get(number);
    const etag = input.prevEtags[key];
    if (known && !input.recheck) {
      result.push(known);
      if (etag) input.etags[key] = etag;
      continue;
    }
    const lookup = await getIssue(input.octokit, input.repo, number, known ? etag : undefined);
    if (lookup.kind === 'not-modified' && known) {
      result.push(known);
      if (etag) input.etags[key] = etag;
    } else if (lookup.kind === 'found') {
      result.push(toReferencedIssue(lookup.issue));
      if (lookup.etag) input.etags[key] = lookup.etag;
    }
  }
  return result;
}

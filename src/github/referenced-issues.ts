/**
 * The state of issues named by post-mortem action items (`- [ ] Add a canary #123`).
 *
 * Cheapest source first: an issue that changed since the last run is in this run's `since`
 * listing already; an unchanged one keeps its previous entry; only a newly named one is fetched.
 * A full run re-asks every one conditionally (a 304 is free) so deletions are noticed.
 *
 * Action items are text anyone with an issue can write, so what they may cost is bounded (issue
 * #10, item 3): only post-mortems a maintainer published are read (the caller passes those), at
 * most MAX_REFERENCES_PER_POSTMORTEM numbers each; a number GitHub answers 404/410 for is
 * remembered (`sync.missingReferences`) and not asked again until it shows up in a listing; and
 * fetching stops while the rate limit is inside the budget reserve.
 */
import { readActionItemReferences } from '../lib/postmortem.ts';
import type { IssueRecord, ReferencedIssue } from '../lib/schema/snapshot.ts';
import type { GitHubClient } from './client.ts';
import { GitHubError } from './errors.ts';
import { getIssue, type Repo } from './fetchers.ts';
import type { GitHubIssue } from './github-json.ts';
import { toReferencedIssue } from './to-records.ts';

/** More than any real post-mortem lists; what one outsider's text could cost is bounded by it. */
export const MAX_REFERENCES_PER_POSTMORTEM = 50;

export interface ReferencedIssuesInput {
  octokit: GitHubClient;
  repo: Repo;
  /** Post-mortems a maintainer published (see `isTrustedlyLabelled`). */
  postmortems: readonly IssueRecord[];
  /** Issues seen in this run's listings. */
  latest: ReadonlyMap<number, GitHubIssue>;
  previous: readonly ReferencedIssue[];
  prevEtags: Readonly<Record<string, string>>;
  /** Written to: `issue:N` ETags of the issues still referenced. */
  etags: Record<string, string>;
  /** Ask GitHub again about every referenced issue (conditionally). */
  recheck: boolean;
  /** Numbers that did not exist last time (404/410); not asked again unless listed. */
  missing?: readonly number[] | undefined;
  /** False once the rate limit is inside the budget reserve: stop asking. */
  mayFetch?: () => boolean;
  warn?: (message: string) => void;
  /** Turns what octokit threw into a GitHubError, so the post-mortem can be named on it. */
  toError?: (error: unknown) => GitHubError;
}

export interface ReferencedIssues {
  referenced: ReferencedIssue[];
  /** Referenced numbers that do not exist, to remember in the snapshot. */
  missing: number[];
}

/** Each referenced number, with the first post-mortem naming it; at most the cap per post-mortem. */
function collectReferences(postmortems: readonly IssueRecord[], warn: (message: string) => void): Map<number, number> {
  const namedBy = new Map<number, number>();
  for (const postmortem of postmortems) {
    const numbers = readActionItemReferences(postmortem.body);
    if (numbers.length > MAX_REFERENCES_PER_POSTMORTEM) {
      warn(
        `Post-mortem #${postmortem.number} names ${numbers.length} issues in its action items; only the first ${MAX_REFERENCES_PER_POSTMORTEM} are followed.`,
      );
    }
    for (const number of numbers.slice(0, MAX_REFERENCES_PER_POSTMORTEM)) if (!namedBy.has(number)) namedBy.set(number, postmortem.number);
  }
  return namedBy;
}

export async function syncReferencedIssues(input: ReferencedIssuesInput): Promise<ReferencedIssues> {
  const warn = input.warn ?? (() => {});
  const namedBy = collectReferences(input.postmortems, warn);
  const numbers = [...namedBy.keys()].sort((a, b) => a - b);
  const before = new Map(input.previous.map((r) => [r.number, r]));
  const wasMissing = new Set(input.missing ?? []);
  const result: ReferencedIssue[] = [];
  const missing: number[] = [];
  let postponed = 0;
  for (const number of numbers) {
    const key = `issue:${number}`;
    const seen = input.latest.get(number);
    if (seen) {
      result.push(toReferencedIssue(seen));
      continue; // its stored ETag is out of date now; the next full run gets a fresh one
    }
    if (wasMissing.has(number)) {
      missing.push(number);
      continue;
    }
    const known = before.get(number);
    const etag = input.prevEtags[key];
    if (known && !input.recheck) {
      result.push(known);
      if (etag) input.etags[key] = etag;
      continue;
    }
    if (input.mayFetch && !input.mayFetch()) {
      postponed++;
      if (known) result.push(known);
      if (known && etag) input.etags[key] = etag;
      continue;
    }
    let lookup;
    try {
      lookup = await getIssue(input.octokit, input.repo, number, known ? etag : undefined);
    } catch (error) {
      const base = input.toError ? input.toError(error) : null;
      if (!base) throw error;
      const by = namedBy.get(number);
      throw new GitHubError(base.endpoint, base.status, `${base.detail} (issue #${number}, named by an action item of post-mortem #${by})`, base.hint, {
        cause: error,
      });
    }
    if (lookup.kind === 'not-modified' && known) {
      result.push(known);
      if (etag) input.etags[key] = etag;
    } else if (lookup.kind === 'found') {
      result.push(toReferencedIssue(lookup.issue));
      if (lookup.etag) input.etags[key] = lookup.etag;
    } else if (lookup.kind === 'gone') missing.push(number);
  }
  if (postponed > 0) warn(`The rate limit is down to the budget reserve: ${postponed} issue(s) named by post-mortem action items wait for the next run.`);
  return { referenced: result, missing };
}

/**
 * Step 2 of a sync for one changed issue: its comments and events.
 *
 * - A 404 or 410 on a sub-resource is not taken as a deletion: the issue itself is asked (one
 *   GET) and only a "gone" answer removes it. Otherwise it is an error naming the issue, and the
 *   previous snapshot is kept, so an active incident never vanishes on a fault (issue #10, item 5).
 * - Comments already in the previous record are not fetched again: only those updated since the
 *   newest one seen (`since`), merged by id. 2,500 spam comments then cost one request per run,
 *   not 25. If the merged count disagrees with the issue's `comments` count (a comment was
 *   deleted), all comments are fetched after all (item 13).
 */
import type { IssueRecord } from '../lib/schema/snapshot.ts';
import type { GitHubClient } from './client.ts';
import { describeEndpoint, GitHubError } from './errors.ts';
import { fetchListing, getIssue, listIssueComments, listIssueEvents, type Repo, statusOf } from './fetchers.ts';
import { type GitHubComment, type GitHubIssue, type GitHubIssueEvent, isComment } from './github-json.ts';

export type IssueDetails =
  | { kind: 'fetched'; comments: GitHubComment[]; events: GitHubIssueEvent[]; commentRequests: 'none' | 'since' | 'all' }
  | { kind: 'gone'; why: string };

/** Comments updated at or after `since`, all pages. */
async function listCommentsSince(octokit: GitHubClient, { owner, repo }: Repo, number: number, since: string): Promise<GitHubComment[]> {
  const listing = await fetchListing(octokit, {
    path: `/repos/${owner}/${repo}/issues/${number}/comments`,
    query: { since },
    guard: isComment,
    what: 'comments',
  });
  return listing.notModified ? [] : listing.items;
}

/** The previous record's comments as GitHub JSON again, so that old and new can be merged. */
function asGitHubComments(record: IssueRecord): GitHubComment[] {
  return record.comments.map((c) => ({
    id: c.id,
    user: c.author.login === 'ghost' ? null : { login: c.author.login },
    body: c.body,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    html_url: c.url,
  }));
}

async function fetchComments(octokit: GitHubClient, repo: Repo, issue: GitHubIssue, previous: IssueRecord | undefined) {
  if (issue.comments === 0) return { comments: [], commentRequests: 'none' as const };
  const known = previous?.comments ?? [];
  if (issue.comments !== undefined && known.length > 0 && known.length <= issue.comments) {
    const since = known.reduce((newest, c) => (Date.parse(c.updatedAt) > Date.parse(newest) ? c.updatedAt : newest), known[0]?.updatedAt ?? '');
    const merged = new Map(asGitHubComments(previous as IssueRecord).map((c) => [c.id, c]));
    for (const comment of await listCommentsSince(octokit, repo, issue.number, since)) merged.set(comment.id, comment);
    if (merged.size === issue.comments) return { comments: [...merged.values()], commentRequests: 'since' as const };
  }
  return { comments: await listIssueComments(octokit, repo, issue.number), commentRequests: 'all' as const };
}

export async function fetchIssueDetails(octokit: GitHubClient, repo: Repo, issue: GitHubIssue, previous: IssueRecord | undefined): Promise<IssueDetails> {
  try {
    const { comments, commentRequests } = await fetchComments(octokit, repo, issue, previous);
    const events = await listIssueEvents(octokit, repo, issue.number);
    return { kind: 'fetched', comments, events, commentRequests };
  } catch (error) {
    const status = statusOf(error);
    if (status !== 404 && status !== 410) throw error;
    const lookup = await getIssue(octokit, repo, issue.number);
    if (lookup.kind === 'gone') return { kind: 'gone', why: lookup.why };
    const request = (error as { request?: { method?: string; url?: string } }).request;
    throw new GitHubError(
      describeEndpoint(request?.method, request?.url),
      status,
      `${(error as Error).message.replace(/ - https:\/\/docs\.github\.com\S*$/, '')}, yet issue #${issue.number} itself is still there`,
      `A comments or events listing failed; that is not a deletion, so issue #${issue.number} was not removed and the previous snapshot was kept. The next run tries again.`,
      { cause: error },
    );
  }
}

/**
 * The GitHub calls `npm run announce` makes, each checked for shape. Pins go through GraphQL
 * (REST has no pinning); comments through REST. Network edge: deciding what to call is
 * src/lib/announce-plan.ts's job, ordering the calls is announce.ts's.
 */
import type { IssueComment, PinnedIssue } from '../lib/announce-plan.ts';
import type { GitHubClient } from './client.ts';
import { describeEndpoint, malformedResponse } from './errors.ts';
import { listIssueComments, type Repo } from './fetchers.ts';

// https://docs.github.com/en/graphql/reference/objects#repository — pinnedIssues holds at most 3,
// but asking for more costs nothing and survives GitHub raising the limit.
const PINNED_ISSUES = `query pinnedIssues($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    pinnedIssues(first: 10) { nodes { issue { number id } } }
  }
}`;
// https://docs.github.com/en/graphql/reference/mutations#pinissue and #unpinissue
const PIN_ISSUE = `mutation pinIssue($issueId: ID!) {
  pinIssue(input: { issueId: $issueId }) { issue { number } }
}`;
const UNPIN_ISSUE = `mutation unpinIssue($issueId: ID!) {
  unpinIssue(input: { issueId: $issueId }) { issue { number } }
}`;

interface PinnedIssuesAnswer {
  repository: { pinnedIssues: { nodes: { issue: { number: number; id: string } | null }[] } } | null;
}

export async function listPinnedIssues(octokit: GitHubClient, { owner, repo }: Repo): Promise<PinnedIssue[]> {
  const answer = await octokit.graphql<PinnedIssuesAnswer>(PINNED_ISSUES, { owner, name: repo });
  const nodes = answer?.repository?.pinnedIssues?.nodes;
  if (!Array.isArray(nodes)) throw malformedResponse('POST /graphql (pinnedIssues)', 'the pinned issues of the repository');
  return nodes.flatMap((node) =>
    node?.issue && typeof node.issue.number === 'number' && typeof node.issue.id === 'string' ? [{ number: node.issue.number, id: node.issue.id }] : [],
  );
}

export async function pinIssue(octokit: GitHubClient, issueId: string): Promise<void> {
  await octokit.graphql(PIN_ISSUE, { issueId });
}

export async function unpinIssue(octokit: GitHubClient, issueId: string): Promise<void> {
  await octokit.graphql(UNPIN_ISSUE, { issueId });
}

/** The GraphQL node id of an issue, which pinIssue takes; the snapshot does not keep it. */
export async function getIssueNodeId(octokit: GitHubClient, { owner, repo }: Repo, number: number): Promise<string> {
  const response = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: number });
  const nodeId: unknown = (response.data as { node_id?: unknown }).node_id;
  if (typeof nodeId !== 'string') throw malformedResponse(describeEndpoint('GET', response.url), 'an issue with a node_id');
  return nodeId;
}

/** Every comment of an issue, as the planner reads them; a deleted account is `ghost`. */
export async function readIssueComments(octokit: GitHubClient, repo: Repo, number: number): Promise<IssueComment[]> {
  const comments = await listIssueComments(octokit, repo, number);
  return comments.map((c) => ({ id: c.id, author: c.user?.login ?? 'ghost', body: c.body ?? '' }));
}

export async function createComment(octokit: GitHubClient, { owner, repo }: Repo, number: number, body: string): Promise<void> {
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: number, body });
}

export async function updateComment(octokit: GitHubClient, { owner, repo }: Repo, commentId: number, body: string): Promise<void> {
  await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: commentId, body });
}

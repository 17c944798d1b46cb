/**
 * The GitHub calls the monitor makes (network edge): its open issues, an issue's activity for the
 * take-over rule, and the writes (create, comment, close). Nothing here deletes or locks anything.
 */
import type { GitHubClient } from '../github/client.ts';
import { listIssueComments, listIssueEvents, PER_PAGE, type Repo } from '../github/fetchers.ts';
import type { GitHubIssue } from '../github/github-json.ts';
import type { IssueActivity } from '../lib/monitor/marker.ts';
import { monitorIdOf } from '../lib/monitor/marker.ts';

export interface OpenMonitorIssue {
  readonly number: number;
  readonly monitorId: string;
  readonly createdAt: string;
  readonly url: string;
}

/**
 * Open issues a monitor opened (bot author + marker), oldest first. Listed fresh, without ETags:
 * the overlap check must see what another run just created.
 */
export async function listOpenMonitorIssues(
  octokit: GitHubClient,
  { owner, repo }: Repo,
  incidentLabel: string,
  botLogins: readonly string[],
): Promise<OpenMonitorIssue[]> {
  const issues = (await octokit.paginate('GET /repos/{owner}/{repo}/issues', {
    owner,
    repo,
    state: 'open',
    labels: incidentLabel,
    per_page: PER_PAGE,
  })) as GitHubIssue[];
  return issues
    .filter((i) => !i.pull_request)
    .flatMap((i) => {
      const monitorId = monitorIdOf({ author: i.user?.login ?? 'ghost', body: i.body ?? null }, botLogins);
      return monitorId ? [{ number: i.number, monitorId, createdAt: i.created_at, url: i.html_url }] : [];
    })
    .sort((a, b) => a.number - b.number);
}

export async function readActivity(octokit: GitHubClient, repo: Repo, number: number): Promise<IssueActivity> {
  const [events, comments] = await Promise.all([listIssueEvents(octokit, repo, number), listIssueComments(octokit, repo, number)]);
  return {
    events: events.map((e) => ({ type: e.event, actor: e.actor?.login ?? 'ghost', label: e.label?.name })),
    comments: comments.map((c) => ({ author: c.user?.login ?? 'ghost', body: c.body ?? '' })),
  };
}

export async function createIssue(
  octokit: GitHubClient,
  { owner, repo }: Repo,
  issue: { title: string; body: string; labels: string[] },
): Promise<{ number: number; url: string }> {
  const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues', { owner, repo, ...issue });
  return { number: data.number, url: data.html_url };
}

export async function addComment(octokit: GitHubClient, { owner, repo }: Repo, number: number, body: string): Promise<void> {
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: number, body });
}

/** Closes an issue the monitor itself opened (the only kind it ever closes). */
export async function closeIssue(octokit: GitHubClient, { owner, repo }: Repo, number: number, reason: 'completed' | 'not_planned'): Promise<void> {
  await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner, repo, issue_number: number, state: 'closed', state_reason: reason });
}

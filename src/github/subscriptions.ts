/**
 * The subscribe issues on GitHub: found again (sitrep's login + the hidden marker), created when
 * missing and locked, and commented on. Network edge; src/lib/notify/subscriptions.ts decides the
 * keys and texts. Never edits, closes, reopens or unlocks anything, and never touches an issue a
 * person wrote, even one quoting the marker.
 */

import { listSubscriptionKeys, readSubscribeMarker, type SubscribeIssueText, writeSubscribeIssue } from '../lib/notify/subscriptions.ts';
import type { SiteConfig } from '../lib/schema/config.ts';
import { createComment } from './announce-api.ts';
import type { GitHubClient } from './client.ts';
import { parseRepo, type Repo } from './fetchers.ts';

export interface FoundSubscribeIssue {
  readonly key: string;
  readonly number: number;
  readonly url: string;
}

interface IssueItem {
  number: number;
  html_url: string;
  body?: string | null;
  user: { login: string } | null;
  pull_request?: unknown;
}

/**
 * sitrep's subscribe issues, open or closed (comments on a closed issue still reach its
 * subscribers, and reopening is a person's call). The oldest wins if two share a key.
 */
export async function findSubscribeIssues(octokit: GitHubClient, { owner, repo }: Repo, botLogin: string): Promise<Map<string, FoundSubscribeIssue>> {
  // https://docs.github.com/en/rest/issues/issues#list-repository-issues — `creator` narrows it to sitrep's own.
  const items = (await octokit.paginate('GET /repos/{owner}/{repo}/issues', {
    owner,
    repo,
    creator: botLogin,
    state: 'all',
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  })) as IssueItem[];
  const found = new Map<string, FoundSubscribeIssue>();
  for (const item of items) {
    if (item.pull_request || item.user?.login !== botLogin) continue;
    const key = readSubscribeMarker(item.body);
    if (key && !found.has(key)) found.set(key, { key, number: item.number, url: item.html_url });
  }
  return found;
}

/** Creates the issue, then locks it so that only collaborators (and sitrep) can comment. */
export async function createSubscribeIssue(
  octokit: GitHubClient,
  { owner, repo }: Repo,
  key: string,
  text: SubscribeIssueText,
  warn: (message: string) => void,
): Promise<FoundSubscribeIssue> {
  // https://docs.github.com/en/rest/issues/issues#create-an-issue
  const created = await octokit.request('POST /repos/{owner}/{repo}/issues', { owner, repo, title: text.title, body: text.body });
  const { number, html_url: url } = created.data as { number: number; html_url: string };
  try {
    // https://docs.github.com/en/rest/issues/issues#lock-an-issue
    await octokit.request('PUT /repos/{owner}/{repo}/issues/{issue_number}/lock', { owner, repo, issue_number: number });
  } catch (error) {
    warn(`created the subscribe issue #${number} but could not lock it (${error instanceof Error ? error.message : String(error)}); lock it by hand`);
  }
  return { key, number, url };
}

export async function commentOnSubscribeIssue(octokit: GitHubClient, repo: Repo, number: number, body: string): Promise<void> {
  await createComment(octokit, repo, number, body);
}

export interface EnsureSubscribeIssuesOptions {
  readonly octokit: GitHubClient;
  readonly config: Pick<SiteConfig, 'repository' | 'title' | 'components'>;
  readonly botLogin: string;
  /** Absolute URLs of the page and the Atom feed a key's issue points to. */
  readonly links: (key: string) => { page: string; feed: string };
  /** Find only; report what would be created. */
  readonly dryRun: boolean;
  readonly warn: (message: string) => void;
}

/**
 * One subscribe issue per key (`all`, then each component), found again or created and locked.
 * Idempotent: a second call creates nothing. Callable from any command with `issues: write`.
 */
export async function ensureSubscribeIssues(options: EnsureSubscribeIssuesOptions): Promise<{ issues: Map<string, FoundSubscribeIssue>; created: string[] }> {
  const { octokit, config, botLogin, dryRun, warn } = options;
  const repo = parseRepo(config.repository);
  const issues = await findSubscribeIssues(octokit, repo, botLogin);
  const created: string[] = [];
  for (const key of listSubscriptionKeys(config)) {
    if (issues.has(key)) continue;
    created.push(key);
    if (dryRun) continue;
    const { page, feed } = options.links(key);
    issues.set(key, await createSubscribeIssue(octokit, repo, key, writeSubscribeIssue(key, config, page, feed), warn));
  }
  return { issues, created };
}

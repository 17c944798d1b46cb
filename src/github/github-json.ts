/**
 * The few fields of GitHub's REST JSON that the sync reads, and cheap shape checks for them.
 *
 * octokit returns the raw text when a body is not valid JSON, so every answer is checked before
 * use: a broken answer fails the run instead of writing a broken snapshot.
 */

/** A user as GitHub embeds it; `null` when the account was deleted. */
export interface GitHubUser {
  login: string;
}

export interface GitHubLabel {
  name: string;
}

/** https://docs.github.com/en/rest/issues/issues#get-an-issue */
export interface GitHubIssue {
  number: number;
  /** GraphQL node id: how the batched sync asks for the issue's details (batch-details.ts). */
  node_id?: string;
  title: string;
  body?: string | null;
  html_url: string;
  repository_url?: string;
  state: string;
  state_reason?: string | null;
  /** Objects, or plain names in some older payloads. */
  labels: (GitHubLabel | string)[];
  user: GitHubUser | null;
  assignees?: (GitHubUser | null)[] | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Number of comments: lets the sync skip the comments request when it is 0. */
  comments?: number;
  /** Present only on pull requests (the issues endpoint lists them too). */
  pull_request?: unknown;
}

/** https://docs.github.com/en/rest/issues/comments#list-issue-comments */
export interface GitHubComment {
  id: number;
  user: GitHubUser | null;
  body?: string | null;
  created_at: string;
  updated_at: string;
  html_url: string;
}

/** https://docs.github.com/en/rest/issues/events#list-issue-events */
export interface GitHubIssueEvent {
  id: number;
  event: string;
  actor: GitHubUser | null;
  created_at: string;
  label?: GitHubLabel | null;
  assignee?: GitHubUser | null;
  state_reason?: string | null;
  /** For `renamed`: the title before and after. */
  rename?: { from: string; to: string } | null;
}

/** https://docs.github.com/en/rest/collaborators/collaborators#get-repository-permissions-for-a-user */
export interface GitHubPermission {
  permission: string;
  /** Finer than `permission`: "maintain" and "triage" show up only here. */
  role_name?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isIssue(value: unknown): value is GitHubIssue {
  return isRecord(value) && typeof value['number'] === 'number' && typeof value['updated_at'] === 'string' && Array.isArray(value['labels']);
}

export function isComment(value: unknown): value is GitHubComment {
  return isRecord(value) && typeof value['id'] === 'number' && typeof value['created_at'] === 'string';
}

export function isIssueEvent(value: unknown): value is GitHubIssueEvent {
  return isRecord(value) && typeof value['id'] === 'number' && typeof value['event'] === 'string';
}

export function isPermission(value: unknown): value is GitHubPermission {
  return isRecord(value) && typeof value['permission'] === 'string';
}

/** The items, or null when `data` is not an array of `T`. */
export function asArrayOf<T>(data: unknown, guard: (item: unknown) => item is T): T[] | null {
  return Array.isArray(data) && data.every(guard) ? data : null;
}

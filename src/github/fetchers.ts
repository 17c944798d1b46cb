/**
 * The GitHub reads the sync makes, each checked for shape. Network edge: everything here talks
 * to GitHub through the client; deciding what to ask for is sync.ts's job.
 */
import type { GitHubClient } from './client.ts';
import { describeEndpoint, malformedResponse } from './errors.ts';
import { asArrayOf, type GitHubComment, type GitHubIssue, type GitHubIssueEvent, isComment, isIssue, isIssueEvent, isPermission } from './github-json.ts';
import { permissionRefused } from './permission-errors.ts';

export interface Repo {
  owner: string;
  repo: string;
}

export const PER_PAGE = 100;

export function parseRepo(repository: string): Repo {
  const [owner = '', repo = ''] = repository.split('/');
  return { owner, repo };
}

/** Status of an octokit RequestError (304 included: octokit throws on it), or undefined. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A 403/429 that is a rate limit, not a refusal (plugin-throttling has already waited if it could). */
export function isRateLimited(error: unknown): boolean {
  const { response, message } = error as { response?: { headers?: Record<string, string | undefined> }; message?: string };
  const headers = response?.headers ?? {};
  return headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined || /rate limit/i.test(message ?? '');
}

function nextLink(link: string | undefined): string | null {
  return link?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
}

export type Listing<T> =
  | { notModified: true }
  | { notModified: false; items: T[]; etag: string | null /** Server time of the first page. */; date: string | null };

export interface ListingRequest<T> {
  /** Path under the API root, e.g. `/repos/acme/widgets/issues`. */
  path: string;
  query: Record<string, string | number>;
  guard: (item: unknown) => item is T;
  what: string;
  /** ETag of the first page from the last run: a 304 answers "nothing changed" for free. */
  etag?: string | undefined;
  onPage?: (page: number, itemsSoFar: number) => void;
}

/**
 * All pages of a listing, following `Link: rel="next"`. Only the first page is conditional: the
 * listings the sync makes conditionally are ordered so that any change shows on page 1.
 */
export async function fetchListing<T>(octokit: GitHubClient, request: ListingRequest<T>): Promise<Listing<T>> {
  const headers = request.etag ? { 'if-none-match': request.etag } : {};
  let response;
  try {
    response = await octokit.request(`GET ${request.path}`, { ...request.query, per_page: PER_PAGE, headers });
  } catch (error) {
    if (statusOf(error) === 304) return { notModified: true };
    throw error;
  }
  const items: T[] = [];
  const etag = response.headers.etag ?? null;
  const date = response.headers.date ? new Date(response.headers.date).toISOString() : null;
  for (let page = 1; ; page++) {
    const pageItems = asArrayOf(response.data, request.guard);
    if (!pageItems) throw malformedResponse(describeEndpoint('GET', response.url), `a list of ${request.what}`);
    items.push(...pageItems);
    request.onPage?.(page, items.length);
    const next = nextLink(response.headers.link);
    if (!next) break;
    response = await octokit.request(`GET ${next}`);
  }
  return { notModified: false, items, etag, date };
}

export async function listIssueComments(octokit: GitHubClient, { owner, repo }: Repo, number: number): Promise<GitHubComment[]> {
  const listing = await fetchListing(octokit, { path: `/repos/${owner}/${repo}/issues/${number}/comments`, query: {}, guard: isComment, what: 'comments' });
  return listing.notModified ? [] : listing.items;
}

/** Issue events (label, assign, close…); the timeline endpoint would add comments we fetch anyway. */
export async function listIssueEvents(octokit: GitHubClient, { owner, repo }: Repo, number: number): Promise<GitHubIssueEvent[]> {
  const listing = await fetchListing(octokit, {
    path: `/repos/${owner}/${repo}/issues/${number}/events`,
    query: {},
    guard: isIssueEvent,
    what: 'issue events',
  });
  return listing.notModified ? [] : listing.items;
}

export type IssueLookup =
  | { kind: 'found'; issue: GitHubIssue; etag: string | null }
  | { kind: 'not-modified' }
  /** Deleted (410), never there or hidden (404), or transferred to another repository. */
  | { kind: 'gone'; why: 'deleted' | 'not found' | 'transferred' };

/**
 * One issue. GitHub answers a transferred issue with a 301 to its new home, which fetch follows:
 * the answer then names another repository, and that is how a transfer is told apart.
 */
export async function getIssue(octokit: GitHubClient, { owner, repo }: Repo, number: number, etag?: string): Promise<IssueLookup> {
  let response;
  try {
    response = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      owner,
      repo,
      issue_number: number,
      headers: etag ? { 'if-none-match': etag } : {},
    });
  } catch (error) {
    const status = statusOf(error);
    if (status === 304) return { kind: 'not-modified' };
    if (status === 410) return { kind: 'gone', why: 'deleted' };
    if (status === 404) return { kind: 'gone', why: 'not found' };
    throw error;
  }
  const data: unknown = response.data;
  if (!isIssue(data)) throw malformedResponse(describeEndpoint('GET', response.url), 'an issue');
  const home = `/repos/${owner}/${repo}`.toLowerCase();
  const movedAway = data.number !== number || (data.repository_url !== undefined && !data.repository_url.toLowerCase().endsWith(home));
  if (movedAway) return { kind: 'gone', why: 'transferred' };
  return { kind: 'found', issue: data, etag: response.headers.etag ?? null };
}

/**
 * A login's permission on the repository: role_name when given (it tells "maintain" and "triage"
 * apart), else permission. 404 (not a collaborator, no such user) → "none". A 403 that is not a
 * rate limit means the token may not ask: an error, never "nobody is trusted" (permission-errors.ts).
 */
export async function getPermission(octokit: GitHubClient, { owner, repo }: Repo, username: string): Promise<string> {
  let response;
  try {
    response = await octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { owner, repo, username });
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 && !isRateLimited(error)) throw permissionRefused(error, `${owner}/${repo}`);
    if (status === 404) return 'none';
    throw error;
  }
  const data: unknown = response.data;
  if (!isPermission(data)) throw malformedResponse(describeEndpoint('GET', response.url), 'a permission');
  return data.role_name || data.permission;
}

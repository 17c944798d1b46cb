/**
 * Refusals of writes, told apart from failures. A token that may read issues but not write them
 * (a workflow without `issues: write`), or an installation token GitHub does not let pin, is a
 * setup matter: announce warns and carries on, labels names the missing permission.
 */
import { GitHubError, toGitHubError } from './errors.ts';
import { isRateLimited, statusOf } from './fetchers.ts';

const PERMISSION_HINT = 'the workflow job needs `permissions: issues: write` (a personal token needs Issues "Read and write")';

/** A REST 403 that is not a rate limit: the token may not do this. Otherwise null. */
export function writeRefused(error: unknown, what: string): GitHubError | null {
  if (statusOf(error) !== 403 || isRateLimited(error)) return null;
  const base = toGitHubError(error, { repository: '', timeoutMs: 0, authenticated: true });
  return new GitHubError(base.endpoint, 403, base.detail, `The token may not ${what}: ${PERMISSION_HINT}.`, { cause: error });
}

/** The shape of @octokit/graphql's GraphqlResponseError, read structurally. */
interface GraphqlErrorLike {
  errors?: { type?: string; message?: string }[];
}

/**
 * GraphQL answers a refused mutation with HTTP 200 and `errors: [{ type: "FORBIDDEN" }]`
 * ("Resource not accessible by integration"); a token without the scope may also get a REST-style
 * 401/403. Returns GitHub's message for such a refusal, or null for any other error.
 */
export function graphqlRefusal(error: unknown): string | null {
  const status = statusOf(error);
  if ((status === 401 || status === 403) && !isRateLimited(error)) return error instanceof Error ? error.message : 'forbidden';
  const errors = (error as GraphqlErrorLike | null)?.errors;
  if (!Array.isArray(errors)) return null;
  const refused = errors.find((e) => e.type === 'FORBIDDEN' || /not accessible|permission/i.test(e.message ?? ''));
  return refused ? (refused.message ?? 'forbidden') : null;
}

/** A GraphQL answer with errors that are not a refusal, as a GitHubError; null for anything else. */
export function graphqlFailure(error: unknown): GitHubError | null {
  const errors = (error as GraphqlErrorLike | null)?.errors;
  if (!Array.isArray(errors) || typeof (error as { status?: unknown }).status === 'number') return null;
  const detail = errors.map((e) => `${e.type ? `${e.type}: ` : ''}${e.message ?? '?'}`).join('; ');
  return new GitHubError('POST /graphql', 200, detail, 'GitHub answered the GraphQL request with an error; the next run will try again.', { cause: error });
}

/**
 * A failed GitHub call, said so that a maintainer can act on it: which endpoint, what status,
 * what to do next. Every error that leaves `runSync` is either this or an `InputError`.
 */

/** HTTP status, or what happened instead of one. */
export type GitHubFailure = number | 'timeout' | 'network' | 'malformed';

export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  constructor(
    /** `GET /repos/acme/widgets/issues?state=all` — the path and query, without the host. */
    readonly endpoint: string,
    readonly status: GitHubFailure,
    /** What went wrong, in GitHub's words where it gave any. */
    readonly detail: string,
    /** What the user can do about it. */
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${endpoint} → ${status}: ${detail}\n${hint}`, options);
  }
}

/** The shape of an @octokit/request-error RequestError, read structurally (no octokit import). */
interface RequestErrorLike {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  cause?: unknown;
}

function isRequestErrorLike(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as Partial<RequestErrorLike>).status === 'number';
}

/** `GET /repos/o/r/issues?state=all`, from a method and a full URL. */
export function describeEndpoint(method: string | undefined, url: string | undefined): string {
  if (!url) return `${method ?? 'GET'} (unknown URL)`;
  try {
    const parsed = new URL(url);
    return `${method ?? 'GET'} ${decodeURIComponent(parsed.pathname + parsed.search)}`;
  } catch {
    return `${method ?? 'GET'} ${url}`;
  }
}

/** `14:05 UTC` for a Unix time in seconds. */
export function formatResetTime(epochSeconds: number): string {
  return `${new Date(epochSeconds * 1000).toISOString().slice(11, 16)} UTC`;
}

export interface ErrorContext {
  /** owner/repo, for the "not found" hint. */
  repository: string;
  /** Per-request timeout, for the timeout message. */
  timeoutMs: number;
  /** Whether a token was sent, to tell "bad token" from "needs a token". */
  authenticated: boolean;
}

/**
 * Turns whatever octokit threw into a GitHubError. Retries have already happened by the time an
 * error reaches here (plugin-retry for 5xx and timeouts, plugin-throttling for rate limits).
 */
export function toGitHubError(error: unknown, context: ErrorContext): GitHubError {
  if (error instanceof GitHubError) return error;
  if (!isRequestErrorLike(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new GitHubError('(no request)', 'network', message, 'This is a bug in sitrep if it repeats; please report it.', { cause: error });
  }
  const endpoint = describeEndpoint(error.request?.method, error.request?.url);
  const headers = error.response?.headers ?? {};
  const cause = (error as { cause?: unknown }).cause;
  if (isTimeout(error, cause)) {
    const seconds = Math.round(context.timeoutMs / 100) / 10;
    return new GitHubError(
      endpoint,
      'timeout',
      `no answer within ${seconds} s (after retries)`,
      'GitHub is slow or unreachable; the next scheduled run will try again. Check https://www.githubstatus.com.',
      { cause: error },
    );
  }
  if (!error.response) {
    return new GitHubError(endpoint, 'network', error.message, 'Could not reach the GitHub API: check GITHUB_API_URL and the network.', { cause: error });
  }
  const detail = error.message.replace(/ - https:\/\/docs\.github\.com\S*$/, '');
  const answer = { status: error.status, headers, detail, context };
  const rule = ANSWER_RULES.find((r) => r.matches(answer)) ?? FALLBACK_RULE;
  const explained = rule.explain(answer);
  return new GitHubError(endpoint, error.status, explained.detail ?? detail, explained.hint, { cause: error });
}

/** An HTTP answer GitHub gave, with what the run knows. */
interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** GitHub's message, without the docs link. */
  readonly detail: string;
  readonly context: ErrorContext;
}

/** How to explain one kind of answer: the first rule that matches wins. */
interface AnswerRule {
  readonly matches: (a: Answer) => boolean;
  /** The hint, and a detail when GitHub's own message says less. */
  readonly explain: (a: Answer) => { detail?: string; hint: string };
}

const isLimitStatus = (a: Answer): boolean => a.status === 403 || a.status === 429;

const ANSWER_RULES: readonly AnswerRule[] = [
  {
    matches: (a) => a.status === 401,
    explain: (a) => ({
      hint: a.context.authenticated
        ? 'GITHUB_TOKEN is invalid or expired: create a new token (or check the workflow secret) and run again.'
        : 'This endpoint needs authentication: set GITHUB_TOKEN.',
    }),
  },
  {
    matches: (a) => isLimitStatus(a) && a.headers['x-ratelimit-remaining'] === '0',
    explain: (a) => {
      const reset = Number(a.headers['x-ratelimit-reset']);
      const when = Number.isFinite(reset) && reset > 0 ? `resets at ${formatResetTime(reset)}` : 'resets within the hour';
      return {
        detail: `rate limit of ${a.headers['x-ratelimit-limit'] ?? '?'} requests/hour used up`,
        hint: `The rate limit ${when}; the previous snapshot was kept. Run again after that${a.context.authenticated ? '' : ', or set GITHUB_TOKEN (60/hour without one)'}.`,
      };
    },
  },
  {
    matches: (a) => isLimitStatus(a) && (a.headers['retry-after'] !== undefined || /secondary rate/i.test(a.detail)),
    explain: (a) => ({
      detail: 'secondary rate limit',
      hint: `GitHub asks to wait ${a.headers['retry-after'] ?? '60'} s; the previous snapshot was kept. Avoid running several syncs at once.`,
    }),
  },
  {
    matches: (a) => a.status === 403,
    explain: (a) => ({ hint: `The token may not read issues of ${a.context.repository}: it needs "issues: read" (and "metadata: read").` }),
  },
  {
    matches: (a) => a.status === 404,
    explain: (a) => ({
      hint: `Repository ${a.context.repository} was not found, or the token can't see it: check GITHUB_REPOSITORY / "repository" in status.yml and the token's access.`,
    }),
  },
  {
    matches: (a) => a.status >= 500,
    explain: () => ({ hint: 'GitHub failed even after retries; the next scheduled run will try again. Check https://www.githubstatus.com.' }),
  },
];

const FALLBACK_RULE: AnswerRule = { matches: () => true, explain: () => ({ hint: 'Unexpected answer from GitHub; the previous snapshot was kept.' }) };

function isTimeout(error: RequestErrorLike, cause: unknown): boolean {
  const names = [error, cause].map((e) => (e instanceof Error ? e.name : ''));
  return names.includes('TimeoutError') || /aborted due to timeout/i.test(error.message);
}

/** A 2xx whose body is not the JSON we asked for (octokit hands back the raw text then). */
export function malformedResponse(endpoint: string, expected: string): GitHubError {
  return new GitHubError(
    endpoint,
    'malformed',
    `expected ${expected}, got something else (invalid JSON?)`,
    'GitHub sent a broken answer; the next scheduled run will try again.',
  );
}

/**
 * The one octokit the sync uses: retries 5xx and timeouts (plugin-retry), waits out short rate
 * limits and gives up on long ones (plugin-throttling), never waits forever (a per-request
 * timeout), and counts what it spends.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

const SyncOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof SyncOctokit>;

export const DEFAULT_API_URL = 'https://api.github.com';

export interface RateLimit {
  limit: number;
  remaining: number;
  /** Unix time (seconds) at which `remaining` goes back to `limit`. */
  reset: number;
}

/** What the run cost, read from every HTTP exchange (retries included). */
export interface RequestStats {
  requests: number;
  /** 304 answers: GitHub does not count them against the rate limit. */
  notModified: number;
  /** From the latest response's x-ratelimit-* headers. */
  rateLimit: RateLimit | null;
}

export interface ClientOptions {
  /** GITHUB_TOKEN; without it requests are anonymous (60/hour). */
  token?: string | undefined;
  /** GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  baseUrl?: string | undefined;
  /** Per request, covering headers and body. */
  timeoutMs: number;
  /** Retries of a 5xx or a timed-out request. */
  retries: number;
  /** Backoff unit: the n-th retry waits n² × this. */
  retryBaseMs: number;
  /** A rate limit that resets sooner than this is waited out; a later one fails the run. */
  maxRateLimitWaitSeconds: number;
  warn: (message: string) => void;
  /** One line per HTTP exchange, when SITREP_DEBUG is set. */
  debug?: ((message: string) => void) | undefined;
  /**
   * plugin-throttling's own pacing (writes 1–3 s apart, per GitHub's secondary-limit advice).
   * On by default; tests against the local server turn it off unless they are about rate limits.
   */
  throttle?: boolean | undefined;
}

/** 304 and friends must be rebuilt without a body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * fetch with a deadline that covers the body too: the body is read here, under the same signal,
 * so a response that sends headers and then stalls times out instead of hanging the run.
 */
function createCountingFetch(options: ClientOptions, stats: RequestStats): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    stats.requests++;
    const response = await fetch(input, { ...init, signal });
    const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
    if (response.status === 304) stats.notModified++;
    const limit = Number(response.headers.get('x-ratelimit-limit'));
    const remaining = response.headers.get('x-ratelimit-remaining');
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (remaining !== null && Number.isFinite(limit)) stats.rateLimit = { limit, remaining: Number(remaining), reset };
    options.debug?.(`${init?.method ?? 'GET'} ${response.url} → ${response.status} (rate limit left: ${remaining ?? '?'})`);
    const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(copy, 'url', { value: response.url });
    return copy;
  };
}

export function createGitHubClient(options: ClientOptions): { octokit: GitHubClient; stats: RequestStats } {
  const stats: RequestStats = { requests: 0, notModified: 0, rateLimit: null };
  const quiet = (message: string) => options.debug?.(message);
  const maxWait = options.maxRateLimitWaitSeconds;
  const wait = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    if (retryAfter > maxWait || retryCount >= 2) return false;
    options.warn(`${kind} on ${request.method} ${request.url}: waiting ${retryAfter} s, then retrying`);
    return true;
  };
  const octokit = new SyncOctokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: (options.baseUrl || DEFAULT_API_URL).replace(/\/+$/, ''),
    userAgent: 'sitrep',
    request: { fetch: createCountingFetch(options, stats) },
    // plugin-retry's default list lacks 429, so it would retry a secondary limit on its own backoff
    // before plugin-throttling could honour `retry-after`: leave 429 to plugin-throttling.
    retry: { retries: options.retries, retryAfterBaseValue: options.retryBaseMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      enabled: options.throttle ?? CLIENT_DEFAULTS.throttle,
      onRateLimit: wait('Rate limit'),
      onSecondaryRateLimit: wait('Secondary rate limit'),
    },
    // plugin-request-log reports every failed attempt with log.error, retries included ("500 with
    // id UNKNOWN" for a refused connection): the sync reports the final error itself.
    log: { debug: quiet, info: quiet, warn: options.warn, error: quiet },
  });
  return { octokit, stats };
}

/** Options shared by every command that talks to GitHub; unset ones take the defaults below. */
export interface ClientDefaultsOptions {
  token?: string | undefined;
  apiUrl?: string | undefined;
  timeoutMs?: number;
  retries?: number;
  retryBaseMs?: number;
  maxRateLimitWaitSeconds?: number;
  warn?: (message: string) => void;
  debug?: ((message: string) => void) | undefined;
  /** false only in tests that are not about rate limits (see ClientOptions.throttle). */
  throttle?: boolean | undefined;
}

/** sitrep's defaults, in one place: 15 s per request, 3 retries from 1 s, rate limits under 60 s waited out, throttling on. */
export const CLIENT_DEFAULTS = { timeoutMs: 15_000, retries: 3, retryBaseMs: 1000, maxRateLimitWaitSeconds: 60, throttle: true } as const;

/** The client with CLIENT_DEFAULTS for every option left unset. */
export function createClientWithDefaults(options: ClientDefaultsOptions): { octokit: GitHubClient; stats: RequestStats; timeoutMs: number } {
  const timeoutMs = options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs;
  const { octokit, stats } = createGitHubClient({
    token: options.token,
    baseUrl: options.apiUrl,
    timeoutMs,
    retries: options.retries ?? CLIENT_DEFAULTS.retries,
    retryBaseMs: options.retryBaseMs ?? CLIENT_DEFAULTS.retryBaseMs,
    maxRateLimitWaitSeconds: options.maxRateLimitWaitSeconds ?? CLIENT_DEFAULTS.maxRateLimitWaitSeconds,
    warn: options.warn ?? (() => {}),
    debug: options.debug,
    throttle: options.throttle ?? CLIENT_DEFAULTS.throttle,
  });
  return { octokit, stats, timeoutMs };
}

/**
 * Runs every monitor's check: bounded concurrency, each attempt under its own deadline, failed
 * checks retried within the run (after 2 s and 10 s by default — injectable, so tests never wait),
 * and one control request to the GitHub API that tells a broken runner network from an outage.
 */
import type { GitHubClient } from '../github/client.ts';
import type { CheckResult } from '../lib/monitor/result.ts';
import type { ControlResult } from '../lib/monitor/state.ts';
import type { MonitorConfig } from '../lib/schema/monitors.ts';
import { type Attempt, checkHttpOnce, resolveHeaders } from './http-check.ts';
import { describeNetworkError } from './network-error.ts';
import { checkNpmOnce } from './npm-check.ts';
import { checkWorkflowOnce } from './workflow-check.ts';

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [2_000, 10_000];
export const DEFAULT_CONCURRENCY = 8;
/** npm and workflow checks have no timeout of their own in the config. */
export const DEFAULT_CHECK_TIMEOUT_MS = 30_000;

export interface RunChecksOptions {
  octokit: GitHubClient;
  /** Host of the GitHub API, for the inconclusive rule. */
  apiHost: string;
  env: NodeJS.ProcessEnv;
  now: Date;
  concurrency?: number;
  /** Waits before the 2nd, 3rd… attempt of a failed check. */
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  /** Deadline of one npm or workflow attempt. */
  checkTimeoutMs?: number;
}

/** A check whose setup is broken (a header's variable is unset) is left out of the run, not failed. */
export interface SkippedCheck {
  readonly id: string;
  readonly why: string;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms`, so an attempt that ignores its abort signal still cannot hang the run. */
function withDeadline(attempt: Promise<Attempt>, ms: number, host: string): Promise<Attempt> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Attempt>((resolve) => {
    timer = setTimeout(
      () => resolve({ outcome: 'failed', reason: 'timeout', detail: `no answer within ${Math.round(ms / 1000)} s`, latencyMs: null, host }),
      ms,
    );
  });
  return Promise.race([attempt, deadline]).finally(() => clearTimeout(timer));
}

function attemptOnce(monitor: MonitorConfig, options: RunChecksOptions, headers: Record<string, string>): Promise<Attempt> {
  const timeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const { http, workflow, npm } = monitor;
  if (http) return withDeadline(checkHttpOnce(http, headers), http.timeoutSeconds * 1000 + 2_000, new URL(http.url).host);
  if (workflow) return withDeadline(checkWorkflowOnce(workflow, options.octokit, options.apiHost, options.now), timeoutMs + 2_000, options.apiHost);
  if (npm) return withDeadline(checkNpmOnce(npm, timeoutMs), timeoutMs + 2_000, new URL(npm.registry).host);
  throw new Error(`monitor ${monitor.id} has no kind (the config schema should have refused it)`);
}

/** One monitor: first attempt, then a retry after each delay while it fails. Slow answers are not retried. */
export async function checkMonitor(monitor: MonitorConfig, options: RunChecksOptions): Promise<CheckResult | SkippedCheck> {
  let headers: Record<string, string> = {};
  if (monitor.http) {
    const resolved = resolveHeaders(monitor.http, options.env);
    if (resolved.missing.length > 0) return { id: monitor.id, why: `environment variable ${resolved.missing.join(', ')} is not set (named in its headers)` };
    headers = resolved.headers;
  }
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sleep = options.sleep ?? realSleep;
  let attempts = 1;
  let result = await attemptOnce(monitor, options, headers);
  for (const delay of delays) {
    if (result.outcome !== 'failed') break;
    await sleep(delay);
    attempts++;
    result = await attemptOnce(monitor, options, headers);
  }
  return { ...result, attempts };
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** The control request: GitHub's rate-limit endpoint (free, and the API the run needs anyway). */
export async function controlRequest(octokit: GitHubClient): Promise<ControlResult> {
  try {
    await octokit.request('GET /rate_limit');
    return { ok: true, detail: 'GitHub API answered' };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && (error as { response?: unknown }).response) return { ok: status < 500, detail: `GitHub API answered HTTP ${status}` };
    return { ok: false, detail: describeNetworkError(error).detail };
  }
}

export interface ChecksOutcome {
  control: ControlResult;
  results: Map<string, CheckResult>;
  skipped: SkippedCheck[];
}

export async function runChecks(monitors: readonly MonitorConfig[], options: RunChecksOptions): Promise<ChecksOutcome> {
  const [control, outcomes] = await Promise.all([
    controlRequest(options.octokit),
    mapBounded(monitors, options.concurrency ?? DEFAULT_CONCURRENCY, (m) => checkMonitor(m, options)),
  ]);
  const results = new Map<string, CheckResult>();
  const skipped: SkippedCheck[] = [];
  monitors.forEach((monitor, i) => {
    const outcome = outcomes[i];
    if (outcome && 'why' in outcome) skipped.push(outcome);
    else if (outcome) results.set(monitor.id, outcome);
  });
  return { control, results, skipped };
}

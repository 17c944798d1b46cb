/**
 * What one check of one monitor found, and the rules that turn raw facts (a status code, a body,
 * a network error code, a list of workflow runs, an integrity comparison) into ok / slow / failed
 * with a reason. Pure: the checks in src/monitor/ do the I/O and ask these functions.
 */
import type { HttpCheck } from '../schema/monitors.ts';

/** Why a check failed. The first four are connection-level: the network, not the service, may be at fault. */
export const FAILURE_REASONS = [
  'dns',
  'connect',
  'tls',
  'timeout',
  'http-status',
  'missing-text',
  'run-conclusion',
  'no-recent-success',
  'integrity',
  'error',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export const CONNECTION_REASONS: ReadonlySet<FailureReason> = new Set(['dns', 'connect', 'tls', 'timeout']);

export type Outcome = 'ok' | 'slow' | 'failed';

export interface CheckResult {
  readonly outcome: Outcome;
  /** Set when failed. */
  readonly reason?: FailureReason | undefined;
  /** One line for people: `HTTP 500`, `connection refused`, `latest run on main: failure`. */
  readonly detail: string;
  /** Response time of the last attempt that got an answer. */
  readonly latencyMs: number | null;
  /** HTTP status of the last answer, if any. */
  readonly httpStatus?: number | undefined;
  /** Host the check talked to (for the inconclusive rule). */
  readonly host: string;
  /** Attempts made within the run (1 + retries). */
  readonly attempts: number;
  /** A link to the evidence (the failed workflow run). */
  readonly evidenceUrl?: string | undefined;
}

/** Whether `status` is an expected answer: the configured code(s), else 200–399. */
export function isExpectedStatus(status: number, expected: HttpCheck['expectedStatus']): boolean {
  if (expected === undefined) return status >= 200 && status <= 399;
  return (Array.isArray(expected) ? expected : [expected]).includes(status);
}

export interface HttpAnswer {
  readonly status: number;
  /** null for HEAD. */
  readonly body: string | null;
  readonly latencyMs: number;
}

/** An HTTP answer judged against the monitor's expectations; `host` and `attempts` are filled in by the caller. */
export function classifyHttpAnswer(answer: HttpAnswer, check: HttpCheck): Omit<CheckResult, 'host' | 'attempts'> {
  const base = { latencyMs: answer.latencyMs, httpStatus: answer.status };
  if (!isExpectedStatus(answer.status, check.expectedStatus)) return { ...base, outcome: 'failed', reason: 'http-status', detail: `HTTP ${answer.status}` };
  if (check.contains !== undefined && !(answer.body ?? '').includes(check.contains))
    return { ...base, outcome: 'failed', reason: 'missing-text', detail: `HTTP ${answer.status} without the text "${check.contains}"` };
  if (check.slowAfterMs !== undefined && answer.latencyMs > check.slowAfterMs)
    return { ...base, outcome: 'slow', detail: `answered in ${answer.latencyMs} ms (slow after ${check.slowAfterMs} ms)` };
  return { ...base, outcome: 'ok', detail: `HTTP ${answer.status} in ${answer.latencyMs} ms` };
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_OSSL|HOSTNAME_MISMATCH)/;

/** A network error code (`ECONNREFUSED`, `ENOTFOUND`, an undici or TLS code, or an abort name) → reason and words. */
export function classifyNetworkError(code: string | undefined): { reason: FailureReason; detail: string } {
  const c = code ?? '';
  if (c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME' || c === 'EAI_FAIL') return { reason: 'dns', detail: `DNS lookup failed (${c})` };
  if (
    c === 'TimeoutError' ||
    c === 'AbortError' ||
    c === 'ETIMEDOUT' ||
    c === 'UND_ERR_CONNECT_TIMEOUT' ||
    c === 'UND_ERR_HEADERS_TIMEOUT' ||
    c === 'UND_ERR_BODY_TIMEOUT'
  )
    return { reason: 'timeout', detail: 'timed out' };
  if (TLS_CODE.test(c)) return { reason: 'tls', detail: `TLS error (${c})` };
  if (c === 'ECONNREFUSED') return { reason: 'connect', detail: 'connection refused' };
  if (c === 'ECONNRESET' || c === 'EPIPE' || c === 'UND_ERR_SOCKET') return { reason: 'connect', detail: `connection reset (${c})` };
  if (c === 'EHOSTUNREACH' || c === 'ENETUNREACH' || c === 'EHOSTDOWN' || c === 'ENETDOWN') return { reason: 'connect', detail: `host unreachable (${c})` };
  return { reason: 'error', detail: c ? `request failed (${c})` : 'request failed' };
}

/** One workflow run as the Actions API lists it (only the fields the rule needs). */
export interface WorkflowRunFacts {
  readonly status: string;
  /** success, failure, timed_out, cancelled, skipped, neutral, action_required, startup_failure, stale… */
  readonly conclusion: string | null;
  /** When it was last updated (finished, for a completed run). */
  readonly updatedAt: string;
  readonly url: string;
}

const FAILED_CONCLUSIONS = new Set(['failure', 'timed_out', 'cancelled', 'startup_failure']);

/**
 * Fails when the latest completed run failed, timed out or was cancelled, or when no run succeeded
 * within `maxAgeHours` (a scheduled job that silently stopped is an outage too). `runs` newest first.
 */
export function classifyWorkflowRuns(
  runs: readonly WorkflowRunFacts[],
  branch: string,
  maxAgeHours: number | undefined,
  now: Date,
): Pick<CheckResult, 'outcome' | 'reason' | 'detail' | 'evidenceUrl'> {
  const completed = runs.filter((r) => r.status === 'completed' && r.conclusion !== 'skipped' && r.conclusion !== 'neutral');
  const latest = completed[0];
  if (latest && latest.conclusion !== null && FAILED_CONCLUSIONS.has(latest.conclusion))
    return { outcome: 'failed', reason: 'run-conclusion', detail: `latest run on ${branch}: ${latest.conclusion}`, evidenceUrl: latest.url };
  if (maxAgeHours !== undefined) {
    const success = completed.find((r) => r.conclusion === 'success');
    const ageHours = success ? (now.getTime() - Date.parse(success.updatedAt)) / 3_600_000 : Number.POSITIVE_INFINITY;
    if (ageHours > maxAgeHours)
      return {
        outcome: 'failed',
        reason: 'no-recent-success',
        detail: success
          ? `no successful run on ${branch} for ${Math.floor(ageHours)} h (limit ${maxAgeHours} h)`
          : `no successful run on ${branch} (limit ${maxAgeHours} h)`,
        evidenceUrl: success?.url,
      };
  }
  if (!latest) return { outcome: 'ok', detail: `no completed run on ${branch} yet` };
  return { outcome: 'ok', detail: `latest run on ${branch}: ${latest.conclusion}`, evidenceUrl: latest.url };
}

/** A short key of what is wrong, so a change (slow → failed, a new error) is noticed once. */
export function failureSignature(result: Pick<CheckResult, 'outcome' | 'reason' | 'httpStatus'>): string {
  if (result.outcome !== 'failed') return result.outcome;
  return result.reason === 'http-status' ? `failed:http-${result.httpStatus ?? '?'}` : `failed:${result.reason ?? 'error'}`;
}

/** Nearest-rank percentile of `values` (unsorted); null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

/** The digests of a downloaded tarball, computed at the edge. */
export interface TarballDigests {
  readonly sha512Base64: string;
  readonly sha1Hex: string;
}

/**
 * Whether a tarball matches what the registry published: `dist.integrity` (SRI, sha512 preferred)
 * when present, else the legacy `dist.shasum`. No published digest at all is a failure too.
 */
export function verifyTarballIntegrity(
  dist: { integrity?: string | undefined; shasum?: string | undefined },
  digests: TarballDigests,
): { ok: boolean; detail: string } {
  const sri = (dist.integrity ?? '').split(/\s+/).filter((s) => s.startsWith('sha512-'));
  if (sri.length > 0) {
    const ok = sri.some((s) => s.slice('sha512-'.length) === digests.sha512Base64);
    return { ok, detail: ok ? 'sha512 integrity matches' : 'tarball does not match its published sha512 integrity' };
  }
  if (dist.shasum) {
    const ok = dist.shasum.toLowerCase() === digests.sha1Hex;
    return { ok, detail: ok ? 'sha1 shasum matches' : 'tarball does not match its published shasum' };
  }
  return { ok: false, detail: 'the registry published no integrity or shasum for the tarball' };
}

/**
 * Reading what went wrong from a thrown fetch/octokit error: Node's fetch throws
 * `TypeError('fetch failed')` with the socket error as `cause` (`ECONNREFUSED`, `ENOTFOUND`, a TLS
 * code, undici's `UND_ERR_CONNECT_TIMEOUT`); an AbortSignal.timeout rejects with a `TimeoutError`.
 */
import { classifyNetworkError, type FailureReason } from '../lib/monitor/result.ts';

/** The most specific error code in the cause chain. */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  let found: string | undefined;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = current as { name?: unknown; code?: unknown; cause?: unknown };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return e.name;
    if (typeof e.code === 'string') found = e.code;
    current = e.cause;
  }
  return found;
}

export function describeNetworkError(error: unknown): { reason: FailureReason; detail: string } {
  return classifyNetworkError(errorCode(error));
}

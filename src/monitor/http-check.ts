/** One attempt of an `http` monitor: a real request under its own deadline (body included). */
import { type CheckResult, classifyHttpAnswer } from '../lib/monitor/result.ts';
import type { HttpCheck } from '../lib/schema/monitors.ts';
import { describeNetworkError } from './network-error.ts';

export type Attempt = Omit<CheckResult, 'attempts'>;

/** Header values from the environment variables the config names; a missing one is an error in the setup, not an outage. */
export function resolveHeaders(check: HttpCheck, env: NodeJS.ProcessEnv): { headers: Record<string, string>; missing: string[] } {
  const headers: Record<string, string> = { 'user-agent': 'sitrep-monitor' };
  const missing: string[] = [];
  for (const [name, variable] of Object.entries(check.headers)) {
    const value = env[variable];
    if (value === undefined || value === '') missing.push(variable);
    else headers[name] = value;
  }
  return { headers, missing };
}

export async function checkHttpOnce(check: HttpCheck, headers: Record<string, string>): Promise<Attempt> {
  const host = new URL(check.url).host;
  const started = performance.now();
  try {
    const signal = AbortSignal.timeout(check.timeoutSeconds * 1000);
    const response = await fetch(check.url, { method: check.method, headers, redirect: 'follow', signal });
    // Read the body under the same deadline: a server that sends headers and stalls times out.
    const body = check.method === 'HEAD' ? null : await response.text();
    const latencyMs = Math.round(performance.now() - started);
    return { ...classifyHttpAnswer({ status: response.status, body, latencyMs }, check), host };
  } catch (error) {
    const { reason, detail } = describeNetworkError(error);
    return { outcome: 'failed', reason, detail: reason === 'timeout' ? `timed out after ${check.timeoutSeconds} s` : detail, latencyMs: null, host };
  }
}

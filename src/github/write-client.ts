/**
 * The client of the commands that write (announce, labels): the sync's octokit — retries, rate
 * limits waited out when short, a timeout per request — with the sync's defaults.
 */
import { createGitHubClient, type GitHubClient, type RequestStats } from './client.ts';

export interface WriteClientOptions {
  token?: string | undefined;
  apiUrl?: string | undefined;
  timeoutMs?: number;
  retries?: number;
  retryBaseMs?: number;
  maxRateLimitWaitSeconds?: number;
  warn?: (message: string) => void;
}

export function createWriteClient(options: WriteClientOptions): { octokit: GitHubClient; stats: RequestStats; timeoutMs: number } {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const { octokit, stats } = createGitHubClient({
    token: options.token,
    baseUrl: options.apiUrl,
    timeoutMs,
    retries: options.retries ?? 3,
    retryBaseMs: options.retryBaseMs ?? 1000,
    maxRateLimitWaitSeconds: options.maxRateLimitWaitSeconds ?? 60,
    warn: options.warn ?? (() => {}),
  });
  return { octokit, stats, timeoutMs };
}

/**
 * One POST of JSON to a chat webhook, with a deadline that covers the answer's body too, so a
 * receiver that accepts and then stalls cannot hold the run. Errors never repeat the URL: a
 * webhook URL is a secret (its path is the credential), so only the host is named.
 */
export interface PostResult {
  readonly ok: boolean;
  /** `HTTP 500 from hooks.slack.com`, `timed out after 10 s (hooks.slack.com)`. */
  readonly error?: string;
}

export async function postJson(url: string, body: unknown, timeoutMs: number, fetcher: typeof fetch = fetch): Promise<PostResult> {
  let host = 'the webhook';
  try {
    host = new URL(url).host;
  } catch {
    return { ok: false, error: 'the URL is not valid' };
  }
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'sitrep' },
      body: JSON.stringify(body),
      signal,
      redirect: 'error',
    });
    const text = await response.text();
    if (response.ok) return { ok: true };
    return { ok: false, error: `HTTP ${response.status} from ${host}${text ? `: ${text.slice(0, 200).replace(/\s+/g, ' ')}` : ''}` };
  } catch (error) {
    if (signal.aborted) return { ok: false, error: `timed out after ${Math.round(timeoutMs / 1000)} s (${host})` };
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return { ok: false, error: `${cause} (${host})` };
  }
}

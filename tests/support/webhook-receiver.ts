/**
 * A chat-webhook receiver on 127.0.0.1 for notify tests: records every request (path, headers,
 * parsed JSON body) and answers as told — 200 (what Slack, Discord's `?wait=false` and ntfy
 * answer), a failure status, or never (a hanging receiver, released on close).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Date.now() when the request's body was complete. */
  at: number;
}

export type ReceiverMode = { kind: 'ok' } | { kind: 'status'; status: number } | { kind: 'hang' };

export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  mode: ReceiverMode = { kind: 'ok' };
  url = '';
  private server: Server | null = null;
  private readonly hung = new Set<ServerResponse>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Kept as text: a test asserting JSON then fails on it.
        }
        this.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, at: Date.now() });
        if (this.mode.kind === 'hang') {
          this.hung.add(res);
          return;
        }
        const status = this.mode.kind === 'status' ? this.mode.status : 200;
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status === 200 ? 'ok' : 'invalid_payload');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Bodies received so far. */
  bodies<T = Record<string, unknown>>(): T[] {
    return this.received.map((r) => r.body as T);
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export async function startReceiver(): Promise<WebhookReceiver> {
  return new WebhookReceiver().start();
}

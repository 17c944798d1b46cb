/**
 * Serves a built `dist/` the way GitHub Pages serves a project site: under a sub-path (`/repo/`),
 * `dir/` answered by `dir/index.html`, `dir` (no slash) redirected with a 301 to `dir/`, anything
 * else answered by the site's `404.html` with status 404, text gzipped when the client accepts it.
 * node:http on 127.0.0.1, random port.
 *
 * `resolveSitePath` is the same mapping without a server, so a link checker can ask "does this
 * URL resolve?" exactly as the server would answer it. Every request is logged.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export type SitePathResolution =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'missing' };

/** `/repo`, `/repo/` or `/` → `/repo/` or `/`. */
export function normaliseBase(base: string): string {
  const trimmed = `/${base.replace(/^\/+|\/+$/g, '')}/`;
  return trimmed === '//' ? '/' : trimmed;
}

/** How the server answers `pathname` (already without query and fragment). */
export function resolveSitePath(root: string, base: string, pathname: string): SitePathResolution {
  const prefix = normaliseBase(base);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'missing' };
  }
  if (`${decoded}/` === prefix) return { kind: 'redirect', location: prefix };
  if (!decoded.startsWith(prefix)) return { kind: 'missing' };
  const relative = decoded.slice(prefix.length);
  const target = path.resolve(root, relative);
  // Refuse `..` escapes out of the site folder.
  if (target !== path.resolve(root) && !target.startsWith(path.resolve(root) + path.sep)) return { kind: 'missing' };
  if (!existsSync(target)) return { kind: 'missing' };
  if (statSync(target).isDirectory()) {
    if (!decoded.endsWith('/')) return { kind: 'redirect', location: `${pathname}/` };
    const index = path.join(target, 'index.html');
    return existsSync(index) ? { kind: 'file', file: index } : { kind: 'missing' };
  }
  return { kind: 'file', file: target };
}

export interface ServedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface StaticServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** The site's home: origin + base, ending in `/`. */
  readonly url: string;
  readonly base: string;
  readonly requests: readonly ServedRequest[];
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** The built site folder (Astro's outDir). */
  readonly root: string;
  /** The sub-path the site was built for (`import.meta.env.BASE_URL`). */
  readonly base: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /**
   * Answer `/` with a redirect to the base (`npm start`: a browser opened at the bare address
   * lands on the site, not on a 404). Off by default: on GitHub Pages the root of a project
   * site's host is someone else's page, and the tests serve what Pages serves.
   */
  readonly redirectRoot?: boolean;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const base = normaliseBase(options.base);
  const requests: ServedRequest[] = [];
  const notFoundPage = path.join(options.root, '404.html');

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, headers: Record<string, string>, body: Buffer | string): void => {
      requests.push({ method, path: pathname, status });
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(method === 'HEAD' ? undefined : body);
    };
    if (method !== 'GET' && method !== 'HEAD') return send(405, { allow: 'GET, HEAD' }, '');
    // 302, not 301: a browser keeps a permanent redirect of 127.0.0.1:4321/ for every later project.
    if (options.redirectRoot && pathname === '/' && base !== '/')
      return send(
        302,
        { location: base, 'content-type': 'text/html; charset=utf-8' },
        `<!doctype html><title>Moved</title><p>The site is at <a href="${base}">${base}</a>.</p>\n`,
      );
    const found = resolveSitePath(options.root, base, pathname);
    if (found.kind === 'redirect') return send(301, { location: found.location }, '');
    if (found.kind === 'file') {
      const type = CONTENT_TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
      const body = readFileSync(found.file);
      // GitHub Pages compresses text; so do we, so transfer sizes and Lighthouse see the same.
      if (/^(text\/|application\/(json|xml|rss|atom|manifest)|image\/svg)/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        return send(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' }, gzipSync(body));
      }
      return send(200, { 'content-type': type }, body);
    }
    const body = existsSync(notFoundPage) ? readFileSync(notFoundPage) : 'Not found';
    return send(404, { 'content-type': 'text/html; charset=utf-8' }, body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${base}`,
    base,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

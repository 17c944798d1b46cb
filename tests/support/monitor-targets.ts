/**
 * Real servers on 127.0.0.1 for monitor tests: an HTTP target with up, 500, slow, hanging and
 * wrong-body routes, and a fake npm registry serving real gzipped tarballs built here (ustar
 * headers, as `npm pack` writes them) with their real sha512 integrity and sha1 shasum.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface TargetServer {
  url: string;
  /** Every request, as `METHOD /path`. */
  log: string[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export async function startServer(handler: Handler): Promise<TargetServer> {
  const log: string[] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    open.add(res);
    res.on('close', () => open.delete(res));
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Routes: /up (200 "Welcome"), /500, /slow?ms=N, /hang (headers never sent), /stall (headers, then nothing), /wrong-body, /flaky?fail=N (N failures, then 200). */
export function startTargetServer(): Promise<TargetServer> {
  const flaky = new Map<string, number>();
  return startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    switch (url.pathname) {
      case '/up':
        return send(200, '<h1>Welcome to Example</h1>');
      case '/500':
        return send(500, 'Internal Server Error');
      case '/slow':
        return void setTimeout(() => send(200, '<h1>Welcome, slowly</h1>'), Number(url.searchParams.get('ms') ?? 500));
      case '/hang':
        return;
      case '/stall':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<h1>Wel');
        return;
      case '/wrong-body':
        return send(200, '<h1>Domain for sale</h1>');
      case '/flaky': {
        const key = url.searchParams.toString();
        const seen = (flaky.get(key) ?? 0) + 1;
        flaky.set(key, seen);
        return seen <= Number(url.searchParams.get('fail') ?? 1) ? send(503, 'busy') : send(200, 'Welcome back');
      }
      default:
        return send(404, 'not found');
    }
  });
}

/** A tar archive (ustar) of `files`, gzipped: a real npm tarball. */
export function makeTarball(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const content = Buffer.from(text);
    const header = Buffer.alloc(512);
    header.write(name, 0, 100, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write(
      `${Math.floor(Date.UTC(2026, 0, 1) / 1000)
        .toString(8)
        .padStart(11, '0')}\0`,
      136,
    );
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

export interface FakePackage {
  name: string;
  version: string;
  tarball: Buffer;
  /** Publish a wrong integrity (a corrupted upload or a tampered mirror). */
  corruptIntegrity?: boolean;
  /** Publish only the legacy sha1 shasum. */
  shasumOnly?: boolean;
  /** The tarball answers 404 (unpublished files). */
  tarballMissing?: boolean;
}

/** The npm registry API's packument and tarball routes for `packages`. */
export function startNpmRegistry(packages: FakePackage[]): Promise<TargetServer & { packages: FakePackage[] }> {
  let base = '';
  const server = startServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    const tarballOf = packages.find((p) => path === `${p.name}/-/${p.name.split('/').pop()}-${p.version}.tgz`);
    if (tarballOf) {
      if (tarballOf.tarballMissing) {
        res.writeHead(404).end('{"error":"not found"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tarballOf.tarball);
      return;
    }
    const pkg = packages.find((p) => p.name === path);
    if (!pkg) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    const integrity = `sha512-${createHash('sha512')
      .update(pkg.corruptIntegrity ? Buffer.from('something else') : pkg.tarball)
      .digest('base64')}`;
    const shasum = createHash('sha1').update(pkg.tarball).digest('hex');
    const dist = {
      tarball: `${base}/${pkg.name}/-/${pkg.name.split('/').pop()}-${pkg.version}.tgz`,
      ...(pkg.shasumOnly ? {} : { integrity }),
      shasum,
    };
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(
        JSON.stringify({ name: pkg.name, 'dist-tags': { latest: pkg.version }, versions: { [pkg.version]: { name: pkg.name, version: pkg.version, dist } } }),
      );
  });
  return server.then((s) => {
    base = s.url;
    return Object.assign(s, { packages });
  });
}

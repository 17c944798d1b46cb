/**
 * `npm start` end to end: the real script builds a fixture whose site has a base path (a project
 * page, `/status-sub/`), serves it on a free port and prints the URL; `/` redirects to the base
 * instead of answering 404. The process is killed with its whole group (tsx and its node child).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { startStaticServer } from '../../scripts/lib/site/static-server.ts';
import { parseHtml, text } from '../support/build.ts';
import { CONFIG_INPUT, issue, snapshot } from '../support/records.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts `tsx scripts/start.ts` in its own process group and resolves with the URL it prints. */
function startSite(env: NodeJS.ProcessEnv): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /serving the status site at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before serving:\n${output}`)));
  });
  return { child, url, output: () => output };
}

function stopSite(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  return exited;
}

describe('npm start with a base path', () => {
  let started: ReturnType<typeof startSite>;
  let url: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-start-'));
    mkdirSync(path.join(dir, 'postmortems'));
    writeFileSync(path.join(dir, 'status.yml'), stringify({ ...CONFIG_INPUT, site: 'https://acme.github.io/status-sub' }));
    writeFileSync(
      path.join(dir, 'snapshot.json'),
      JSON.stringify(snapshot([issue({ number: 7, title: 'Installs fail', labels: ['incident', 'P1', 'component:cli'] })])),
    );
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'] };
    Object.assign(env, {
      SITREP_CONFIG: path.join(dir, 'status.yml'),
      SITREP_SNAPSHOT: path.join(dir, 'snapshot.json'),
      SITREP_POSTMORTEMS: path.join(dir, 'postmortems'),
      SITREP_OUT_DIR: path.join(dir, 'dist'),
      SITREP_NOW: '2026-11-21T12:00:00Z',
      ASTRO_TELEMETRY_DISABLED: '1',
      PORT: '0',
    });
    started = startSite(env);
    url = await started.url;
  });
  afterAll(async () => {
    if (started) await stopSite(started.child);
  });

  test('prints the site URL on the free port it got, under the base', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:(?!0\/)\d+\/status-sub\/$/);
  });

  test('`/` redirects to the base (temporarily), and following it shows the status page', async () => {
    const origin = new URL(url).origin;
    const bare = await fetch(`${origin}/`, { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/status-sub/');
    const followed = await fetch(`${origin}/`);
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(url);
    const doc = parseHtml(await followed.text());
    expect(text(doc.querySelector('h1'))).toBe('Acme status');
    expect(doc.querySelector('[data-incident="7"]')).not.toBeNull();
  });

  test('the rest is served as GitHub Pages serves it: the base without a slash redirects, a missing page is the site’s 404', async () => {
    const origin = new URL(url).origin;
    const noSlash = await fetch(`${origin}/status-sub`, { redirect: 'manual' });
    expect(noSlash.status).toBe(301);
    expect(noSlash.headers.get('location')).toBe('/status-sub/');
    const missing = await fetch(`${origin}/status-sub/no/such/page/`);
    expect(missing.status).toBe(404);
    expect(text(parseHtml(await missing.text()).querySelector('h1'))).toBe('Page not found');
    expect((await fetch(`${origin}/elsewhere/`)).status).toBe(404);
    expect((await fetch(`${origin}/status-sub/incidents/7/`)).status).toBe(200);
  });
});

describe('the static server’s root redirect', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-root-'));
  writeFileSync(path.join(dir, 'index.html'), '<h1>home</h1>');
  writeFileSync(path.join(dir, '404.html'), '<h1>Page not found</h1>');

  test.each([
    { base: '/repo', redirectRoot: true, status: 302, location: '/repo/' },
    // As GitHub Pages: the host's root is not the project's page.
    { base: '/repo', redirectRoot: false, status: 404, location: null },
    // A site at the root: `/` is its home page, nothing to redirect.
    { base: '/', redirectRoot: true, status: 200, location: null },
  ])('base $base, redirectRoot $redirectRoot: `/` answers $status', async ({ base, redirectRoot, status, location }) => {
    const server = await startStaticServer({ root: dir, base, redirectRoot });
    try {
      const response = await fetch(`${server.origin}/`, { redirect: 'manual' });
      expect(response.status).toBe(status);
      expect(response.headers.get('location')).toBe(location);
    } finally {
      await server.close();
    }
  });
});

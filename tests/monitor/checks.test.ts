/**
 * The checks against real servers on 127.0.0.1: an HTTP target, a fake npm registry with real
 * tarballs, and the test GitHub server's Actions routes. Retry delays are injected (recorded,
 * not waited), so nothing here waits on a backoff.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClientWithDefaults } from '../../src/github/client.ts';
import { MonitorSchema } from '../../src/lib/schema/monitors.ts';
import { checkMonitor, controlRequest, mapBounded, type RunChecksOptions, runChecks } from '../../src/monitor/run-checks.ts';
import { addRun } from '../support/github-monitor-routes.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';
import { makeTarball, startNpmRegistry, startTargetServer, type TargetServer } from '../support/monitor-targets.ts';

let target: TargetServer;
let registry: Awaited<ReturnType<typeof startNpmRegistry>>;
let github: GitHubTestServer;
let refusedUrl: string;
const NOW = new Date('2026-03-02T12:00:00Z');

beforeAll(async () => {
  target = await startTargetServer();
  const tarball = makeTarball({ 'package/package.json': '{"name":"@example/cli","version":"1.2.3"}', 'package/index.js': 'export {};\n' });
  registry = await startNpmRegistry([
    { name: '@example/cli', version: '1.2.3', tarball },
    { name: 'plain', version: '0.1.0', tarball, shasumOnly: true },
    { name: 'corrupt', version: '2.0.0', tarball, corruptIntegrity: true },
    { name: 'gone', version: '3.0.0', tarball, tarballMissing: true },
  ]);
  github = await startGitHubServer();
  const repo = github.repo('example/project');
  addRun(repo, 'release.yml', { conclusion: 'success', at: '2026-03-02T08:00:00Z' });
  addRun(repo, 'nightly.yml', { conclusion: 'success', at: '2026-02-20T08:00:00Z' });
  addRun(repo, 'ci.yml', { conclusion: 'success', at: '2026-03-02T08:00:00Z' });
  addRun(repo, 'ci.yml', { conclusion: 'failure', at: '2026-03-02T09:00:00Z' });
  addRun(repo, 'ci.yml', { conclusion: 'success', at: '2026-03-02T10:00:00Z', branch: 'feature' });
  // A port nothing listens on: take one and release it.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  refusedUrl = `http://127.0.0.1:${port}/`;
});

afterAll(async () => {
  await Promise.all([target?.close(), registry?.close(), github?.close()]);
});

function options(extra: Partial<RunChecksOptions> = {}): RunChecksOptions & { waited: number[] } {
  const waited: number[] = [];
  const { octokit } = createClientWithDefaults({ apiUrl: github.url, token: 't', retries: 0, throttle: false, timeoutMs: 5_000 });
  return {
    octokit,
    apiHost: new URL(github.url).host,
    env: { STATUS_TOKEN: 'sekrit' },
    now: NOW,
    retryDelaysMs: [2_000, 10_000],
    sleep: async (ms) => void waited.push(ms),
    checkTimeoutMs: 3_000,
    waited,
    ...extra,
  };
}

/** The fields a row asserts; `reason` is present (possibly undefined) so rows can say "no reason". */
function summary(result: Awaited<ReturnType<typeof checkMonitor>>) {
  if ('why' in result) throw new Error(`skipped: ${result.why}`);
  return { outcome: result.outcome, reason: result.reason, attempts: result.attempts, host: result.host };
}

const monitor = (spec: Record<string, unknown>) => MonitorSchema.parse({ id: 'm', name: 'M', component: 'website', ...spec });

describe('http checks against a real server', () => {
  test.each([
    { name: 'up', http: { path: '/up', contains: 'Welcome' }, outcome: 'ok', reason: undefined, attempts: 1 },
    { name: 'HEAD', http: { path: '/up', method: 'HEAD' }, outcome: 'ok', reason: undefined, attempts: 1 },
    { name: '500', http: { path: '/500' }, outcome: 'failed', reason: 'http-status', attempts: 3 },
    { name: 'wrong body', http: { path: '/wrong-body', contains: 'Welcome' }, outcome: 'failed', reason: 'missing-text', attempts: 3 },
    { name: 'slow', http: { path: '/slow?ms=300', slowAfterMs: 100 }, outcome: 'slow', reason: undefined, attempts: 1 },
    { name: 'hanging', http: { path: '/hang', timeoutSeconds: 0.3 }, outcome: 'failed', reason: 'timeout', attempts: 3 },
    { name: 'stalled body', http: { path: '/stall', timeoutSeconds: 0.3 }, outcome: 'failed', reason: 'timeout', attempts: 3 },
    { name: '404 expected', http: { path: '/nothing', expectedStatus: 404 }, outcome: 'ok', reason: undefined, attempts: 1 },
  ])('$name → $outcome', async ({ http, outcome, reason, attempts }) => {
    const { path, ...rest } = http;
    const opts = options();
    const result = await checkMonitor(monitor({ http: { url: `${target.url}${path}`, ...rest } }), opts);
    expect(summary(result)).toEqual({ outcome, reason, attempts, host: new URL(target.url).host });
    expect(opts.waited).toEqual([2_000, 10_000].slice(0, attempts - 1));
  });

  test('refused connection', async () => {
    const result = await checkMonitor(monitor({ http: { url: refusedUrl } }), options());
    expect(result).toMatchObject({ outcome: 'failed', reason: 'connect', detail: 'connection refused', attempts: 3 });
  });

  test('a failure that clears on retry counts as ok, after one wait', async () => {
    const opts = options();
    const result = await checkMonitor(monitor({ http: { url: `${target.url}/flaky?fail=1&k=${Math.random()}` } }), opts);
    expect(result).toMatchObject({ outcome: 'ok', attempts: 2 });
    expect(opts.waited).toEqual([2_000]);
  });

  test('headers come from the environment variables the config names', async () => {
    const seen: string[] = [];
    const { startServer } = await import('../support/monitor-targets.ts');
    const echo = await startServer((req, res) => {
      seen.push(String(req.headers['authorization']));
      res.writeHead(200).end('ok');
    });
    try {
      const m = monitor({ http: { url: `${echo.url}/`, headers: { Authorization: 'STATUS_TOKEN' } } });
      expect(await checkMonitor(m, options())).toMatchObject({ outcome: 'ok' });
      expect(seen).toEqual(['sekrit']);
      expect(await checkMonitor(m, options({ env: {} }))).toMatchObject({ why: expect.stringContaining('STATUS_TOKEN is not set') });
      expect(seen).toHaveLength(1);
    } finally {
      await echo.close();
    }
  });
});

describe('npm checks against a fake registry', () => {
  test.each([
    { name: 'scoped package, sha512', pkg: '@example/cli', outcome: 'ok', reason: undefined },
    { name: 'shasum only', pkg: 'plain', outcome: 'ok', reason: undefined },
    { name: 'integrity mismatch', pkg: 'corrupt', outcome: 'failed', reason: 'integrity' },
    { name: 'tarball missing', pkg: 'gone', outcome: 'failed', reason: 'http-status' },
    { name: 'unknown package', pkg: 'nope', outcome: 'failed', reason: 'http-status' },
  ])('$name → $outcome', async ({ pkg, outcome, reason }) => {
    const result = await checkMonitor(monitor({ npm: { package: pkg, registry: registry.url } }), options({ retryDelaysMs: [] }));
    expect(summary(result)).toMatchObject({ outcome, reason });
  });

  test('an unknown tag fails', async () => {
    const result = await checkMonitor(monitor({ npm: { package: 'plain', tag: 'next', registry: registry.url } }), options({ retryDelaysMs: [] }));
    expect(result).toMatchObject({ outcome: 'failed', detail: 'no version tagged "next"' });
  });
});

describe('workflow checks against the test GitHub server', () => {
  test.each([
    { name: 'latest run succeeded', wf: { workflow: 'release.yml', branch: 'main' }, outcome: 'ok', reason: undefined },
    { name: 'latest run on main failed', wf: { workflow: 'ci.yml', branch: 'main' }, outcome: 'failed', reason: 'run-conclusion' },
    { name: 'other branches do not count', wf: { workflow: 'ci.yml', branch: 'feature' }, outcome: 'ok', reason: undefined },
    { name: 'a schedule that stopped', wf: { workflow: 'nightly.yml', branch: 'main', maxAgeHours: 48 }, outcome: 'failed', reason: 'no-recent-success' },
    { name: 'unknown workflow', wf: { workflow: 'nope.yml', branch: 'main' }, outcome: 'failed', reason: 'http-status' },
  ])('$name → $outcome', async ({ wf, outcome, reason }) => {
    const result = await checkMonitor(monitor({ workflow: { repository: 'example/project', ...wf } }), options({ retryDelaysMs: [] }));
    expect(summary(result)).toMatchObject({ outcome, reason, host: new URL(github.url).host });
    if (reason === 'run-conclusion') expect(result).toMatchObject({ evidenceUrl: expect.stringMatching(/\/actions\/runs\/\d+$/) });
  });
});

describe('the run', () => {
  test('control request: the API answering is ok, a refused connection is not', async () => {
    expect((await controlRequest(options().octokit)).ok).toBe(true);
    const { octokit } = createClientWithDefaults({ apiUrl: refusedUrl, token: 't', retries: 0, throttle: false, timeoutMs: 2_000 });
    expect(await controlRequest(octokit)).toMatchObject({ ok: false });
  });

  test('bounded concurrency keeps the order and never exceeds the limit', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapBounded([...Array(20).keys()], 3, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return i * 2;
    });
    expect(peak).toBe(3);
    expect(out).toEqual([...Array(20).keys()].map((i) => i * 2));
  });

  test('runChecks: every monitor gets a result, no run hangs', async () => {
    const monitors = [
      monitor({ id: 'a', http: { url: `${target.url}/up` } }),
      monitor({ id: 'b', http: { url: `${target.url}/hang`, timeoutSeconds: 0.2 } }),
      monitor({ id: 'c', npm: { package: 'plain', registry: registry.url } }),
    ];
    const outcome = await runChecks(monitors, options({ retryDelaysMs: [] }));
    expect(outcome.control.ok).toBe(true);
    expect([...outcome.results.entries()].map(([id, r]) => [id, r.outcome])).toEqual([
      ['a', 'ok'],
      ['b', 'failed'],
      ['c', 'ok'],
    ]);
  });
});

/**
 * Faults: the sync retries what is worth retrying, waits out short rate limits, and otherwise
 * fails cleanly — a message naming endpoint, status and remedy, and the previous snapshot
 * byte-identical.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { GitHubError } from '../../src/github/errors.ts';
import { seedIncidents } from '../support/github-fixtures.ts';
import type { FakeGitHubRepo } from '../support/github-repo.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';
import { readSnapshot, snapshotBytes, syncCli as syncCliUnthrottled, syncInProcess as syncUnthrottled, useSyncFixture, type Workspace } from './harness.ts';

// Faults and rate limits are what plugin-throttling handles: keep it on in this file.
const syncInProcess: typeof syncUnthrottled = (server, ws, overrides = {}) => syncUnthrottled(server, ws, { throttle: true, ...overrides });
const syncCli: typeof syncCliUnthrottled = (server, ws, args = [], env = {}) =>
  syncCliUnthrottled(server, ws, args, { SITREP_GITHUB_THROTTLE: undefined, ...env });

const fixture = useSyncFixture();
let server: GitHubTestServer;
let repo: FakeGitHubRepo;
let ws: Workspace;
let before: string | null;

beforeEach(async () => {
  ({ server, repo, ws } = fixture);
  seedIncidents(repo, 3, { open: 1 });
  await syncInProcess(server, ws);
  repo.comment(3, 'maintainer-mia', 'An update that the next run should pick up.');
  before = snapshotBytes(ws);
  server.clearLog();
});

const isChanges = (_method: string, path: string) => path === '/repos/acme/widgets/issues';

async function expectFailure(promise: Promise<unknown>): Promise<GitHubError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubError);
  expect(snapshotBytes(ws)).toBe(before);
  expect(readdirSync(ws.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  return error as GitHubError;
}

describe('retried', () => {
  test('502 then success', async () => {
    server.injectFault({ kind: 'status', status: 502 }, { match: isChanges });
    const summary = await syncInProcess(server, ws);
    expect(
      server.log
        .filter((e) => isChanges(e.method, e.path))
        .map((e) => e.status)
        .slice(0, 2),
    ).toEqual([502, 200]);
    expect(summary.issues.changed).toBe(1);
    expect(readSnapshot(ws).records.find((r) => r.number === 3)?.comments).toHaveLength(2);
  });

  test('a hung request times out and is retried', async () => {
    server.injectFault({ kind: 'hang' }, { match: isChanges });
    const summary = await syncInProcess(server, ws, { timeoutMs: 300 });
    expect(summary.issues.changed).toBe(1);
    expect(
      server.log
        .filter((e) => isChanges(e.method, e.path))
        .map((e) => e.status)
        .slice(0, 2),
    ).toEqual([0, 200]);
  });

  test.each([403, 429] as const)('secondary rate limit %i with retry-after: 1 is waited out', async (status) => {
    server.injectFault({ kind: 'secondary-limit', retryAfter: 1, status }, { match: isChanges });
    const started = performance.now();
    const summary = await syncInProcess(server, ws);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(summary.logged.warnings.join('\n')).toMatch(/Secondary rate limit .* waiting 1 s/);
    expect(summary.issues.changed).toBe(1);
  });
});

describe('fails cleanly, snapshot unchanged', () => {
  test('primary rate limit with the reset an hour away: gives up at once, says when it resets', async () => {
    server.injectFault({ kind: 'primary-limit', resetInSeconds: 3600 }, { times: 10 });
    const started = performance.now();
    const error = await expectFailure(syncInProcess(server, ws));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(error.status).toBe(403);
    expect(error.endpoint).toMatch(/^GET \/repos\/acme\/widgets\/issues\?/);
    const [, hh, mm] = /resets at (\d\d):(\d\d) UTC/.exec(error.message) ?? [];
    const inAnHour = new Date(Date.now() + 3600_000);
    const minutes = Math.abs(Number(hh) * 60 + Number(mm) - (inAnHour.getUTCHours() * 60 + inAnHour.getUTCMinutes()));
    expect(Math.min(minutes, 1440 - minutes)).toBeLessThanOrEqual(1);
  });

  test('secondary rate limit asking for a long wait: gives up instead of waiting', async () => {
    server.injectFault({ kind: 'secondary-limit', retryAfter: 120 }, { times: 10 });
    const error = await expectFailure(syncInProcess(server, ws));
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/secondary rate limit\nGitHub asks to wait 120 s/);
    expect(server.log).toHaveLength(1);
  });

  test('a request that always hangs: fails with a timeout, within bounded time', async () => {
    server.injectFault({ kind: 'hang' }, { times: 10, match: isChanges });
    const started = performance.now();
    const error = await expectFailure(syncInProcess(server, ws, { timeoutMs: 300, retries: 2 }));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(error.status).toBe('timeout');
    expect(error.message).toMatch(/no answer within 0.3 s/);
    expect(server.log.filter((e) => isChanges(e.method, e.path))).toHaveLength(3);
  });

  test('malformed JSON', async () => {
    server.injectFault({ kind: 'malformed' }, { match: isChanges });
    const error = await expectFailure(syncInProcess(server, ws));
    expect(error.status).toBe('malformed');
    expect(error.message).toMatch(/GET \/repos\/acme\/widgets\/issues\?.* → malformed: expected a list of issues/);
  });

  test('5xx that does not go away', async () => {
    server.injectFault({ kind: 'status', status: 503 }, { times: 10 });
    const error = await expectFailure(syncInProcess(server, ws));
    expect(error.status).toBe(503);
    expect(error.hint).toMatch(/githubstatus/);
    expect(server.log).toHaveLength(3); // 1 + 2 retries
  });
});

describe('the command', () => {
  test('prints a summary; --json prints the same as JSON', async () => {
    const human = await syncCli(server, ws);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Synced acme\/widgets \(incremental\)/);
    expect(human.stdout).toMatch(/issues: 3 in snapshot, 1 seen, 1 changed, 0 removed/);
    expect(human.stdout).toMatch(/requests: \d+ made, \d+ not modified \(304\), \d+ counted/);
    expect(human.stdout).toMatch(/rate limit: [\d,]+\/5,000 left, resets \d\d:\d\d UTC; took [\d.]+ s/);

    const json = await syncCli(server, ws, ['--json']);
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(summary).toMatchObject({ ok: true, repository: 'acme/widgets', mode: 'incremental', issues: { tracked: 3, changed: 0 }, requests: { counted: 0 } });
    expect(summary.requests.notModified).toBe(summary.requests.total);
    expect(summary.rateLimit).toMatchObject({ limit: 5000 });
    expect(typeof summary.durationMs).toBe('number');
  });

  test('primary rate limit: exit 1, stderr names endpoint, status and reset time', async () => {
    server.injectFault({ kind: 'primary-limit', resetInSeconds: 3600 }, { times: 10 });
    const result = await syncCli(server, ws);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sitrep sync failed: GET \/repos\/acme\/widgets\/issues\?.* → 403: rate limit of 1000 requests\/hour used up/);
    expect(result.stderr).toMatch(/The rate limit resets at \d\d:\d\d UTC/);
    expect(result.stderr).toMatch(/previous snapshot .* unchanged/);
    expect(snapshotBytes(ws)).toBe(before);
  });

  test('a bad token: exit 1 and says so', async () => {
    server.injectFault({ kind: 'status', status: 401 }, { times: 10 });
    const result = await syncCli(server, ws, ['--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/→ 401: .*\nGITHUB_TOKEN is invalid or expired/);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { kind: 'GitHubError', status: 401 } });
    expect(snapshotBytes(ws)).toBe(before);
  });

  test('repository not found: exit 1 and says which and why', async () => {
    const result = await syncCli(server, ws, [], { GITHUB_REPOSITORY: 'acme/nope', SITREP_SNAPSHOT: `${ws.dir}/other.json` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/GET \/repos\/acme\/nope\/issues.* → 404: Not Found\nRepository acme\/nope was not found, or the token can't see it/);
  });

  test('GitHub Enterprise Server: GITHUB_API_URL with /api/v3, pagination keeps the prefix', async () => {
    seedIncidents(repo, 120, { open: 0, commentsEach: 0 });
    const result = await syncCli(server, ws, ['--full'], { GITHUB_API_URL: `${server.url}/api/v3` });
    expect(result.code).toBe(0);
    expect(readSnapshot(ws).records).toHaveLength(123);
    expect(server.log.some((e) => e.query['labels'] === 'incident' && e.query['page'] === '2')).toBe(true);
  });

  test('an unreadable previous snapshot is replaced by a full sync, with a warning', async () => {
    writeFileSync(ws.snapshotPath, '{ not json');
    const result = await syncCli(server, ws);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: .*is not valid JSON.*\nStarting over with a full sync/);
    expect(result.stdout).toMatch(/full: previous snapshot unreadable/);
    expect(readSnapshot(ws).records).toHaveLength(3);
  });
});

describe('budget', () => {
  test('a first sync larger than the rate limit defers the rest and finishes on the next run', async () => {
    const big = await startGitHubServer({ rateLimit: 60 });
    const bigRepo = big.repo('acme/widgets');
    bigRepo.setPermission('maintainer-mia', 'admin');
    seedIncidents(bigRepo, 40, { open: 1, commentsEach: 1 });
    const fresh = { ...ws, snapshotPath: `${ws.dir}/big.json` };
    // The per-issue REST path (2 requests an issue), so that 40 issues exceed 60 requests; the
    // batched path's own budget test is in batched.test.ts.
    const perIssue = { budgetReserve: 10, batchFrom: Number.POSITIVE_INFINITY };
    try {
      const first = await syncInProcess(big, fresh, perIssue);
      expect(first.issues.deferred).toBeGreaterThan(0);
      expect(first.issues.tracked + first.issues.deferred).toBe(40);
      expect(first.logged.warnings.join('\n')).toMatch(/wait for the next run/);
      expect(readSnapshot(fresh).sync?.reconciledAt).toBeUndefined();
      // Since issue #15 the cut run records what is left, and the next run resumes there.
      expect(readSnapshot(fresh).sync?.resume?.pending).toHaveLength(first.issues.deferred);

      big.rate.core.remaining = 60; // the hour is over
      const second = await syncInProcess(big, fresh, perIssue);
      expect(second).toMatchObject({
        mode: 'incremental',
        issues: { tracked: 40, deferred: 0, changed: first.issues.deferred, resumed: first.issues.deferred },
      });
      expect(readSnapshot(fresh).sync?.reconciledAt).toBeDefined();
      expect(readSnapshot(fresh).sync?.resume).toBeUndefined();

      // An incremental run short of budget: the deferred issues come back in the next run.
      for (const n of [3, 5, 7, 9]) bigRepo.comment(n, 'maintainer-mia', 'late detail');
      big.rate.core.remaining = 10; // the since listing takes 1; the open listings answer 304
      const third = await syncInProcess(big, fresh, perIssue);
      expect(third).toMatchObject({ mode: 'incremental', issues: { changed: 0, deferred: 4 } });
      expect(
        readSnapshot(fresh)
          .sync?.resume?.pending.map((p) => p.number)
          .sort((a, b) => a - b),
      ).toEqual([3, 5, 7, 9]);
      big.rate.core.remaining = 60;
      const fourth = await syncInProcess(big, fresh, perIssue);
      expect(fourth).toMatchObject({ mode: 'incremental', issues: { changed: 4, deferred: 0, resumed: 4 } });
      expect(
        readSnapshot(fresh)
          .records.find((r) => r.number === 9)
          ?.comments.at(-1)?.body,
      ).toBe('late detail');
    } finally {
      await big.close();
    }
  });
});

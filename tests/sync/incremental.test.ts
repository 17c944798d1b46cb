/**
 * The sync against the test server: first sync of a long history, then incremental runs.
 * Each scenario asserts the snapshot and the server's request log (what was asked, what it cost).
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { incidentBody, PEOPLE, seedIncidents } from '../support/github-fixtures.ts';
import type { FakeGitHubRepo } from '../support/github-repo.ts';
import type { GitHubTestServer, RequestLogEntry } from '../support/github-server.ts';
import { readSnapshot, recordOf, syncInProcess, useSyncFixture, type Workspace } from './harness.ts';

const fixture = useSyncFixture();
let server: GitHubTestServer;
let repo: FakeGitHubRepo;
let ws: Workspace;

beforeEach(async () => {
  ({ server, repo, ws } = fixture);
});

const paths = (entries: readonly RequestLogEntry[]) => entries.map((e) => `${e.method} ${e.path}`);
const detailPaths = (entries: readonly RequestLogEntry[]) => paths(entries).filter((p) => /\/issues\/\d+\/(comments|events)$/.test(p));

/** Runs a sync and returns the log of just that run. */
async function sync(overrides: Parameters<typeof syncInProcess>[2] = {}) {
  server.clearLog();
  const summary = await syncInProcess(server, ws, overrides);
  return { summary, log: [...server.log] };
}

describe('first sync', () => {
  test('lists 250 incidents in 3 pages via Link, fetches their comments and events, records trust', async () => {
    seedIncidents(repo, 250, { open: 2, commentsEach: 1 });
    const { summary, log } = await sync();

    const incidentPages = log.filter((e) => e.path === '/repos/acme/widgets/issues' && e.query['labels'] === 'incident' && e.query['state'] === 'all');
    expect(incidentPages.map((e) => [e.query['per_page'], e.query['page'] ?? '1', e.status])).toEqual([
      ['100', '1', 200],
      ['100', '2', 200],
      ['100', '3', 200],
    ]);
    const snapshot = readSnapshot(ws);
    expect(snapshot.records).toHaveLength(250);
    expect(snapshot.records.map((r) => r.number)).toEqual([...Array(250).keys()].map((i) => 250 - i));
    const newest = snapshot.records[0]!;
    expect(newest).toMatchObject({
      state: 'open',
      labels: ['incident', 'P1', 'component:cli'],
      author: { login: PEOPLE.admin, trusted: true },
      isPullRequest: false,
    });
    expect(newest.comments).toHaveLength(1);
    expect(newest.events.map((e) => `${e.type}:${e.label ?? ''}`)).toEqual(['labeled:incident', 'labeled:P1', 'labeled:component:cli']);
    const closed = snapshot.records[5]!;
    expect(closed.events.at(-1)).toMatchObject({ type: 'closed', stateReason: 'completed', actor: { login: PEOPLE.admin, trusted: true } });
    expect(closed).toMatchObject({ state: 'closed', stateReason: 'completed' });

    // Batched (issue #15): 3 GraphQL requests of up to 100 issues, not 500 REST requests.
    expect(detailPaths(log)).toHaveLength(0);
    expect(log.filter((e) => e.operation === 'query nodes')).toHaveLength(3);
    expect(log.filter((e) => e.path.endsWith('/permission')).map((e) => e.path)).toEqual([`/repos/acme/widgets/collaborators/${PEOPLE.admin}/permission`]);
    expect(summary).toMatchObject({ mode: 'full', fullReason: 'first sync', issues: { tracked: 250, changed: 250, removed: 0, deferred: 0 } });
    expect(summary.requests.total).toBe(log.length);
    expect(snapshot.sync?.permissions[PEOPLE.admin]?.permission).toBe('admin');
    expect(snapshot.sync?.highWaterMark).toBe(new Date(server.clock.ms).toISOString());
    expect(summary.logged.progress.some((line) => /250 issues|page 3|200 so far/.test(line))).toBe(true);
  });
});

describe('incremental runs', () => {
  beforeEach(async () => {
    seedIncidents(repo, 5, { open: 2, commentsEach: 2 });
    await sync();
  });

  test('nothing changed: at most 2 counted requests, then none at all', async () => {
    const second = await sync();
    expect(server.counted(second.log)).toBeLessThanOrEqual(2);
    expect(detailPaths(second.log)).toEqual([]);
    const changes = second.log.find((e) => e.query['since'] !== undefined);
    expect(changes).toMatchObject({ path: '/repos/acme/widgets/issues', query: { state: 'all', sort: 'updated', direction: 'desc' } });

    const third = await sync();
    expect(server.counted(third.log)).toBe(0);
    expect(third.log.every((e) => e.conditional && e.status === 304)).toBe(true);
    expect(third.summary).toMatchObject({ mode: 'incremental', issues: { tracked: 5, changed: 0 }, requests: { counted: 0 } });
    expect(third.summary.requests.notModified).toBe(third.log.length);
  });

  test('an edited issue: only that issue is refetched', async () => {
    await sync();
    repo.editIssue(2, { title: 'CLI installs fail on Windows', body: incidentBody('Only on Windows.') });
    const { log, summary } = await sync();
    expect(recordOf(ws, 2)).toMatchObject({ title: 'CLI installs fail on Windows', body: expect.stringContaining('Only on Windows.') });
    expect(detailPaths(log)).toEqual(['GET /repos/acme/widgets/issues/2/comments', 'GET /repos/acme/widgets/issues/2/events']);
    expect(server.counted(log)).toBeLessThanOrEqual(5);
    expect(summary.issues).toMatchObject({ changed: 1, tracked: 5 });
  });

  test('a new comment is added, oldest first, with its author trusted', async () => {
    repo.comment(4, PEOPLE.writer, 'Fixed in 1.2.3, monitoring.');
    const { log } = await sync();
    const record = recordOf(ws, 4)!;
    expect(record.comments.map((c) => c.body)).toEqual(['Update 1: investigating.', 'Update 2: investigating.', 'Fixed in 1.2.3, monitoring.']);
    expect(record.comments.at(-1)?.author).toEqual({ login: PEOPLE.writer, trusted: true });
    expect(detailPaths(log)).toEqual(['GET /repos/acme/widgets/issues/4/comments', 'GET /repos/acme/widgets/issues/4/events']);
  });

  test('a label change is recorded; removing the incident label drops the issue', async () => {
    repo.addLabel(5, 'monitoring', PEOPLE.maintainer);
    repo.removeLabel(3, 'incident', PEOPLE.admin);
    await sync();
    const record = recordOf(ws, 5)!;
    expect(record.labels).toContain('monitoring');
    expect(record.events.at(-1)).toMatchObject({ type: 'labeled', label: 'monitoring', actor: { login: PEOPLE.maintainer, trusted: true } });
    expect(recordOf(ws, 3)).toBeUndefined();
    expect(readSnapshot(ws).records.map((r) => r.number)).toEqual([5, 4, 2, 1]);
  });
});

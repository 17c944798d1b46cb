/**
 * The batched sync (issue #15, item 1): comments and timeline events of up to 100 issues per
 * GraphQL request, the per-issue REST path only for issues with more than a page, a budget cut
 * resumed where it stopped, and GraphQL's errors reported like REST's.
 */
import { describe, expect, test } from 'vitest';
import { GitHubError } from '../../src/github/errors.ts';
import type { IssueRecord } from '../../src/lib/schema/snapshot.ts';
import { PEOPLE, seedIncidents } from '../support/github-fixtures.ts';
import { issueNodesQuery } from '../support/github-graphql-issues.ts';
import type { GitHubTestServer } from '../support/github-server.ts';
import { createWorkspace, readSnapshot, snapshotBytes, syncInProcess, useSyncFixture } from './harness.ts';

const fixture = useSyncFixture();
const graphqlRequests = (server: GitHubTestServer) => server.log.filter((e) => e.operation === 'query nodes');
const restDetails = (server: GitHubTestServer) => server.log.filter((e) => /\/issues\/\d+\/(comments|events)$/.test(e.path));
/** Event ids differ by source (REST ids; GraphQL has none, so timeline positions): compare the rest. */
const withoutEventIds = (records: IssueRecord[]) => records.map((r) => ({ ...r, events: r.events.map(({ id: _id, ...e }) => e) }));

/** A varied history: every event type the snapshot keeps, outsiders, a deleted account, renames. */
function seedVariedHistory(server: GitHubTestServer): void {
  const repo = server.repo('acme/widgets');
  seedIncidents(repo, 40, { open: 3, commentsEach: 2 });
  repo.comment(40, PEOPLE.outsider, 'Me too!');
  repo.comment(39, null, 'From a deleted account');
  repo.assign(40, PEOPLE.writer);
  repo.editIssue(38, { title: 'Renamed: CLI installs fail on Windows' });
  repo.reopen(5);
  repo.close(6, PEOPLE.admin, 'not_planned');
  repo.removeLabel(7, 'P1');
  repo.addLabel(8, 'P1', PEOPLE.triager);
  repo.addIssue({ title: 'Planned upgrade', labels: ['maintenance'], user: PEOPLE.writer, body: 'Window: tomorrow' });
  repo.addIssue({ title: 'Not tracked', labels: ['question'], user: PEOPLE.outsider });
  // An outsider's report whose body a maintainer rewrote, and one the outsider edited again.
  const report = repo.addIssue({ title: 'Outsider report', labels: ['incident'], user: PEOPLE.outsider, body: 'It is all down!!' }).number;
  repo.editIssue(report, { body: 'CLI installs fail on Windows.' }, PEOPLE.admin);
  const other = repo.addIssue({ title: 'Another report', labels: ['incident'], user: PEOPLE.outsider, body: 'Broken' }).number;
  repo.editIssue(other, { body: 'Broken, see https://evil.example' }, PEOPLE.outsider);
}

describe('batched sync', () => {
  test('the same records as the per-issue REST path, in one GraphQL request per 100 issues', async () => {
    const { server, repo, ws } = fixture;
    seedVariedHistory(server);
    seedIncidents(repo, 160, { open: 0, commentsEach: 1 }); // 201 tracked issues in all
    const rest = createWorkspace();
    try {
      const perIssue = await syncInProcess(server, rest, { batchFrom: Number.POSITIVE_INFINITY });
      expect(graphqlRequests(server)).toHaveLength(0);
      const bodyEditRequests = (ops: string[]) => ops.filter((op) => op === 'query userContentEdits').length;
      expect(bodyEditRequests(server.log.map((e) => e.operation ?? ''))).toBe(2);
      server.clearLog();

      const batched = await syncInProcess(server, ws);
      expect(graphqlRequests(server)).toHaveLength(3); // 203 issues: 100 + 100 + 3
      expect(restDetails(server)).toEqual([]);
      expect(bodyEditRequests(server.log.map((e) => e.operation ?? ''))).toBe(0); // they came in the batches
      expect(batched.issues).toMatchObject({ tracked: 203, changed: 203, deferred: 0 });
      expect(batched.requests.counted).toBeLessThan(perIssue.requests.counted / 20);
      expect(withoutEventIds(readSnapshot(ws).records)).toEqual(withoutEventIds(readSnapshot(rest).records));
      expect(
        readSnapshot(ws)
          .records.find((r) => r.title === 'Outsider report')
          ?.bodyEdits?.map((e) => e.editor),
      ).toEqual([
        { login: PEOPLE.outsider, trusted: false },
        { login: PEOPLE.admin, trusted: true },
      ]);
      // Same-second events keep GitHub's order: three labels at creation.
      const first = readSnapshot(ws).records.find((r) => r.number === 1);
      expect(first?.events.slice(0, 3).map((e) => e.label)).toEqual(['incident', 'P1', 'component:cli']);

      // Nothing changed: the incremental path's ETag economy holds (then nothing counted at all).
      server.clearLog();
      const again = await syncInProcess(server, ws);
      expect(again.mode).toBe('incremental');
      expect(server.counted()).toBeLessThanOrEqual(2);
      expect(graphqlRequests(server)).toHaveLength(0);
    } finally {
      rest.cleanup();
    }
  });

  test('an issue with more than a page of comments or events is fetched through REST, alone', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 12, { open: 2, commentsEach: 1 });
    for (let c = 0; c < 150; c++) repo.comment(4, c % 2 ? PEOPLE.admin : PEOPLE.outsider, `Comment ${c}`);
    for (let e = 0; e < 60; e++) {
      repo.removeLabel(9, 'P1');
      repo.addLabel(9, 'P1');
    }
    await syncInProcess(server, ws);
    expect(graphqlRequests(server)).toHaveLength(1);
    expect([...new Set(restDetails(server).map((e) => e.path))].sort()).toEqual([
      '/repos/acme/widgets/issues/4/comments',
      '/repos/acme/widgets/issues/4/events',
      '/repos/acme/widgets/issues/9/comments',
      '/repos/acme/widgets/issues/9/events',
    ]);
    const records = readSnapshot(ws).records;
    expect(records.find((r) => r.number === 4)?.comments).toHaveLength(151);
    expect(records.find((r) => r.number === 9)?.events.filter((e) => e.type === 'labeled')).toHaveLength(63);
    expect(records.find((r) => r.number === 4)?.comments.find((c) => c.body === 'Comment 0')?.author).toEqual({ login: PEOPLE.outsider, trusted: false });
  });

  test('a budget cut resumes where it stopped, without listing again', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 90, { open: 2, commentsEach: 1 });
    // 6 listings (a page per tracked label, all and open) leave 52: three batches of 20, then the reserve.
    server.rate.core.remaining = 58;
    const first = await syncInProcess(server, ws, { budgetReserve: 50, batchSize: 20 });
    expect(first.mode).toBe('full');
    expect(first.issues).toMatchObject({ tracked: 60, deferred: 30 });
    expect(first.logged.warnings.join('\n')).toMatch(/wait for the next run/);
    const cut = readSnapshot(ws).sync;
    expect(cut?.resume).toMatchObject({ version: 1, fullReason: 'first sync', startedAt: expect.any(String) });
    expect(cut?.resume?.pending).toHaveLength(first.issues.deferred);
    expect(cut?.reconciledAt).toBeUndefined();

    // Meanwhile one pending issue gets a comment, and one listed issue loses its tracked label.
    const pendingNumber = cut?.resume?.pending[0]?.number ?? 0;
    repo.comment(pendingNumber, PEOPLE.admin, 'Found it');
    server.rate.core.remaining = 5000;
    server.clearLog();
    const second = await syncInProcess(server, ws, { budgetReserve: 50, batchSize: 20 });
    expect(second).toMatchObject({ mode: 'incremental', issues: { tracked: 90, deferred: 0, resumed: first.issues.deferred } });
    // No re-listing: the label listings of a full run are not asked again, only `since`.
    const listings = server.log.filter((e) => e.path === '/repos/acme/widgets/issues' && e.query['state'] === 'all');
    expect(listings.map((e) => e.query['since'] !== undefined)).toEqual([true]);
    const done = readSnapshot(ws);
    expect(done.sync?.resume).toBeUndefined();
    expect(done.sync?.reconciledAt).toBe(cut?.resume?.startedAt);
    expect(done.records.find((r) => r.number === pendingNumber)?.comments.at(-1)?.body).toBe('Found it');
    expect(done.records.every((r) => r.comments.length >= 1)).toBe(true);
  });

  test('an issue deleted between the listing and the batch is asked for, then removed', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 8, { open: 1 });
    server.route('POST', '/graphql', ({ body }) => {
      repo.deleteIssue(3);
      const { query, variables } = body as { query: string; variables: Record<string, unknown> };
      return issueNodesQuery(server, query, variables);
    });
    const summary = await syncInProcess(server, ws);
    expect(summary.issues).toMatchObject({ tracked: 7, removed: 1 });
    expect(server.log.some((e) => e.path === '/repos/acme/widgets/issues/3' && e.status === 410)).toBe(true);
    expect(readSnapshot(ws).records.map((r) => r.number)).not.toContain(3);
  });
});

describe('GraphQL errors, reported like REST errors; the previous snapshot is kept', () => {
  const cases: { name: string; answer: (server: GitHubTestServer) => { status: number; body: unknown; headers?: Record<string, string> }; message: RegExp }[] =
    [
      {
        name: 'partial data with an error that is not a missing node',
        answer: () => ({
          status: 200,
          body: { data: { nodes: [] }, errors: [{ type: 'SERVICE_UNAVAILABLE', path: ['nodes'], message: 'Something went wrong' }] },
        }),
        message: /POST \/graphql → 200: SERVICE_UNAVAILABLE: Something went wrong\nGitHub answered the GraphQL request with an error/,
      },
      {
        name: 'rate limited (GraphQL says so in errors)',
        answer: () => ({ status: 200, body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] } }),
        message: /POST \/graphql \(issueDetails\) → 200: GraphQL rate limit used up .*\nThe rate limit resets at \d\d:\d\d UTC; the previous snapshot was kept/,
      },
      {
        name: 'rate limited (HTTP 403, no requests left)',
        answer: (server) => ({
          status: 403,
          body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/graphql' },
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(server.rate.core.reset) },
        }),
        message: /POST \/graphql → 403: rate limit of 5000 requests\/hour used up\nThe rate limit resets at/,
      },
      {
        name: 'an answer without one node per id',
        answer: () => ({ status: 200, body: { data: { nodes: [null] } } }),
        message: /POST \/graphql \(issueDetails of 6 issues\) → malformed/,
      },
    ];
  test.each(cases)('$name', async ({ answer, message }) => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 6, { open: 1 });
    await syncInProcess(server, ws, { batchFrom: Number.POSITIVE_INFINITY });
    const before = snapshotBytes(ws);
    for (let n = 1; n <= 6; n++) repo.comment(n, PEOPLE.admin, 'Later');
    server.route('POST', '/graphql', (ctx) => answer(ctx.server));
    const error = await syncInProcess(server, ws).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toMatch(message);
    expect(snapshotBytes(ws)).toBe(before);
  });
});

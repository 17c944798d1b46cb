/**
 * Faults that must never turn into "all operational": a sub-resource 404, a token that may not
 * read permissions, a full listing that comes back short. And comment spam that must not cost a
 * full re-read of every comment on each run. Real octokit against the test server.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { GitHubError } from '../../src/github/errors.ts';
import { PEOPLE, seedIncidents } from '../support/github-fixtures.ts';
import { readSnapshot, snapshotBytes, syncInProcess, useSyncFixture } from './harness.ts';

const fixture = useSyncFixture();
const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe('a 404 or 410 on comments or events is an error, not a deletion', () => {
  beforeEach(async () => {
    seedIncidents(fixture.repo, 3, { open: 1 });
    await syncInProcess(fixture.server, fixture.ws);
    fixture.repo.comment(3, PEOPLE.admin, 'Still investigating.');
    fixture.server.clearLog();
  });

  test.each([
    { status: 404, sub: 'comments' },
    { status: 410, sub: 'events' },
  ])('$status on the $sub of an open incident that still exists: the sync fails naming it, the incident stays', async ({ status, sub }) => {
    const { server, ws } = fixture;
    const before = snapshotBytes(ws);
    server.injectFault({ kind: 'status', status }, { times: 5, match: (_m, path) => path === `/repos/acme/widgets/issues/3/${sub}` });
    const error = await failure(syncInProcess(server, ws));
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toMatch(new RegExp(`issues/3/${sub}.* → ${status}: .*issue #3 itself is still there`));
    expect((error as GitHubError).hint).toMatch(/not a deletion/);
    expect(server.log.some((e) => e.path === '/repos/acme/widgets/issues/3' && e.status === 200)).toBe(true);
    expect(snapshotBytes(ws)).toBe(before);
    expect(readSnapshot(ws).records.find((r) => r.number === 3)?.state).toBe('open');
  });

  test('confirmed gone (the issue answers 410 too): removed', async () => {
    const { server, ws } = fixture;
    server.injectFault({ kind: 'status', status: 410 }, { times: 5, match: (_m, path) => path.startsWith('/repos/acme/widgets/issues/3') });
    const summary = await syncInProcess(server, ws);
    expect(summary.issues.removed).toBe(1);
    expect(readSnapshot(ws).records.map((r) => r.number)).toEqual([2, 1]);
  });
});

describe('a token that may not read permissions', () => {
  test('403 from the permission endpoint fails the sync with the missing permission named; cached answers kept', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 2, { open: 1 });
    repo.comment(2, PEOPLE.writer, 'Writer update.');
    await syncInProcess(server, ws);
    const before = snapshotBytes(ws);
    expect(readSnapshot(ws).sync?.permissions[PEOPLE.writer]?.permission).toBe('write');

    repo.comment(2, PEOPLE.maintainer, 'A new person to ask about.');
    server.injectFault({ kind: 'status', status: 403 }, { times: 10, match: (_m, path) => path.includes('/collaborators/') });
    const error = await failure(syncInProcess(server, ws));
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).status).toBe(403);
    expect((error as GitHubError).endpoint).toMatch(/collaborators\/maintain-max\/permission/);
    expect((error as GitHubError).hint).toMatch(/may not read collaborators' permissions on acme\/widgets.*"metadata: read"/);
    expect(snapshotBytes(ws)).toBe(before);
  });

  test('404 (not a collaborator) still means untrusted, and the sync succeeds', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 1, { open: 1 });
    repo.comment(1, PEOPLE.outsider, '+1');
    await syncInProcess(server, ws);
    expect(readSnapshot(ws).sync?.permissions[PEOPLE.outsider]?.permission).toBe('none');
  });
});

describe('a full listing that comes back short', () => {
  beforeEach(async () => {
    seedIncidents(fixture.repo, 12, { open: 2 });
    await syncInProcess(fixture.server, fixture.ws);
    fixture.server.clearLog();
  });
  const isListing = (_m: string, path: string) => path === '/repos/acme/widgets/issues';

  test('an empty first page: nothing is removed, the sync fails naming the listing', async () => {
    const { server, ws } = fixture;
    const before = snapshotBytes(ws);
    server.injectFault({ kind: 'empty-page' }, { match: isListing });
    const error = await failure(syncInProcess(server, ws, { full: true }));
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toMatch(
      /GET \/repos\/acme\/widgets\/issues\?.*labels=.* left out 12 of the 12 tracked issues .* #12 is still there/,
    );
    expect(snapshotBytes(ws)).toBe(before);
    expect(readSnapshot(ws).records).toHaveLength(12);
  });

  test('a real mass removal (labels taken off) goes through after a sampled check', async () => {
    const { server, repo, ws } = fixture;
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) repo.removeLabel(n, 'incident');
    const summary = await syncInProcess(server, ws, { full: true });
    expect(summary.issues.removed).toBe(8);
    expect(readSnapshot(ws).records.map((r) => r.number)).toEqual([12, 11, 10, 9]);
    expect(server.log.filter((e) => /^\/repos\/acme\/widgets\/issues\/\d+$/.test(e.path))).toHaveLength(3);
  });

  test('a few removals are taken as listed, with no extra request', async () => {
    const { server, repo, ws } = fixture;
    for (const n of [1, 2]) repo.removeLabel(n, 'incident');
    const summary = await syncInProcess(server, ws, { full: true });
    expect(summary.issues.removed).toBe(2);
    expect(server.log.filter((e) => /^\/repos\/acme\/widgets\/issues\/\d+$/.test(e.path))).toEqual([]);
  });
});

describe('comment spam on a tracked issue', () => {
  test('only comments since the newest one seen are fetched', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 1, { open: 1, commentsEach: 250 });
    await syncInProcess(server, ws);
    server.clearLog();
    server.clock.tick();
    repo.comment(1, PEOPLE.outsider, 'spam');
    await syncInProcess(server, ws);
    const commentRequests = server.log.filter((e) => e.path === '/repos/acme/widgets/issues/1/comments');
    expect(commentRequests).toHaveLength(1);
    expect(commentRequests[0]?.query['since']).toBeDefined();
    const comments = readSnapshot(ws).records[0]?.comments ?? [];
    expect(comments).toHaveLength(251);
    expect(comments.at(-1)?.body).toBe('spam');
    expect(comments.at(-1)?.author).toEqual({ login: PEOPLE.outsider, trusted: false });
  });

  test('an edited comment is replaced, not duplicated', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 1, { open: 1, commentsEach: 3 });
    await syncInProcess(server, ws);
    server.clock.tick();
    const first = readSnapshot(ws).records[0]?.comments[0];
    repo.editComment(first?.id ?? 0, 'Edited update.');
    await syncInProcess(server, ws);
    const comments = readSnapshot(ws).records[0]?.comments ?? [];
    expect(comments.map((c) => c.body)).toEqual(['Edited update.', 'Update 2: investigating.', 'Update 3: investigating.']);
  });
});

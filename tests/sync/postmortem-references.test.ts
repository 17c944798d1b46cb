/**
 * Post-mortem action items name issues that the sync fetches. That text is untrusted, so what it
 * can cost is bounded: an outsider's post-mortem costs nothing, a published one at most 50
 * lookups once, a number that does not exist is not asked again, and the budget reserve holds.
 */
import { describe, expect, test } from 'vitest';
import { GitHubError } from '../../src/github/errors.ts';
import { MAX_REFERENCES_PER_POSTMORTEM } from '../../src/github/referenced-issues.ts';
import { PEOPLE, seedIncidents } from '../support/github-fixtures.ts';
import { readSnapshot, snapshotBytes, syncInProcess, useSyncFixture } from './harness.ts';

const fixture = useSyncFixture();
const actionItems = (numbers: number[]) => `### Action items\n\n${numbers.map((n) => `- [ ] Follow up #${n}`).join('\n')}`;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const lookups = () => fixture.server.log.filter((e) => /^\/repos\/acme\/widgets\/issues\/\d+$/.test(e.path));

describe('post-mortem action items', () => {
  test("an outsider's post-mortem naming 300 issues costs no lookup", async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 1, { open: 0 });
    repo.addIssue({ title: 'Post-mortem of #1', labels: ['postmortem'], user: PEOPLE.outsider, body: actionItems(range(900, 300)) });
    await syncInProcess(server, ws);
    expect(lookups()).toEqual([]);
    expect(readSnapshot(ws).referencedIssues).toEqual([]);
  });

  test('a published post-mortem: at most 50 lookups, missing numbers remembered, a no-change run costs nothing', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 1, { open: 0 });
    const real = repo.addIssue({ title: 'Add a canary', user: PEOPLE.admin }).number;
    const pm = repo.addIssue({ title: 'Post-mortem of #1', labels: ['postmortem'], user: PEOPLE.admin, body: actionItems([real, ...range(900, 79)]) });
    const first = await syncInProcess(server, ws);
    expect(lookups()).toHaveLength(MAX_REFERENCES_PER_POSTMORTEM);
    expect(first.logged.warnings.join('\n')).toMatch(new RegExp(`Post-mortem #${pm.number} names 80 issues .* only the first 50 are followed`));
    const snapshot = readSnapshot(ws);
    expect(snapshot.referencedIssues.map((r) => r.number)).toEqual([real]);
    expect(snapshot.sync?.missingReferences).toHaveLength(49);

    await syncInProcess(server, ws); // the first incremental run stores the listings' ETags
    server.clearLog();
    await syncInProcess(server, ws);
    expect(server.log.filter((e) => e.counted).map((e) => e.path)).toEqual([]);
    await syncInProcess(server, ws, { full: true });
    expect(lookups().filter((e) => e.counted)).toEqual([]);
  });

  test('a number that comes into existence later is picked up from the listing', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 1, { open: 0 });
    const next = repo.addIssue({ title: 'Post-mortem of #1', labels: ['postmortem'], user: PEOPLE.admin, body: '' }).number + 1;
    repo.editIssue(next - 1, { body: actionItems([next]) });
    await syncInProcess(server, ws);
    expect(readSnapshot(ws).sync?.missingReferences).toEqual([next]);
    expect(repo.addIssue({ title: 'Add a canary', user: PEOPLE.admin }).number).toBe(next);
    await syncInProcess(server, ws);
    expect(readSnapshot(ws).referencedIssues.map((r) => [r.number, r.title])).toEqual([[next, 'Add a canary']]);
    expect(readSnapshot(ws).sync?.missingReferences).toBeUndefined();
  });

  test('lookups stop at the budget reserve and resume on the next run', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 1, { open: 0 });
    const targets = range(0, 20).map(() => repo.addIssue({ title: 'Follow-up', user: PEOPLE.admin }).number);
    repo.addIssue({ title: 'Post-mortem of #1', labels: ['postmortem'], user: PEOPLE.admin, body: actionItems(targets) });
    server.rate.core.remaining = 60;
    const first = await syncInProcess(server, ws, { budgetReserve: 50 });
    expect(server.rate.core.remaining).toBeGreaterThanOrEqual(49);
    expect(lookups().length).toBeLessThan(20);
    expect(first.logged.warnings.join('\n')).toMatch(/budget reserve: \d+ issue\(s\) named by post-mortem action items wait for the next run/);
    server.rate.core.remaining = 5000;
    await syncInProcess(server, ws, { budgetReserve: 50 });
    expect(readSnapshot(ws).referencedIssues).toHaveLength(20);
  });

  test('a failed lookup names the post-mortem that asked for it', async () => {
    const { server, repo, ws } = fixture;
    seedIncidents(repo, 1, { open: 0 });
    const target = repo.addIssue({ title: 'Follow-up', user: PEOPLE.admin }).number;
    const pm = repo.addIssue({ title: 'Post-mortem of #1', labels: ['postmortem'], user: PEOPLE.admin, body: actionItems([target]) });
    server.injectFault({ kind: 'status', status: 503 }, { times: 10, match: (_m, path) => path === `/repos/acme/widgets/issues/${target}` });
    const error = await syncInProcess(server, ws).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toContain(`issue #${target}, named by an action item of post-mortem #${pm.number}`);
    expect(snapshotBytes(ws)).toBeNull();
  });
});

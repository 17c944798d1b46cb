/**
 * Who is trusted, and the ugly shapes GitHub hands out: pull requests in the issue list, deleted
 * accounts, long comment threads, deleted and transferred issues, post-mortem action items.
 */
import { writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { incidentBody, PEOPLE, seedIncidents } from '../support/github-fixtures.ts';
import type { FakeGitHubRepo } from '../support/github-repo.ts';
import type { GitHubTestServer } from '../support/github-server.ts';
import { configYaml, createWorkspace, readSnapshot, recordOf, syncInProcess, useSyncFixture, type Workspace } from './harness.ts';

const fixture = useSyncFixture();
let server: GitHubTestServer;
let repo: FakeGitHubRepo;
let ws: Workspace;

beforeEach(async () => {
  ({ server, repo, ws } = fixture);
  seedIncidents(repo, 3, { open: 1, commentsEach: 1 });
  await syncInProcess(server, ws);
  server.clearLog();
});

const permissionAsks = () => server.log.filter((e) => e.path.endsWith('/permission')).map((e) => e.path.split('/')[5]);

describe('trust', () => {
  test.each([
    { who: 'admin', login: PEOPLE.admin, trusted: true },
    { who: 'write', login: PEOPLE.writer, trusted: true },
    { who: 'maintain (role_name)', login: PEOPLE.maintainer, trusted: true },
    { who: 'triage', login: PEOPLE.triager, trusted: false },
    { who: 'read-only org MEMBER', login: PEOPLE.reader, trusted: false },
    { who: 'no relation (404)', login: PEOPLE.outsider, trusted: false },
  ])('an issue carrying `incident` from a template, opened by $who, is trusted: $trusted', async ({ login, trusted }) => {
    const issue = repo.addIssue({ title: 'Everything is down', body: incidentBody('All of it.'), labels: ['incident'], user: login });
    await syncInProcess(server, ws);
    expect(recordOf(ws, issue.number)?.author).toEqual({ login, trusted });
    expect(recordOf(ws, issue.number)?.events[0]).toMatchObject({ type: 'labeled', label: 'incident', actor: { login, trusted } });
  });

  test('config maintainers are trusted without asking GitHub; answers are cached in the snapshot', async () => {
    const carla = repo.addIssue({ labels: ['incident'], user: PEOPLE.configMaintainer });
    const rita = repo.addIssue({ labels: ['incident'], user: PEOPLE.reader });
    await syncInProcess(server, ws);
    expect(recordOf(ws, carla.number)?.author.trusted).toBe(true);
    expect(permissionAsks()).toEqual([PEOPLE.reader]);
    expect(readSnapshot(ws).sync?.permissions[PEOPLE.reader]).toMatchObject({ permission: 'read' });

    server.clearLog();
    repo.comment(rita.number, PEOPLE.reader, 'Still down for me');
    await syncInProcess(server, ws);
    expect(permissionAsks()).toEqual([]); // cached
  });

  test('permissions are re-checked after a day, and a lost write access shows on old records', async () => {
    const later = new Date(Date.now() + 25 * 3_600_000);
    repo.setPermission(PEOPLE.admin, 'read');
    await syncInProcess(server, ws, { now: () => later });
    expect(permissionAsks()).toEqual([PEOPLE.admin]);
    const record = recordOf(ws, 1)!;
    expect(record.author).toEqual({ login: PEOPLE.admin, trusted: false });
    expect(record.comments[0]?.author.trusted).toBe(false);
  });

  test('someone removed from `maintainers` is looked up on the next run, and old records follow', async () => {
    const issue = repo.addIssue({ labels: ['incident'], user: PEOPLE.configMaintainer });
    await syncInProcess(server, ws);
    expect(recordOf(ws, issue.number)?.author.trusted).toBe(true);
    writeFileSync(ws.configPath, configYaml().replace('maintainers: [config-carla]', 'maintainers: []'));
    server.clearLog();
    const summary = await syncInProcess(server, ws);
    expect(summary.mode).toBe('incremental');
    expect(permissionAsks()).toEqual([PEOPLE.configMaintainer]);
    expect(recordOf(ws, issue.number)?.author).toEqual({ login: PEOPLE.configMaintainer, trusted: false });
  });

  test("an outsider's comment is untrusted next to a maintainer's", async () => {
    repo.comment(3, PEOPLE.outsider, 'Is this why my build broke?');
    repo.comment(3, PEOPLE.writer, 'Yes, fix is rolling out.');
    await syncInProcess(server, ws);
    expect(recordOf(ws, 3)?.comments.map((c) => c.author)).toEqual([
      { login: PEOPLE.admin, trusted: true },
      { login: PEOPLE.outsider, trusted: false },
      { login: PEOPLE.writer, trusted: true },
    ]);
  });

  test('a deleted account is "ghost", untrusted, and never looked up', async () => {
    const issue = repo.addIssue({ labels: ['incident'], user: null });
    repo.comment(issue.number, null, 'from a deleted account');
    await syncInProcess(server, ws);
    const record = recordOf(ws, issue.number)!;
    expect(record.author).toEqual({ login: 'ghost', trusted: false });
    expect(record.comments[0]?.author).toEqual({ login: 'ghost', trusted: false });
    expect(permissionAsks()).toEqual([]);
  });

  test('without a token: works for a public repository, warns, trusts only config maintainers', async () => {
    const issue = repo.addIssue({ labels: ['incident'], user: PEOPLE.configMaintainer });
    repo.comment(issue.number, PEOPLE.writer, 'looking');
    const fresh = createWorkspace();
    try {
      const summary = await syncInProcess(server, fresh, { token: undefined });
      expect(summary.logged.warnings.join('\n')).toMatch(/GITHUB_TOKEN is not set.*60 per hour/);
      const record = readSnapshot(fresh).records.find((r) => r.number === issue.number)!;
      expect(record.author.trusted).toBe(true);
      expect(record.comments[0]?.author).toEqual({ login: PEOPLE.writer, trusted: false });
      expect(server.log.every((e) => !e.authenticated)).toBe(true);
      expect(permissionAsks()).toEqual([]);
    } finally {
      fresh.cleanup();
    }
  });
});

describe('shapes', () => {
  test('a pull request carrying the incident label is dropped', async () => {
    const pr = repo.addIssue({ title: 'Fix the outage', labels: ['incident'], pullRequest: true });
    const summary = await syncInProcess(server, ws);
    expect(recordOf(ws, pr.number)).toBeUndefined();
    expect(server.log.some((e) => e.path.includes(`/issues/${pr.number}/`))).toBe(false);
    expect(summary.issues.tracked).toBe(3);
  });

  test('an issue with 250 comments gets all of them, 3 pages, oldest first', async () => {
    for (let i = 1; i <= 250; i++) repo.comment(2, i % 2 ? PEOPLE.admin : PEOPLE.outsider, `comment ${i}`);
    await syncInProcess(server, ws);
    const record = recordOf(ws, 2)!;
    expect(record.comments).toHaveLength(251);
    expect(record.comments.at(1)?.body).toBe('comment 1');
    expect(record.comments.at(-1)?.body).toBe('comment 250');
    const pages = server.log.filter((e) => e.path === '/repos/acme/widgets/issues/2/comments');
    expect(pages.map((e) => e.query['page'] ?? '1')).toEqual(['1', '2', '3']);
  });

  test('maintenance and post-mortem issues are tracked; other issues are not', async () => {
    const maintenance = repo.addIssue({ labels: ['maintenance'], title: 'Registry migration' });
    const bug = repo.addIssue({ labels: ['bug'], title: 'Typo in docs' });
    await syncInProcess(server, ws);
    expect(recordOf(ws, maintenance.number)?.labels).toEqual(['maintenance']);
    expect(recordOf(ws, bug.number)).toBeUndefined();
  });

  test('a deleted open incident disappears on the next run (410)', async () => {
    repo.deleteIssue(3);
    const summary = await syncInProcess(server, ws);
    expect(recordOf(ws, 3)).toBeUndefined();
    expect(server.log.find((e) => e.path === '/repos/acme/widgets/issues/3')?.status).toBe(410);
    expect(summary.issues.removed).toBe(1);
  });

  test('a transferred open incident disappears (301 to another repository)', async () => {
    repo.transferIssue(3, server.repo('acme/elsewhere'));
    await syncInProcess(server, ws);
    expect(recordOf(ws, 3)).toBeUndefined();
    expect(server.log.find((e) => e.path === '/repos/acme/widgets/issues/3')?.status).toBe(301);
    expect(readSnapshot(ws).records.map((r) => r.number)).toEqual([2, 1]);
  });

  test('a deleted closed incident disappears at the daily reconciliation', async () => {
    repo.deleteIssue(1);
    await syncInProcess(server, ws);
    expect(recordOf(ws, 1)).toBeDefined(); // nothing in the cheap checks can see it
    server.clearLog();
    const summary = await syncInProcess(server, ws, { now: () => new Date(Date.now() + 25 * 3_600_000) });
    expect(summary).toMatchObject({ mode: 'full', fullReason: 'daily reconciliation' });
    expect(recordOf(ws, 1)).toBeUndefined();
    expect(server.log.filter((e) => /\/issues\/\d+\/(comments|events)$/.test(e.path))).toEqual([]); // nothing refetched
  });

  test('post-mortem action items: referenced issues are fetched once, then followed through listings', async () => {
    const fix = repo.addIssue({ labels: ['bug'], title: 'Add a canary for installs' });
    const docs = repo.addIssue({ labels: ['docs'], title: 'Document the fallback mirror' });
    const body = [
      '### Action items',
      `- [ ] Add a canary #${fix.number}`,
      `- [x] Docs: #${docs.number}`,
      '- [ ] not an item: other/repo#1',
      `See also #${fix.number + 100}`,
    ].join('\n');
    const postmortem = repo.addIssue({ labels: ['postmortem'], title: 'Post-mortem: installs', body });
    await syncInProcess(server, ws);
    expect(readSnapshot(ws).referencedIssues).toEqual([
      { number: fix.number, title: 'Add a canary for installs', state: 'open', url: `https://github.com/acme/widgets/issues/${fix.number}` },
      { number: docs.number, title: 'Document the fallback mirror', state: 'open', url: `https://github.com/acme/widgets/issues/${docs.number}` },
    ]);
    expect(recordOf(ws, postmortem.number)?.labels).toEqual(['postmortem']);

    repo.close(fix.number);
    server.clearLog();
    await syncInProcess(server, ws);
    expect(readSnapshot(ws).referencedIssues[0]).toMatchObject({ number: fix.number, state: 'closed' });
    expect(server.log.some((e) => e.path === `/repos/acme/widgets/issues/${fix.number}`)).toBe(false); // seen in the `since` listing
  });

  test('a label renamed in the config triggers a full listing of it on the next run', async () => {
    const outage = repo.addIssue({ labels: ['outage'], title: 'Filed under the new label' });
    await syncInProcess(server, ws);
    expect(recordOf(ws, outage.number)).toBeUndefined();
    writeFileSync(ws.configPath, configYaml('labels:\n  incident: outage'));
    server.clearLog();
    const summary = await syncInProcess(server, ws);
    expect(summary).toMatchObject({ mode: 'full', fullReason: 'new tracked label(s) "outage"' });
    expect(server.log.some((e) => e.query['labels'] === 'outage' && e.query['state'] === 'all')).toBe(true);
    expect(readSnapshot(ws).records.map((r) => r.number)).toEqual([outage.number]);
    expect((await syncInProcess(server, ws)).mode).toBe('incremental');
  });
});

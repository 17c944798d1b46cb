/**
 * The subscribe issues against the test GitHub server with the real octokit: created once per
 * component and one for everything, locked, found again by marker and author, never a person's
 * issue; a comment per incident step, exactly once, on "all" and on each named component's issue.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readSubscribeMarker, subscribeMarker } from '../../src/lib/notify/subscriptions.ts';
import { PEOPLE } from '../support/github-fixtures.ts';
import { lockedIssues } from '../support/github-issue-routes.ts';
import type { FakeGitHubRepo } from '../support/github-repo.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';
import { closed, comment, issue } from '../support/records.ts';
import { notifySeries } from './harness.ts';

const BOT = 'github-actions[bot]';
const TOKEN = 'ghs_test_token';
let server: GitHubTestServer;
let repo: FakeGitHubRepo;
beforeEach(async () => {
  server = await startGitHubServer();
  repo = server.repo('acme/widgets');
});
afterEach(async () => {
  await server.close();
});

const CONFIG = {
  components: [
    { id: 'cli', name: 'CLI' },
    { id: 'docs', name: 'Docs' },
  ],
};
const P1 = issue({ number: 1, title: 'Installs @everyone fail', labels: ['incident', 'P1', 'component:cli'], createdAt: '2026-11-21T11:50:00Z' });
const updated = { ...P1, comments: [comment({ id: 601, at: '2026-11-21T12:05:00Z', body: 'Rolling back; ping @alice' })] };
const resolved = closed(updated, '2026-11-21T12:20:00Z');

const sitrepIssues = () => repo.listed().filter((i) => i.user === BOT);
const byKey = () => new Map(sitrepIssues().map((i) => [readSubscribeMarker(i.body), i.number]));
const writes = () => server.log.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);

describe('subscribe issues', () => {
  test('created once, locked, and told of each step exactly once', async () => {
    const person = repo.addIssue({ title: 'Copying the marker', body: `${subscribeMarker('all')}\nmine`, user: PEOPLE.admin });
    const github = { apiUrl: server.url, token: TOKEN };
    const [first] = await notifySeries([{ issues: [P1], now: '2026-11-21T12:00:00Z', config: CONFIG, github }]);
    expect(first?.warnings).toEqual([]);
    const keys = byKey();
    expect([...keys.keys()]).toEqual(['all', 'cli', 'docs']);
    expect([...lockedIssues(repo)].sort()).toEqual([...keys.values()].sort());
    expect(sitrepIssues().map((i) => i.title)).toEqual([
      'Subscribe: all status updates (Acme status)',
      'Subscribe: CLI status updates',
      'Subscribe: Docs status updates',
    ]);
    const cliBody = repo.get(keys.get('cli')!).body ?? '';
    expect(cliBody).toContain('https://acme.github.io/status-sub/components/cli/');
    expect(cliBody).toContain('/feed subscribe https://acme.github.io/status-sub/feeds/components/cli.atom');
    expect(first?.state.subscriptions?.issues['cli']).toEqual({ number: keys.get('cli'), url: `https://github.com/acme/widgets/issues/${keys.get('cli')}` });

    // A person's issue carrying the marker is neither used nor touched.
    expect(repo.commentsOf(person.number)).toEqual([]);
    expect(keys.get('all')).not.toBe(person.number);

    const commentsOn = (key: string) => repo.commentsOf(keys.get(key)!).map((c) => c.body.split('\n')[0]);
    expect(commentsOn('all')).toEqual(['**Incident declared · P1 · Major: Installs @\u200Beveryone fail**']);
    expect(commentsOn('cli')).toHaveLength(1);
    expect(commentsOn('docs')).toEqual([]);
    expect(repo.commentsOf(keys.get('cli')!).every((c) => c.user === BOT)).toBe(true);

    // Later runs: found again by marker (no new issue), each step commented once.
    server.clearLog();
    const later = await notifySeries([
      { issues: [P1], now: '2026-11-21T12:02:00Z', config: CONFIG, github, state: first!.state },
      { issues: [updated], now: '2026-11-21T12:10:00Z', config: CONFIG, github },
      { issues: [resolved], now: '2026-11-21T12:25:00Z', config: CONFIG, github },
    ]);
    expect(later.flatMap((run) => run.warnings)).toEqual([]);
    expect(sitrepIssues()).toHaveLength(3);
    expect(writes().filter((w) => w.startsWith('POST /repos/acme/widgets/issues/') && !w.endsWith('/comments'))).toEqual([]);
    expect(writes().filter((w) => w === 'POST /repos/acme/widgets/issues')).toEqual([]);
    expect(commentsOn('all')).toHaveLength(3);
    expect(commentsOn('cli')).toHaveLength(3);
    expect(commentsOn('docs')).toEqual([]);
    const update = repo.commentsOf(keys.get('cli')!)[1]?.body ?? '';
    expect(update).toContain('Latest update: Rolling back; ping @\u200Balice');
    expect(update).not.toMatch(/@[a-z]/);
  });

  test('without issues: write, a warning and no comments; the channels are not held up', async () => {
    repo.tokenCan.issues = false;
    const [run] = await notifySeries([{ issues: [P1], now: '2026-11-21T12:00:00Z', config: CONFIG, github: { apiUrl: server.url, token: TOKEN } }]);
    expect(run?.warnings).toEqual([expect.stringMatching(/^subscribe issues: .*Resource not accessible by integration/)]);
    expect(sitrepIssues()).toEqual([]);
  });
});

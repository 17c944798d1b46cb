/**
 * Announce against the test server, with the real octokit: pins over GraphQL, comments over REST.
 * Each scenario asserts the server's state (pins, comments) and the request log (which writes).
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { GitHubError } from '../../src/github/errors.ts';
import { PINNED_MARKER, STATUS_COMMENT_MARKER } from '../../src/lib/sitrep-comment.ts';
import { PEOPLE } from '../support/github-fixtures.ts';
import type { FakeGitHubRepo } from '../support/github-repo.ts';
import type { GitHubTestServer } from '../support/github-server.ts';
import { syncInProcess } from '../sync/harness.ts';
import { announce, botComments, openIncident, SITE, syncAndAnnounce, useAnnounceFixture, writesIn } from './harness.ts';

const fixture = useAnnounceFixture();
let server: GitHubTestServer;
let repo: FakeGitHubRepo;

beforeEach(() => {
  ({ server, repo } = fixture);
});

describe('an active P0 incident', () => {
  test('is pinned and gets one comment linking its status page', async () => {
    const issue = openIncident(repo, 'P0');
    const { summary, log } = await syncAndAnnounce(fixture);

    expect(repo.pinned).toEqual([issue.number]);
    const [comment, ...more] = botComments(repo, issue.number);
    expect(more).toEqual([]);
    expect(comment?.body.startsWith(STATUS_COMMENT_MARKER)).toBe(true);
    expect(comment?.body).toContain(PINNED_MARKER);
    expect(comment?.body).toContain(`(${SITE}/incidents/${issue.number}/)`);
    expect(writesIn(log)).toEqual(['mutation pinIssue', `POST /repos/acme/widgets/issues/${issue.number}/comments`]);
    expect(summary).toMatchObject({
      pinning: 'done',
      pinned: [issue.number],
      unpinned: [],
      comments: [{ number: issue.number, action: 'created', state: 'active' }],
      warnings: [],
    });
  });

  test('a second run changes nothing and, once synced, asks GitHub nothing but the pinned issues', async () => {
    openIncident(repo, 'P0');
    await syncAndAnnounce(fixture);
    const { summary, log } = await syncAndAnnounce(fixture);

    expect(writesIn(log)).toEqual([]);
    expect(log.map((e) => e.operation ?? `${e.method} ${e.path}`)).toEqual(['query pinnedIssues']);
    expect(summary).toMatchObject({ pinned: [], unpinned: [], comments: [] });
  });

  test('a run from a snapshot taken before the last run still writes nothing: GitHub is asked first', async () => {
    const issue = openIncident(repo, 'P0');
    await syncAndAnnounce(fixture);
    const { log } = await announce(fixture); // same snapshot: it has neither the pin marker nor the comment

    expect(writesIn(log)).toEqual([]);
    expect(botComments(repo, issue.number)).toHaveLength(1);
    expect(repo.pinned).toEqual([issue.number]);
  });
});

describe('when the incident ends', () => {
  test('resolving unpins it and edits the same comment', async () => {
    const issue = openIncident(repo, 'P1');
    await syncAndAnnounce(fixture);
    const [before] = botComments(repo, issue.number);
    repo.close(issue.number, PEOPLE.admin);
    const { summary, log } = await syncAndAnnounce(fixture);

    expect(repo.pinned).toEqual([]);
    const after = botComments(repo, issue.number);
    expect(after.map((c) => c.id)).toEqual([before?.id]);
    expect(after[0]?.body).toMatch(/^\*\*Resolved\.\*\*/m);
    expect(after[0]?.body).not.toContain(PINNED_MARKER);
    expect(writesIn(log)).toEqual(['mutation unpinIssue', `PATCH /repos/acme/widgets/issues/comments/${before?.id}`]);
    expect(summary).toMatchObject({ unpinned: [issue.number], comments: [{ number: issue.number, action: 'edited', state: 'resolved' }] });

    const again = await syncAndAnnounce(fixture);
    expect(writesIn(again.log)).toEqual([]);
  });

  test('closing as not planned says withdrawn', async () => {
    const issue = openIncident(repo, 'P2');
    await syncAndAnnounce(fixture);
    repo.close(issue.number, PEOPLE.admin, 'not_planned');
    await syncAndAnnounce(fixture);
    expect(botComments(repo, issue.number).map((c) => c.body)).toEqual([expect.stringMatching(/^\*\*Withdrawn\*\* \(closed as not planned\)/m)]);
  });

  test('reopening pins it again', async () => {
    const issue = openIncident(repo, 'P0');
    await syncAndAnnounce(fixture);
    repo.close(issue.number, PEOPLE.admin);
    await syncAndAnnounce(fixture);
    repo.reopen(issue.number, PEOPLE.admin);
    await syncAndAnnounce(fixture);
    expect(repo.pinned).toEqual([issue.number]);
    expect(botComments(repo, issue.number)).toHaveLength(1);
  });
});

describe('pins made by people', () => {
  test('with three issues pinned by hand there is no room: a warning, the comment still, and nobody is unpinned', async () => {
    const faq = [1, 2, 3].map((i) => repo.addIssue({ title: `FAQ ${i}`, user: PEOPLE.admin }).number);
    for (const n of faq) repo.pin(n);
    const issue = openIncident(repo, 'P0');
    const { summary, log } = await syncAndAnnounce(fixture);

    expect(repo.pinned).toEqual(faq);
    expect(writesIn(log)).toEqual([`POST /repos/acme/widgets/issues/${issue.number}/comments`]);
    expect(botComments(repo, issue.number)[0]?.body).not.toContain(PINNED_MARKER);
    expect(summary.notPinned).toEqual([expect.objectContaining({ number: issue.number, why: 'no-room' })]);
    expect(summary.warnings.join('\n')).toMatch(/#4 \(P0\) not pinned: the repository already has 3 pinned issues \(#1, #2, #3\)/);

    repo.close(issue.number, PEOPLE.admin);
    await syncAndAnnounce(fixture);
    expect(repo.pinned).toEqual(faq);
  });

  test('an incident someone pinned by hand is not unpinned when it resolves', async () => {
    const issue = openIncident(repo, 'P1');
    repo.pin(issue.number);
    await syncAndAnnounce(fixture);
    repo.close(issue.number, PEOPLE.admin);
    const { log } = await syncAndAnnounce(fixture);
    expect(repo.pinned).toEqual([issue.number]);
    expect(writesIn(log)).not.toContain('mutation unpinIssue');
  });

  test('an incident someone unpinned by hand stays unpinned', async () => {
    const issue = openIncident(repo, 'P0');
    await syncAndAnnounce(fixture);
    repo.unpin(issue.number);
    const { summary, log } = await syncAndAnnounce(fixture);
    expect(repo.pinned).toEqual([]);
    expect(writesIn(log)).toEqual([]);
    expect(summary.notPinned).toEqual([expect.objectContaining({ why: 'unpinned-by-hand' })]);
  });

  test("an outsider's comment carrying sitrep's markers neither counts as sitrep's nor makes sitrep unpin", async () => {
    const issue = openIncident(repo, 'P1');
    repo.pin(issue.number);
    repo.comment(issue.number, PEOPLE.outsider, `${STATUS_COMMENT_MARKER}\n${PINNED_MARKER}\nfake`);
    repo.close(issue.number, PEOPLE.admin);
    await syncAndAnnounce(fixture);
    expect(repo.pinned).toEqual([issue.number]);
    expect(botComments(repo, issue.number)).toHaveLength(1);
    expect(repo.commentsOf(issue.number).find((c) => c.user === PEOPLE.outsider)?.body).toMatch(/fake$/);
  });
});

describe('what gets announced', () => {
  test('a P2 gets a comment but no pin; P0 is pinned before P1 when room is short', async () => {
    repo.addIssue({ title: 'FAQ', user: PEOPLE.admin });
    repo.pin(1);
    repo.addIssue({ title: 'Roadmap', user: PEOPLE.admin });
    repo.pin(2);
    const p1 = openIncident(repo, 'P1');
    const p0 = openIncident(repo, 'P0');
    const p2 = openIncident(repo, 'P2');
    const { summary } = await syncAndAnnounce(fixture);
    expect(repo.pinned).toEqual([1, 2, p0.number]);
    expect(summary.notPinned.map((n) => n.number)).toEqual([p1.number]);
    expect([p0, p1, p2].map((i) => botComments(repo, i.number).length)).toEqual([1, 1, 1]);
  });

  test('unpublished issues get nothing: an outsider’s unconfirmed incident, an embargoed one', async () => {
    repo.addIssue({ title: 'Is it down?', labels: ['incident', 'P0'], user: PEOPLE.outsider });
    openIncident(repo, 'P0');
    repo.addLabel(2, 'embargoed');
    const { log, summary } = await syncAndAnnounce(fixture);
    expect(writesIn(log)).toEqual([]);
    expect(summary.comments).toEqual([]);
  });

  test('incidents that ended more than a week ago get no new comment (adopting on an old repository)', async () => {
    const old = openIncident(repo, 'P1', 'Old outage');
    repo.close(old.number, PEOPLE.admin);
    server.clock.tick(8 * 24 * 3_600_000);
    const recent = openIncident(repo, 'P2', 'Recent blip');
    repo.close(recent.number, PEOPLE.admin);
    const { summary } = await syncAndAnnounce(fixture);
    expect(summary.comments.map((c) => c.number)).toEqual([recent.number]);
    expect(botComments(repo, old.number)).toEqual([]);
  });

  // The default limit is 10 (MAX_COMMENT_WRITES); octokit spaces writes a second apart, so the
  // test uses 3 to stay quick.
  test('a limited number of comments per run; the rest follow on the next run', async () => {
    const issues = Array.from({ length: 4 }, (_, i) => openIncident(repo, 'P2', `Blip ${i + 1}`));
    const first = await syncAndAnnounce(fixture, { maxCommentWrites: 3 });
    expect(first.summary.comments.map((c) => c.number)).toEqual([4, 3, 2]);
    expect(first.summary.deferred).toBe(1);
    expect(first.summary.warnings).toEqual(['1 more comment(s) wait for the next run (at most 3 per run).']);
    const second = await syncAndAnnounce(fixture, { maxCommentWrites: 3 });
    expect(second.summary.comments.map((c) => c.number)).toEqual([1]);
    expect(issues.every((i) => botComments(repo, i.number).length === 1)).toBe(true);
  });
});

describe('a token that may not', () => {
  test('pin: a warning, the comment without the pin marker, and the next run tries again', async () => {
    repo.tokenCan.pin = false;
    const issue = openIncident(repo, 'P0');
    const { summary } = await syncAndAnnounce(fixture);
    expect(repo.pinned).toEqual([]);
    expect(summary.pinning).toBe('refused');
    expect(summary.warnings.join('\n')).toMatch(/may not pin #1 \(Resource not accessible by integration\)/);
    expect(botComments(repo, issue.number)[0]?.body).not.toContain(PINNED_MARKER);

    repo.tokenCan.pin = true;
    await syncAndAnnounce(fixture);
    expect(repo.pinned).toEqual([issue.number]);
    expect(botComments(repo, issue.number).map((c) => c.body.includes(PINNED_MARKER))).toEqual([true]);
  });

  test('comment: a warning, no failure', async () => {
    repo.tokenCan.issues = false;
    openIncident(repo, 'P2');
    const { summary } = await syncAndAnnounce(fixture);
    expect(summary.comments).toEqual([]);
    expect(summary.deferred).toBe(1);
    expect(summary.warnings.join('\n')).toMatch(/Cannot comment on #1: Resource not accessible by integration.*issues: write/s);
  });
});

describe('GitHub failing', () => {
  // plugin-retry treats GitHub's "Something went wrong while executing your query" as a 500 and retries it.
  test.each([
    {
      error: { type: 'MAX_NODE_LIMIT_EXCEEDED', message: 'This query requests too many nodes.' },
      status: 200,
      detail: 'MAX_NODE_LIMIT_EXCEEDED: This query requests too many nodes.',
      calls: 1,
    },
    {
      error: { message: 'Something went wrong while executing your query. Please try again later.' },
      status: 500,
      detail: expect.stringContaining('Something went wrong'),
      calls: 2,
    },
  ])('a GraphQL error that is no refusal fails the run: $error.message', async ({ error: graphqlError, status, detail, calls }) => {
    openIncident(repo, 'P0');
    await syncInProcess(server, fixture.ws);
    server.route('POST', '/graphql', () => ({ status: 200, body: { data: null, errors: [graphqlError] } }));
    const error = await announce(fixture).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ endpoint: 'POST /graphql', status, detail });
    expect(server.log.filter((e) => e.path === '/graphql')).toHaveLength(calls);
    expect(botComments(repo, 1)).toEqual([]);
  });

  test('a 502 that outlasts the retries fails the run with the endpoint and status', async () => {
    openIncident(repo, 'P2');
    await syncInProcess(server, fixture.ws);
    server.injectFault({ kind: 'status', status: 502 }, { times: 5, match: (method, path) => method === 'POST' && path.endsWith('/comments') });
    const error = await announce(fixture).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GitHubError', status: 502, endpoint: 'POST /repos/acme/widgets/issues/1/comments' });
    expect((error as GitHubError).hint).toMatch(/next scheduled run will try again/);
  });
});

test('--dry-run reads but writes nothing, and reports what it would do', async () => {
  const issue = openIncident(repo, 'P0');
  const { summary, log } = await syncAndAnnounce(fixture, { dryRun: true });
  expect(writesIn(log)).toEqual([]);
  expect(repo.pinned).toEqual([]);
  expect(botComments(repo, issue.number)).toEqual([]);
  expect(summary).toMatchObject({ dryRun: true, pinned: [issue.number], comments: [{ number: issue.number, action: 'created' }] });
});

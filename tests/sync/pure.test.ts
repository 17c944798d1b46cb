/**
 * The sync's pure parts, with real-shaped GitHub JSON and no server: mapping to records,
 * action-item references, error messages, trust, and when a run must list everything.
 */
import { describe, expect, test } from 'vitest';
import { GitHubError, toGitHubError } from '../../src/github/errors.ts';
import { selectChanged } from '../../src/github/find-changes.ts';
import type { GitHubIssue, GitHubIssueEvent } from '../../src/github/github-json.ts';
import type { PreviousSnapshot } from '../../src/github/previous-snapshot.ts';
import { formatSummary, type SyncSummary } from '../../src/github/summary.ts';
import { fullSyncReason } from '../../src/github/sync.ts';
import { toEventRecord, toIssueRecord } from '../../src/github/to-records.ts';
import { createTrust } from '../../src/github/trust.ts';
import { readActionItemReferences } from '../../src/lib/postmortem.ts';
import { type IssueRecord, IssueRecordSchema } from '../../src/lib/schema/snapshot.ts';

const trustMia = (login: string) => login === 'mia';

function issue(overrides: Partial<GitHubIssue> = {}): GitHubIssue {
  return {
    number: 7,
    title: 'CLI installs fail',
    body: '### What is broken\n\nInstalls.\n\n### Workaround or alternatives\n\n_No response_',
    html_url: 'https://github.com/acme/widgets/issues/7',
    repository_url: 'https://api.github.com/repos/acme/widgets',
    state: 'open',
    state_reason: null,
    labels: [{ name: 'incident' }, { name: 'P1' }],
    user: { login: 'mia' },
    assignees: [{ login: 'wes' }],
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T11:00:00Z',
    closed_at: null,
    comments: 0,
    ...overrides,
  };
}

const event = (e: Partial<GitHubIssueEvent> & Pick<GitHubIssueEvent, 'event'>): GitHubIssueEvent => ({
  id: 1,
  actor: { login: 'mia' },
  created_at: '2026-03-01T10:05:00Z',
  ...e,
});

describe('toEventRecord', () => {
  test.each([
    { title: 'labeled', input: event({ event: 'labeled', label: { name: 'P0' } }), expected: { type: 'labeled', label: 'P0' } },
    { title: 'unlabeled', input: event({ event: 'unlabeled', label: { name: 'investigating' } }), expected: { type: 'unlabeled', label: 'investigating' } },
    { title: 'assigned', input: event({ event: 'assigned', assignee: { login: 'wes' } }), expected: { type: 'assigned', assignee: 'wes' } },
    { title: 'unassigned (deleted user)', input: event({ event: 'unassigned', assignee: null }), expected: { type: 'unassigned', assignee: 'ghost' } },
    {
      title: 'closed as not planned',
      input: event({ event: 'closed', state_reason: 'not_planned' }),
      expected: { type: 'closed', stateReason: 'not_planned' },
    },
    { title: 'closed, unknown reason', input: event({ event: 'closed', state_reason: 'something_new' }), expected: { type: 'closed', stateReason: null } },
    { title: 'closed, no reason field', input: event({ event: 'closed' }), expected: { type: 'closed' } },
    { title: 'reopened', input: event({ event: 'reopened' }), expected: { type: 'reopened' } },
    { title: 'actor deleted', input: event({ event: 'reopened', actor: null }), expected: { actor: { login: 'ghost', trusted: false } } },
    {
      title: 'renamed (who, from what)',
      input: event({ event: 'renamed', rename: { from: 'Old', to: 'New' } }),
      expected: { type: 'renamed', rename: { from: 'Old', to: 'New' } },
    },
    { title: 'renamed, no rename field', input: event({ event: 'renamed' }), expected: { type: 'renamed' } },
  ])('$title', ({ input, expected }) => {
    const record = toEventRecord(input, trustMia);
    expect(record).toMatchObject(expected);
    if (!('stateReason' in expected)) expect(record).not.toHaveProperty('stateReason');
  });

  test.each(['mentioned', 'subscribed', 'transferred', 'milestoned', 'cross-referenced'])('drops %s', (name) => {
    expect(toEventRecord(event({ event: name }), trustMia)).toBeNull();
  });
});

describe('toIssueRecord', () => {
  test('maps a real-shaped issue and passes the schema', () => {
    const record = toIssueRecord(
      issue({ labels: [{ name: 'incident' }, 'P1'] }),
      [
        {
          id: 2,
          user: null,
          body: null,
          created_at: '2026-03-01T10:30:00Z',
          updated_at: '2026-03-01T10:30:00Z',
          html_url: 'https://github.com/acme/widgets/issues/7#issuecomment-2',
        },
        {
          id: 1,
          user: { login: 'mia' },
          body: 'Investigating',
          created_at: '2026-03-01T10:10:00Z',
          updated_at: '2026-03-01T10:10:00Z',
          html_url: 'https://github.com/acme/widgets/issues/7#issuecomment-1',
        },
      ],
      [
        event({ id: 9, event: 'labeled', label: { name: 'P1' }, created_at: '2026-03-01T10:20:00Z' }),
        event({ id: 8, event: 'mentioned' }),
        event({ id: 3, event: 'labeled', label: { name: 'incident' }, created_at: '2026-03-01T10:00:00Z' }),
      ],
      trustMia,
    );
    expect(IssueRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      labels: ['incident', 'P1'],
      assignees: ['wes'],
      author: { login: 'mia', trusted: true },
      stateReason: null,
      isPullRequest: false,
    });
    expect(record.comments.map((c) => [c.id, c.author.login, c.body])).toEqual([
      [1, 'mia', 'Investigating'],
      [2, 'ghost', ''],
    ]);
    expect(record.events.map((e) => e.id)).toEqual([3, 9]);
  });

  test.each([
    { title: 'empty body → null', input: issue({ body: '' }), key: 'body', expected: null },
    { title: 'missing body → null', input: issue({ body: null }), key: 'body', expected: null },
    { title: 'deleted author → ghost', input: issue({ user: null }), key: 'author', expected: { login: 'ghost', trusted: false } },
    {
      title: 'closed as not planned',
      input: issue({ state: 'closed', state_reason: 'not_planned', closed_at: '2026-03-01T12:00:00Z' }),
      key: 'stateReason',
      expected: 'not_planned',
    },
    { title: 'reopened', input: issue({ state_reason: 'reopened' }), key: 'stateReason', expected: 'reopened' },
    { title: 'no assignees field', input: issue({ assignees: null }), key: 'assignees', expected: [] },
  ])('$title', ({ input, key, expected }) => {
    expect(toIssueRecord(input, [], [], trustMia)[key as keyof IssueRecord]).toEqual(expected);
  });
});

describe("readActionItemReferences (the model's reader, used by the sync)", () => {
  const items = (list: string) => `### Incident number\n\n#1\n\n### Action items\n\n${list}`;
  test.each([
    { title: 'open and done items', body: items('- [ ] Add a canary #12\n- [x] Docs #3'), expected: [12, 3] },
    { title: 'other bullets and capital X', body: items('* [X] one #4\n+ [ ] two #5\n1. [ ] three #6'), expected: [4, 5, 6] },
    { title: 'several per line, repeats once', body: items('- [ ] #7 and #8, again #7'), expected: [7, 8] },
    { title: 'not task lines', body: items('Fixed by #9\n- plain bullet #10\n[ ] no bullet #11'), expected: [] },
    { title: 'other repositories and words', body: items('- [ ] other/repo#12 abc#13 ##14 #15x &#35;16'), expected: [] },
    { title: 'CRLF and indentation', body: items('  - [ ] indented #16\r\n- [x] crlf #17\r\n'), expected: [16, 17] },
    { title: 'task lines outside the action items', body: '- [ ] #18\n\n### Summary\n\n- [ ] #19', expected: [] },
    { title: 'null body', body: null, expected: [] },
  ])('$title', ({ body, expected }) => {
    expect(readActionItemReferences(body)).toEqual(expected);
  });
});

describe('toGitHubError', () => {
  const request = { method: 'GET', url: 'https://api.github.com/repos/acme/widgets/issues?state=all&labels=incident' };
  const requestError = (status: number, message: string, headers: Record<string, string> = {}) =>
    Object.assign(new Error(message), { status, request, response: { headers, data: { message } } });
  const context = { repository: 'acme/widgets', timeoutMs: 15_000, authenticated: true };

  test.each([
    { title: '401', error: requestError(401, 'Bad credentials'), status: 401, hint: /GITHUB_TOKEN is invalid or expired/ },
    { title: '404', error: requestError(404, 'Not Found'), status: 404, hint: /acme\/widgets was not found, or the token can't see it/ },
    { title: '403 forbidden', error: requestError(403, 'Resource not accessible by integration'), status: 403, hint: /issues: read/ },
    {
      title: '403 primary limit',
      error: requestError(403, 'API rate limit exceeded', {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-limit': '1000',
        'x-ratelimit-reset': String(Date.parse('2026-03-01T14:05:30Z') / 1000),
      }),
      status: 403,
      hint: /resets at 14:05 UTC/,
    },
    { title: '429 secondary', error: requestError(429, 'You have exceeded a secondary rate limit', { 'retry-after': '90' }), status: 429, hint: /wait 90 s/ },
    { title: '502', error: requestError(502, 'Server Error'), status: 502, hint: /githubstatus/ },
    {
      title: 'timeout',
      error: Object.assign(new Error('The operation was aborted due to timeout'), {
        status: 500,
        request,
        cause: Object.assign(new Error('t'), { name: 'TimeoutError' }),
      }),
      status: 'timeout',
      hint: /slow or unreachable/,
    },
    {
      title: 'connection refused',
      error: Object.assign(new Error('connect ECONNREFUSED'), { status: 500, request }),
      status: 'network',
      hint: /GITHUB_API_URL/,
    },
  ])('$title', ({ error, status, hint }) => {
    const mapped = toGitHubError(error, context);
    expect(mapped).toBeInstanceOf(GitHubError);
    expect(mapped.status).toBe(status);
    expect(mapped.endpoint).toBe('GET /repos/acme/widgets/issues?state=all&labels=incident');
    expect(mapped.hint).toMatch(hint);
    expect(mapped.message).toContain(mapped.endpoint);
  });
});

describe('createTrust', () => {
  const now = new Date('2026-03-02T12:00:00Z');
  test('maintainers need no lookup; fresh answers are reused; stale ones asked again', async () => {
    const asked: string[] = [];
    const trust = createTrust({
      maintainers: ['Carla'],
      cache: { fresh: { permission: 'write', checkedAt: '2026-03-02T00:00:00Z' }, stale: { permission: 'write', checkedAt: '2026-03-01T11:00:00Z' } },
      now,
      maxAgeMs: 24 * 3_600_000,
      lookup: async (login) => {
        asked.push(login);
        return login === 'stale' ? 'read' : 'maintain';
      },
    });
    expect(await trust.refresh(['carla', 'fresh', 'stale', 'newbie', 'newbie'])).toBe(2);
    expect(asked).toEqual(['stale', 'newbie']);
    expect(['carla', 'fresh', 'stale', 'newbie'].map(trust.isTrusted)).toEqual([true, true, false, true]);
    expect(trust.cache['newbie']).toEqual({ permission: 'maintain', checkedAt: now.toISOString() });
  });

  test('without a token nothing is asked and unknown people are untrusted', async () => {
    const trust = createTrust({ maintainers: [], cache: {}, now, maxAgeMs: 1, lookup: null });
    expect(await trust.refresh(['someone'])).toBe(0);
    expect(trust.isTrusted('someone')).toBe(false);
  });
});

describe('fullSyncReason', () => {
  const now = new Date('2026-03-02T12:00:00Z');
  const labels = ['incident', 'maintenance', 'postmortem'];
  const etags = { changes: '"a"', 'open:incident': '"b"', 'open:maintenance': '"c"', 'open:postmortem': '"d"' };
  const previous = (sync: PreviousSnapshot['sync'], fullReason: string | null = null): PreviousSnapshot => ({
    records: new Map(),
    referenced: [],
    sync,
    fullReason,
  });
  const { 'open:postmortem': _dropped, ...withoutPostmortem } = etags;
  const sync = { highWaterMark: '2026-03-02T11:00:00Z', etags, permissions: {}, reconciledAt: '2026-03-02T06:00:00Z' };

  test.each([
    { title: 'nothing to go on', prev: previous(null, 'first sync'), expected: 'first sync' },
    { title: 'no high-water mark', prev: previous({ ...sync, highWaterMark: null }), expected: 'first sync' },
    { title: 'a label never listed', prev: previous({ ...sync, etags: withoutPostmortem }), expected: 'new tracked label(s) "postmortem"' },
    { title: 'never reconciled', prev: previous({ highWaterMark: sync.highWaterMark, etags, permissions: {} }), expected: 'daily reconciliation' },
    { title: 'reconciled 25 h ago', prev: previous({ ...sync, reconciledAt: '2026-03-01T11:00:00Z' }), expected: 'daily reconciliation' },
    { title: 'reconciled 6 h ago', prev: previous(sync), expected: null },
  ])('$title → $expected', ({ prev, expected }) => {
    expect(fullSyncReason(prev, labels, now, 24 * 3_600_000)).toBe(expected);
  });
});

describe('selectChanged', () => {
  test('new or moved issues only, open first then newest; pull requests and untracked skipped', () => {
    const known = toIssueRecord(issue({ number: 1 }), [], [], trustMia);
    const latest = new Map<number, GitHubIssue>([
      [1, issue({ number: 1 })], // unchanged
      [2, issue({ number: 2, state: 'closed', updated_at: '2026-03-01T15:00:00Z' })],
      [3, issue({ number: 3, updated_at: '2026-03-01T12:00:00Z' })],
      [4, issue({ number: 4, updated_at: '2026-03-01T13:00:00Z' })],
      [5, issue({ number: 5, pull_request: {} })],
      [6, issue({ number: 6, labels: [{ name: 'bug' }] })],
      [7, issue({ number: 7, updated_at: '2026-03-01T16:00:00Z' })],
    ]);
    const changed = selectChanged(latest, new Map([[1, known]]), ['incident'], new Set([7]));
    expect(changed.map((i) => i.number)).toEqual([4, 3, 2]);
  });
});

test('formatSummary says what happened and what it cost', () => {
  const summary: SyncSummary = {
    repository: 'acme/widgets',
    snapshot: 'content/snapshot.json',
    mode: 'incremental',
    fullReason: null,
    takenAt: '2026-03-02T12:00:00.000Z',
    issues: { tracked: 42, seen: 2, changed: 1, removed: 0, deferred: 0 },
    referencedIssues: 3,
    requests: { total: 6, notModified: 4, counted: 2, permissionChecks: 0 },
    rateLimit: { limit: 1000, remaining: 987, reset: 1772456400, resetAt: '2026-03-02T13:00:00.000Z' },
    durationMs: 812,
  };
  expect(formatSummary(summary)).toBe(
    [
      'Synced acme/widgets (incremental) → content/snapshot.json',
      '  issues: 42 in snapshot, 2 seen, 1 changed, 0 removed',
      '  requests: 6 made, 4 not modified (304), 2 counted against the rate limit',
      '  rate limit: 987/1,000 left, resets 13:00 UTC; took 0.8 s',
    ].join('\n'),
  );
});

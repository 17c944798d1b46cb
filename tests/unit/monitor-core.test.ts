import { describe, expect, test } from 'vitest';
import { aggregateDays, emptyHistory, pruneEntry, recordRun } from '../../src/lib/monitor/history.ts';
import { isTakenOver, monitorIdOf, monitorMarker } from '../../src/lib/monitor/marker.ts';
import { type GitHubFacts, planActions } from '../../src/lib/monitor/plan.ts';
import {
  type CheckResult,
  classifyHttpAnswer,
  classifyNetworkError,
  classifyWorkflowRuns,
  type Outcome,
  percentile,
  verifyTarballIntegrity,
} from '../../src/lib/monitor/result.ts';
import { adoptOpenIssue, FRESH_STATE, judgeRun, type MonitorState, stepMonitor, type Transition } from '../../src/lib/monitor/state.ts';
import { HttpCheckSchema } from '../../src/lib/schema/monitors.ts';
import { config } from '../support/records.ts';

const http = (extra: Record<string, unknown> = {}) => HttpCheckSchema.parse({ url: 'https://example.org/', ...extra });

describe('classifyHttpAnswer', () => {
  test.each([
    { name: '200 is ok', status: 200, body: 'hi', latencyMs: 50, check: {}, outcome: 'ok', reason: undefined },
    { name: '301 is ok by default', status: 301, body: '', latencyMs: 50, check: {}, outcome: 'ok', reason: undefined },
    { name: '404 fails', status: 404, body: '', latencyMs: 50, check: {}, outcome: 'failed', reason: 'http-status' },
    { name: '500 fails', status: 500, body: '', latencyMs: 50, check: {}, outcome: 'failed', reason: 'http-status' },
    {
      name: '301 fails when only 200 is expected',
      status: 301,
      body: '',
      latencyMs: 50,
      check: { expectedStatus: 200 },
      outcome: 'failed',
      reason: 'http-status',
    },
    { name: '404 is ok when expected', status: 404, body: '', latencyMs: 50, check: { expectedStatus: [404, 410] }, outcome: 'ok', reason: undefined },
    { name: 'missing text fails', status: 200, body: 'Goodbye', latencyMs: 50, check: { contains: 'Welcome' }, outcome: 'failed', reason: 'missing-text' },
    { name: 'text present is ok', status: 200, body: '<h1>Welcome</h1>', latencyMs: 50, check: { contains: 'Welcome' }, outcome: 'ok', reason: undefined },
    { name: 'slow', status: 200, body: '', latencyMs: 900, check: { slowAfterMs: 500 }, outcome: 'slow', reason: undefined },
    { name: 'a failure beats slow', status: 500, body: '', latencyMs: 900, check: { slowAfterMs: 500 }, outcome: 'failed', reason: 'http-status' },
  ])('$name', ({ status, body, latencyMs, check, outcome, reason }) => {
    const result = classifyHttpAnswer({ status, body, latencyMs }, http(check));
    expect(result.outcome).toBe(outcome);
    expect(result.reason).toBe(reason);
  });
});

describe('classifyNetworkError', () => {
  test.each([
    { code: 'ENOTFOUND', reason: 'dns' },
    { code: 'EAI_AGAIN', reason: 'dns' },
    { code: 'ECONNREFUSED', reason: 'connect' },
    { code: 'ECONNRESET', reason: 'connect' },
    { code: 'EHOSTUNREACH', reason: 'connect' },
    { code: 'TimeoutError', reason: 'timeout' },
    { code: 'UND_ERR_CONNECT_TIMEOUT', reason: 'timeout' },
    { code: 'CERT_HAS_EXPIRED', reason: 'tls' },
    { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', reason: 'tls' },
    { code: 'ERR_TLS_CERT_ALTNAME_INVALID', reason: 'tls' },
    { code: 'EWHATEVER', reason: 'error' },
    { code: undefined, reason: 'error' },
  ])('$code → $reason', ({ code, reason }) => {
    expect(classifyNetworkError(code).reason).toBe(reason);
  });
});

describe('classifyWorkflowRuns', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  const run = (conclusion: string | null, hoursAgo: number, status = 'completed') => ({
    status,
    conclusion,
    updatedAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(),
    url: `https://github.com/x/y/actions/runs/${hoursAgo}`,
  });
  test.each([
    { name: 'latest succeeded', runs: [run('success', 1)], maxAge: undefined, outcome: 'ok', reason: undefined },
    { name: 'latest failed', runs: [run('failure', 1), run('success', 2)], maxAge: undefined, outcome: 'failed', reason: 'run-conclusion' },
    { name: 'latest timed out', runs: [run('timed_out', 1)], maxAge: undefined, outcome: 'failed', reason: 'run-conclusion' },
    { name: 'latest cancelled', runs: [run('cancelled', 1)], maxAge: undefined, outcome: 'failed', reason: 'run-conclusion' },
    { name: 'in progress is not completed', runs: [run(null, 0, 'in_progress'), run('success', 1)], maxAge: undefined, outcome: 'ok', reason: undefined },
    { name: 'skipped runs are passed over', runs: [run('skipped', 0), run('failure', 1)], maxAge: undefined, outcome: 'failed', reason: 'run-conclusion' },
    { name: 'success too old', runs: [run('success', 30)], maxAge: 24, outcome: 'failed', reason: 'no-recent-success' },
    { name: 'no run at all with a max age', runs: [], maxAge: 24, outcome: 'failed', reason: 'no-recent-success' },
    { name: 'no run at all without a max age', runs: [], maxAge: undefined, outcome: 'ok', reason: undefined },
    { name: 'recent success', runs: [run('success', 3)], maxAge: 24, outcome: 'ok', reason: undefined },
  ])('$name', ({ runs, maxAge, outcome, reason }) => {
    const result = classifyWorkflowRuns(runs, 'main', maxAge, now);
    expect(result.outcome).toBe(outcome);
    expect(result.reason).toBe(reason);
  });
});

describe('verifyTarballIntegrity', () => {
  const digests = { sha512Base64: 'abc==', sha1Hex: 'deadbeef' };
  test.each([
    { name: 'sha512 matches', dist: { integrity: 'sha512-abc==' }, ok: true },
    { name: 'sha512 differs', dist: { integrity: 'sha512-xyz==', shasum: 'deadbeef' }, ok: false },
    { name: 'one of several SRI hashes', dist: { integrity: 'sha1-zzz sha512-abc==' }, ok: true },
    { name: 'shasum only, matching', dist: { shasum: 'DEADBEEF' }, ok: true },
    { name: 'shasum only, differing', dist: { shasum: 'cafe' }, ok: false },
    { name: 'nothing published', dist: {}, ok: false },
  ])('$name', ({ dist, ok }) => {
    expect(verifyTarballIntegrity(dist, digests).ok).toBe(ok);
  });
});

describe('judgeRun (inconclusive rule)', () => {
  const r = (outcome: Outcome, reason: CheckResult['reason'], host: string) => ({ outcome, reason, host });
  test.each([
    { name: 'control failed', control: false, results: [r('ok', undefined, 'a')], inconclusive: true },
    { name: 'all ok', control: true, results: [r('ok', undefined, 'a'), r('ok', undefined, 'b')], inconclusive: false },
    { name: 'all connection errors, two hosts', control: true, results: [r('failed', 'dns', 'a'), r('failed', 'timeout', 'b')], inconclusive: true },
    { name: 'all connection errors, one host', control: true, results: [r('failed', 'connect', 'a'), r('failed', 'connect', 'a')], inconclusive: false },
    { name: 'one HTTP 500 among connection errors', control: true, results: [r('failed', 'dns', 'a'), r('failed', 'http-status', 'b')], inconclusive: false },
    { name: 'one up', control: true, results: [r('failed', 'dns', 'a'), r('ok', undefined, 'b'), r('failed', 'tls', 'c')], inconclusive: false },
    { name: 'a single monitor', control: true, results: [r('failed', 'connect', 'a')], inconclusive: false },
    { name: 'no monitors', control: true, results: [], inconclusive: false },
  ])('$name', ({ control, results, inconclusive }) => {
    expect(judgeRun({ ok: control, detail: 'x' }, results).inconclusive).toBe(inconclusive);
  });
});

const limits = { failuresToOpen: 2, successesToClose: 2 };
const OK = { outcome: 'ok' as const };
const DOWN = { outcome: 'failed' as const, reason: 'http-status' as const, httpStatus: 500 };
const TIMEOUT = { outcome: 'failed' as const, reason: 'timeout' as const };
const SLOW = { outcome: 'slow' as const };

function play(results: readonly (typeof OK | typeof DOWN | typeof TIMEOUT | typeof SLOW)[], l = limits): { kinds: Transition['kind'][]; state: MonitorState } {
  let state = FRESH_STATE;
  const kinds: Transition['kind'][] = [];
  results.forEach((result, i) => {
    const step = stepMonitor(state, result, new Date(Date.UTC(2026, 10, 21, 12, i * 5)), l);
    state = step.state;
    kinds.push(step.transition.kind);
  });
  return { kinds, state };
}

describe('stepMonitor (hysteresis)', () => {
  test.each([
    { name: 'down once: nothing', runs: [DOWN], kinds: ['none'] },
    { name: 'down twice: open', runs: [DOWN, DOWN], kinds: ['none', 'open'] },
    { name: 'down three times: open once', runs: [DOWN, DOWN, DOWN], kinds: ['none', 'open', 'none'] },
    { name: 'flapping never opens', runs: [DOWN, OK, DOWN, OK, DOWN, OK], kinds: ['none', 'none', 'none', 'none', 'none', 'none'] },
    { name: 'recovered twice: resolve', runs: [DOWN, DOWN, OK, OK], kinds: ['none', 'open', 'none', 'recovered'] },
    { name: 'a blip inside an outage does not resolve', runs: [DOWN, DOWN, OK, DOWN, OK, DOWN], kinds: ['none', 'open', 'none', 'none', 'none', 'none'] },
    { name: 'failure changes: one comment', runs: [DOWN, DOWN, TIMEOUT, TIMEOUT], kinds: ['none', 'open', 'changed', 'none'] },
    { name: 'slow then failed', runs: [SLOW, SLOW, DOWN], kinds: ['none', 'open', 'changed'] },
    { name: 'slow counts towards opening', runs: [SLOW, DOWN], kinds: ['none', 'open'] },
  ])('$name', ({ runs, kinds }) => {
    expect(play(runs).kinds).toEqual(kinds);
  });

  test('thresholds come from the monitor', () => {
    expect(play([DOWN], { failuresToOpen: 1, successesToClose: 3 }).kinds).toEqual(['open']);
    expect(play([DOWN, OK, OK, OK], { failuresToOpen: 1, successesToClose: 3 }).kinds).toEqual(['open', 'none', 'none', 'recovered']);
  });

  test('the episode starts at the first failure and recovery says how long it lasted', () => {
    let state = FRESH_STATE;
    const at = (min: number) => new Date(Date.UTC(2026, 10, 21, 12, min));
    state = stepMonitor(state, DOWN, at(0), limits).state;
    state = stepMonitor(state, DOWN, at(5), limits).state;
    expect(state.episode?.since).toBe(at(0).toISOString());
    state = stepMonitor(state, OK, at(10), limits).state;
    const last = stepMonitor(state, OK, at(15), limits);
    expect(last.transition).toMatchObject({ kind: 'recovered', downForMs: 15 * 60_000 });
    expect(last.state.status).toBe('up');
  });

  test('adopting an open issue continues its episode', () => {
    const adopted = adoptOpenIssue(FRESH_STATE, 7, '2026-11-21T11:00:00.000Z', 'failed:error');
    expect(adopted).toMatchObject({ status: 'down', episode: { issue: 7 } });
    const r1 = stepMonitor(adopted, OK, new Date('2026-11-21T12:00:00Z'), limits);
    const r2 = stepMonitor(r1.state, OK, new Date('2026-11-21T12:05:00Z'), limits);
    expect(r2.transition).toMatchObject({ kind: 'recovered', episode: { issue: 7 } });
  });
});

describe('planActions', () => {
  const facts = (f: Partial<GitHubFacts> = {}): GitHubFacts => ({ openIssue: null, takenOver: false, personIncident: null, underMaintenance: false, ...f });
  const episode = { since: '2026-11-21T12:00:00.000Z', signature: 'failed:timeout', issue: 5, joined: null, suppressed: false };
  const open: Transition = { kind: 'open', since: episode.since };
  test.each([
    { name: 'open: a new issue', t: open, ep: null, f: facts(), actions: [{ kind: 'open-issue' }] },
    { name: 'open: under maintenance', t: open, ep: null, f: facts({ underMaintenance: true }), actions: [{ kind: 'suppressed' }] },
    { name: 'open: a person declared one', t: open, ep: null, f: facts({ personIncident: 9 }), actions: [{ kind: 'evidence-comment', issue: 9 }] },
    { name: 'open: another run opened it', t: open, ep: null, f: facts({ openIssue: 4 }), actions: [{ kind: 'adopt', issue: 4 }] },
    {
      name: 'changed: comment',
      t: { kind: 'changed', from: 'a', to: 'b' } as Transition,
      ep: episode,
      f: facts({ openIssue: 5 }),
      actions: [{ kind: 'change-comment', issue: 5 }],
    },
    {
      name: 'recovered: close',
      t: { kind: 'recovered', episode, downForMs: 1 } as Transition,
      ep: episode,
      f: facts({ openIssue: 5 }),
      actions: [{ kind: 'recovery-comment', issue: 5, close: true }],
    },
    {
      name: 'recovered, taken over: comment only',
      t: { kind: 'recovered', episode, downForMs: 1 } as Transition,
      ep: episode,
      f: facts({ openIssue: 5, takenOver: true }),
      actions: [{ kind: 'recovery-comment', issue: 5, close: false }],
    },
    {
      name: 'recovered, a person closed it already: nothing',
      t: { kind: 'recovered', episode, downForMs: 1 } as Transition,
      ep: episode,
      f: facts(),
      actions: [],
    },
    {
      name: 'recovered, joined a person’s incident: comment only',
      t: { kind: 'recovered', episode: { ...episode, issue: null, joined: 9 }, downForMs: 1 } as Transition,
      ep: { ...episode, issue: null, joined: 9 },
      f: facts({ personIncident: 9 }),
      actions: [{ kind: 'recovery-comment', issue: 9, close: false }],
    },
  ])('$name', ({ t, ep, f, actions }) => {
    expect(planActions(t, ep, f)).toMatchObject(actions);
  });
});

describe('who owns an issue', () => {
  const bots = ['github-actions[bot]'];
  test.each([
    { name: 'bot + marker', author: 'github-actions[bot]', body: `x\n${monitorMarker('homepage')}`, id: 'homepage' },
    { name: 'bot without marker', author: 'github-actions[bot]', body: 'hello', id: null },
    { name: 'person with a copied marker', author: 'mallory', body: monitorMarker('homepage'), id: null },
    { name: 'another bot with the marker', author: 'dependabot[bot]', body: monitorMarker('homepage'), id: null },
  ])('$name', ({ author, body, id }) => {
    expect(monitorIdOf({ author, body }, bots)).toBe(id);
  });

  const labels = config().labels;
  test.each([
    { name: 'untouched', events: [], comments: [], taken: false },
    { name: 'bot labels only', events: [{ type: 'labeled', actor: 'github-actions[bot]', label: 'incident' }], comments: [], taken: false },
    { name: 'a person set a status label', events: [{ type: 'labeled', actor: 'mia', label: 'identified' }], comments: [], taken: true },
    { name: 'a person removed a status label', events: [{ type: 'unlabeled', actor: 'mia', label: 'investigating' }], comments: [], taken: true },
    { name: 'a person added another label', events: [{ type: 'labeled', actor: 'mia', label: 'P0' }], comments: [], taken: false },
    { name: 'a Status: comment', events: [], comments: [{ author: 'mia', body: 'Status: identified\nDNS.' }], taken: true },
    { name: 'a plain comment', events: [], comments: [{ author: 'mia', body: 'Looking.' }], taken: false },
    { name: 'reopened', events: [{ type: 'reopened', actor: 'mia' }], comments: [], taken: true },
  ])('take-over: $name', ({ events, comments, taken }) => {
    expect(isTakenOver({ events, comments }, bots, labels)).toBe(taken);
  });
});

describe('history retention', () => {
  const DAY = 86_400;
  test('percentiles are nearest-rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(
      percentile(
        [...Array(100).keys()].map((i) => i + 1),
        95,
      ),
    ).toBe(95);
    expect(percentile([], 50)).toBeNull();
  });

  test('days aggregate checks, failures and latency; inconclusive runs are left out', () => {
    const t0 = Date.UTC(2026, 10, 20) / 1000;
    expect(
      aggregateDays([
        [t0, 100, 'ok'],
        [t0 + 300, 300, 'slow'],
        [t0 + 600, null, 'failed:timeout'],
        [t0 + 900, null, 'inconclusive'],
        [t0 + DAY, 50, 'ok'],
      ]),
    ).toEqual([
      ['2026-11-20', 3, 2, 100, 300],
      ['2026-11-21', 1, 0, 50, 50],
    ]);
  });

  test('raw kept 48 h, daily 90 days; days aged out of raw keep their aggregate', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const t = (hoursAgo: number) => Math.floor(now.getTime() / 1000) - hoursAgo * 3600;
    const entry = {
      state: FRESH_STATE,
      raw: [
        [t(60), 10, 'ok'],
        [t(47), 20, 'ok'],
        [t(1), null, 'failed:http-500'],
      ] as [number, number | null, string][],
      daily: [
        ['2026-08-01', 1, 0, 1, 1],
        ['2026-11-19', 288, 3, 40, 90],
      ] as [string, number, number, number | null, number | null][],
      lastDetail: null,
    };
    const pruned = pruneEntry(entry, now);
    expect(pruned.raw.map((r) => r[0])).toEqual([t(47), t(1)]);
    expect(pruned.daily.map((d) => d[0])).toEqual(['2026-11-19', '2026-11-21']);
    expect(pruned.daily[1]).toEqual(['2026-11-21', 1, 1, null, null]);
    expect(pruned.daily[0]).toEqual(['2026-11-19', 288, 3, 40, 90]);
  });

  test('recordRun keeps state and raw per configured monitor and drops removed ones', () => {
    const at = new Date('2026-11-21T12:00:00Z');
    const result: CheckResult = { outcome: 'ok', detail: 'HTTP 200', latencyMs: 42, host: 'a', attempts: 1 };
    const history = { ...emptyHistory(), monitors: { gone: { state: FRESH_STATE, raw: [], daily: [], lastDetail: null } } };
    const next = recordRun(history, { at, inconclusive: null, monitors: new Map([['home', { result, state: FRESH_STATE }]]) }, ['home']);
    expect(Object.keys(next.monitors)).toEqual(['home']);
    expect(next.monitors['home']?.raw).toEqual([[at.getTime() / 1000, 42, 'ok']]);
    expect(next.lastRunAt).toBe(at.toISOString());
    const inconclusive = recordRun(
      next,
      { at: new Date(at.getTime() + 300_000), inconclusive: 'control failed', monitors: new Map([['home', { result, state: FRESH_STATE }]]) },
      ['home'],
    );
    expect(inconclusive.monitors['home']?.raw.at(-1)?.[2]).toBe('inconclusive');
    expect(inconclusive.lastRunInconclusive).toBe('control failed');
  });
});

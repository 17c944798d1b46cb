/**
 * The whole loop across runs, against the test GitHub server and real HTTP targets on 127.0.0.1:
 * down twice → exactly one issue; flapping → no churn; overlapping runs → one issue; recovered
 * twice → closed; a person took over → comment only; every host unreachable → inconclusive;
 * a person's incident → one evidence comment; maintenance → nothing opened.
 */
import { createServer as createNetServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { emptyHistory } from '../../src/lib/monitor/history.ts';
import { monitorMarker } from '../../src/lib/monitor/marker.ts';
import type { MonitorHistory } from '../../src/lib/schema/monitor-history.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { type MonitorRunOptions, runMonitor } from '../../src/monitor/run-monitor.ts';
import { FakeClock } from '../support/github-repo.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';
import { startServer, type TargetServer } from '../support/monitor-targets.ts';
import { formBody, issue as issueRecord, config as makeConfig, snapshot } from '../support/records.ts';

const BOT = 'github-actions[bot]';
let github: GitHubTestServer;
let site: TargetServer;
let docs: TargetServer;
/** What the two targets answer; 0 closes the connection without an answer. */
const answer = { site: 200, docs: 200 };
let history: MonitorHistory;
let minute = 0;
let deadPort = 0;

function target(key: keyof typeof answer) {
  return startServer((_req, res) => {
    if (answer[key] === 0) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(answer[key], { 'content-type': 'text/html' }).end(answer[key] === 200 ? '<h1>Welcome</h1>' : 'oops');
  });
}

beforeAll(async () => {
  site = await target('site');
  docs = await target('docs');
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  deadPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  await Promise.all([site?.close(), docs?.close()]);
});

beforeEach(async () => {
  github = await startGitHubServer({ clock: new FakeClock(Date.parse('2026-11-21T09:00:00Z')) });
  github.repo('acme/widgets').setPermission('maint', 'admin');
  answer.site = 200;
  answer.docs = 200;
  history = emptyHistory();
  minute = 0;
});

afterEach(async () => {
  await github.close();
});

const cfg = (monitors: unknown[] = [{ id: 'homepage', name: 'Homepage', component: 'site', http: { url: `${site.url}/`, contains: 'Welcome' } }]) =>
  makeConfig({ monitors } as never);

async function run(extra: Partial<MonitorRunOptions> = {}) {
  minute += 5;
  const options: MonitorRunOptions = {
    config: cfg(),
    history,
    model: null,
    token: 'ghs_test',
    apiUrl: github.url,
    now: new Date(Date.parse('2026-11-21T10:00:00Z') + minute * 60_000),
    botLogins: [BOT],
    env: {},
    retryDelaysMs: [0, 0],
    sleep: async () => {},
    throttle: false,
    retryBaseMs: 1,
    warn: () => {},
    ...extra,
  };
  const out = await runMonitor(options);
  history = out.history;
  return out.summary;
}

const repo = () => github.repo('acme/widgets');
const openIssues = () =>
  repo()
    .listed()
    .filter((i) => i.state === 'open');
const commentsOn = (n: number) => repo().commentsOf(n);

describe('the monitor loop', () => {
  test('down twice → exactly one issue, in the incident form shape, with the marker; no comment per run while down', async () => {
    answer.site = 500;
    expect((await run()).opened).toEqual([]);
    expect(openIssues()).toHaveLength(0);
    const second = await run();
    expect(second.opened).toHaveLength(1);
    const [issue] = openIssues();
    expect(issue).toMatchObject({ user: BOT, labels: ['incident', 'P1', 'component:site'] });
    expect(issue?.title).toBe('Homepage is down (detected automatically)');
    expect(issue?.body).toContain('### Severity\n\nP1');
    expect(issue?.body).toContain('### What is broken');
    expect(issue?.body).toContain('HTTP status: 500');
    expect(issue?.body).toContain('Attempts in the last run: 3');
    expect(issue?.body).toContain(monitorMarker('homepage'));
    await run();
    await run();
    expect(openIssues()).toHaveLength(1);
    expect(commentsOn(issue!.number)).toHaveLength(0);
  });

  test('slow twice → a P2 issue saying it is slow; then failing → one comment', async () => {
    const slow = await startServer((_req, res) => void setTimeout(() => res.writeHead(answer.site).end('Welcome'), 120));
    try {
      const monitors = [{ id: 'homepage', name: 'Homepage', component: 'site', severity: 'P0', http: { url: `${slow.url}/`, slowAfterMs: 50 } }];
      await run({ config: cfg(monitors) });
      const second = await run({ config: cfg(monitors) });
      expect(second.monitors[0]).toMatchObject({ outcome: 'slow', attempts: 1 });
      const [issue] = openIssues();
      expect(issue).toMatchObject({ title: 'Homepage is slow (detected automatically)', labels: ['incident', 'P2', 'component:site'] });
      answer.site = 500;
      await run({ config: cfg(monitors) });
      expect(commentsOn(issue!.number).map((c) => c.body)).toEqual([expect.stringContaining('now reports: failed')]);
    } finally {
      await slow.close();
    }
  });

  test('flapping never opens and closes issues', async () => {
    for (const status of [500, 200, 500, 200, 500, 200, 500, 200]) {
      answer.site = status;
      await run();
    }
    expect(repo().listed()).toHaveLength(0);
    expect(github.log.filter((e) => e.method !== 'GET')).toHaveLength(0);
  });

  test('a new kind of failure: one comment', async () => {
    answer.site = 500;
    await run();
    await run();
    answer.site = 503;
    await run();
    await run();
    const [issue] = openIssues();
    expect(commentsOn(issue!.number).map((c) => c.body)).toEqual([expect.stringContaining('HTTP 503')]);
  });

  test('two overlapping runs → still one open issue', async () => {
    answer.site = 500;
    await run();
    const shared = history;
    const now = new Date('2026-11-21T10:30:00Z');
    const [a, b] = await Promise.all([run({ history: shared, now }), run({ history: shared, now })]);
    expect(openIssues()).toHaveLength(1);
    const opened = [...a.opened, ...b.opened];
    const closed = [...a.closed, ...b.closed];
    // Either the second run saw the first one's issue, or it opened a duplicate and closed it itself.
    expect(opened.length + closed.length).toBeLessThanOrEqual(2);
    for (const n of closed) expect(repo().get(n)).toMatchObject({ user: BOT, state: 'closed', state_reason: 'not_planned' });
    // Later runs continue the one open issue.
    await run();
    expect(openIssues()).toHaveLength(1);
  });

  test('a duplicate from an overlapping run is closed by the run that made it, never the older one', async () => {
    answer.site = 500;
    await run();
    // Another run opened one a moment ago, after this run listed the open issues.
    const other = repo().addIssue({ title: 'Homepage is down', body: `x\n${monitorMarker('homepage')}`, labels: ['incident'], user: BOT });
    // This run's first listing must miss it (it was created a moment later): hide it once.
    let hidden = true;
    const realListed = repo().listed.bind(repo());
    repo().listed = () => {
      const all = realListed();
      if (!hidden) return all;
      hidden = false;
      return all.filter((i) => i.number !== other.number);
    };
    const summary = await run();
    expect(summary.closed).toHaveLength(1);
    expect(openIssues().map((i) => i.number)).toEqual([other.number]);
    expect(repo().get(summary.closed[0]!).state_reason).toBe('not_planned');
    expect(commentsOn(summary.closed[0]!)[0]?.body).toContain(`duplicate of #${other.number}`);
  });

  test('recovered twice → recovery comment and closed', async () => {
    answer.site = 500;
    await run();
    await run();
    const [issue] = openIssues();
    answer.site = 200;
    await run();
    expect(repo().get(issue!.number).state).toBe('open');
    const last = await run();
    expect(last.closed).toEqual([issue!.number]);
    expect(repo().get(issue!.number)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(commentsOn(issue!.number).map((c) => c.body)).toEqual([
      expect.stringMatching(/^<!-- sitrep-monitor-comment: homepage -->\nRecovered: .* \(down for 15 min\)\. Closing/),
    ]);
  });

  test.each([
    { name: 'changed its status label', takeOver: (n: number) => repo().addLabel(n, 'identified', 'maint') },
    { name: 'posted a Status: comment', takeOver: (n: number) => void repo().comment(n, 'maint', 'Status: identified\nThe CDN is down.') },
    {
      name: 'reopened it',
      takeOver: (n: number) => {
        repo().close(n, 'maint');
        repo().reopen(n, 'maint');
      },
    },
  ])('a person $name → recovery comment only, never closed', async ({ takeOver }) => {
    answer.site = 500;
    await run();
    await run();
    const [issue] = openIssues();
    takeOver(issue!.number);
    answer.site = 200;
    await run();
    const last = await run();
    expect(last.closed).toEqual([]);
    expect(repo().get(issue!.number).state).toBe('open');
    // Later good runs leave it alone: no comment per run on an issue left to people.
    await run();
    await run();
    await run();
    const botComments = () =>
      commentsOn(issue!.number)
        .filter((c) => c.user === BOT)
        .map((c) => c.body);
    expect(botComments()).toEqual([expect.stringMatching(/^<!-- sitrep-monitor-comment: homepage -->\nRecovered: .*left to the people/)]);
    // Down again while their issue is still open: it continues there, no second issue.
    answer.site = 500;
    await run();
    await run();
    expect(openIssues().map((i) => i.number)).toEqual([issue!.number]);
  });

  test('the list of its open issues cannot be read: nothing is done this run, the next run acts', async () => {
    answer.site = 500;
    await run();
    github.injectFault({ kind: 'status', status: 500 }, { times: 10, match: (method, path) => method === 'GET' && path === '/repos/acme/widgets/issues' });
    const blind = await run();
    expect(blind.warnings.join('\n')).toMatch(/could not list the monitor issues/);
    expect(repo().listed()).toHaveLength(0);
    github.clearFaults();
    const next = await run();
    expect(next.opened).toHaveLength(1);
  });

  test('a person closed it while down: nothing more, and no second issue while the episode lasts', async () => {
    answer.site = 500;
    await run();
    await run();
    const [issue] = openIssues();
    repo().close(issue!.number, 'maint', 'not_planned');
    await run();
    answer.site = 200;
    await run();
    await run();
    expect(repo().listed()).toHaveLength(1);
    expect(commentsOn(issue!.number)).toHaveLength(0);
  });

  test('every host unreachable at once → inconclusive, nothing counted or opened', async () => {
    const monitors = [
      { id: 'a', name: 'A', component: 'site', http: { url: `http://127.0.0.1:${deadPort}/` } },
      { id: 'b', name: 'B', component: 'docs', http: { url: `http://localhost:${deadPort}/` } },
    ];
    for (let i = 0; i < 3; i++) {
      const summary = await run({ config: cfg(monitors) });
      expect(summary.inconclusive).toMatch(/connection error across 2 hosts/);
    }
    expect(repo().listed()).toHaveLength(0);
    expect(history.monitors['a']?.state.failures).toBe(0);
    expect(history.monitors['a']?.raw.map((r) => r[2])).toEqual(['inconclusive', 'inconclusive', 'inconclusive']);
  });

  test('the control request failing → inconclusive, nothing opened', async () => {
    answer.site = 500;
    for (let i = 0; i < 3; i++) {
      github.injectFault({ kind: 'status', status: 503 }, { match: (_m, path) => path === '/rate_limit' });
      expect((await run()).inconclusive).toMatch(/control request failed/);
    }
    expect(repo().listed()).toHaveLength(0);
  });

  test('one site down while another answers is an outage, not the network', async () => {
    answer.docs = 0;
    const monitors = [
      { id: 'homepage', name: 'Homepage', component: 'site', http: { url: `${site.url}/` } },
      { id: 'docs', name: 'Docs', component: 'docs', http: { url: `${docs.url}/` } },
    ];
    await run({ config: cfg(monitors) });
    const summary = await run({ config: cfg(monitors) });
    expect(summary.inconclusive).toBeNull();
    expect(openIssues().map((i) => i.labels)).toEqual([['incident', 'P1', 'component:docs']]);
  });

  test('a person already declared an incident on the component → one evidence comment there, no new issue', async () => {
    const theirs = repo().addIssue({ title: 'Website down', labels: ['incident', 'component:site'], user: 'maint' });
    const model = buildSiteModel({
      config: cfg(),
      snapshot: snapshot([issueRecord({ number: theirs.number, labels: ['incident', 'component:site'], body: formBody({ Severity: 'P1' }) })]) as never,
      postmortemFiles: [],
      now: new Date('2026-11-21T10:00:00Z'),
      demo: false,
    });
    answer.site = 500;
    await run({ model });
    await run({ model });
    await run({ model });
    expect(repo().listed()).toHaveLength(1);
    expect(commentsOn(theirs.number).map((c) => c.body)).toEqual([expect.stringContaining('The monitor **Homepage** (`homepage`) also sees this')]);
    answer.site = 200;
    await run({ model });
    await run({ model });
    expect(repo().get(theirs.number).state).toBe('open');
    expect(commentsOn(theirs.number)).toHaveLength(2);
  });

  test('under scheduled maintenance → nothing opened; once it ends and the check still fails, opened', async () => {
    const body = formBody({ 'Window start (UTC)': '2026-11-21 09:00', 'Window end (UTC)': '2026-11-21 11:00', 'Affected components': '- [X] Website' });
    const during = buildSiteModel({
      config: cfg(),
      snapshot: snapshot([issueRecord({ number: 50, labels: ['maintenance'], body })]) as never,
      postmortemFiles: [],
      now: new Date('2026-11-21T10:10:00Z'),
      demo: false,
    });
    expect(during.maintenances[0]?.status).toBe('in_progress');
    answer.site = 500;
    await run({ model: during });
    const suppressed = await run({ model: during });
    expect(suppressed.monitors[0]?.actions).toEqual(['not opened: the component is under scheduled maintenance']);
    expect(repo().listed()).toHaveLength(0);
    const after = await run({ model: null });
    expect(after.opened).toHaveLength(1);
  });

  test('a fresh history with the monitor’s issue still open continues that issue and resolves it', async () => {
    answer.site = 500;
    await run();
    await run();
    const [issue] = openIssues();
    history = emptyHistory();
    answer.site = 200;
    await run();
    await run();
    expect(repo().get(issue!.number).state).toBe('closed');
  });

  test('a token that may not write: warnings, the next run tries again', async () => {
    answer.site = 500;
    repo().tokenCan.issues = false;
    await run();
    const refused = await run();
    expect(refused.warnings.join('\n')).toMatch(/could not open an issue for homepage: POST \/repos\/acme\/widgets\/issues → 403/);
    repo().tokenCan.issues = true;
    const next = await run();
    expect(next.opened).toHaveLength(1);
  });
});

/**
 * `npm run respond` against the test GitHub server with the real octokit: the whole paging
 * timeline with the server's clock, overlapping runs, and who is never paged. Each scenario
 * asserts the comments on the server and the writes in the request log.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/data/load-config.ts';
import { type RespondOptions, type RespondSummary, runRespond } from '../../src/github/respond.ts';
import { renderPageMarker } from '../../src/lib/paging-plan.ts';
import { incidentBody, PEOPLE } from '../support/github-fixtures.ts';
import type { FakeComment, FakeGitHubRepo } from '../support/github-repo.ts';
import { type GitHubTestServer, LOCAL_CLIENT, type RequestLogEntry } from '../support/github-server.ts';
import { runScript } from '../support/run-script.ts';
import { configYaml, TOKEN, useSyncFixture } from '../sync/harness.ts';

const BOT = 'github-actions[bot]';
const ONCALL = `oncall:
  escalateAfterMinutes: 10
  repeat: 1
  rotations:
    - { name: Core, start: "00:00", end: "00:00", responders: [${PEOPLE.writer}, ${PEOPLE.maintainer}] }
`;

const fixture = useSyncFixture();
let server: GitHubTestServer;
let repo: FakeGitHubRepo;

beforeEach(() => {
  ({ server, repo } = fixture);
  writeFileSync(fixture.ws.configPath, configYaml(ONCALL));
});

async function respond(overrides: Partial<RespondOptions> = {}): Promise<{ summary: RespondSummary; log: RequestLogEntry[] }> {
  const config = parseConfigText(readFileSync(fixture.ws.configPath, 'utf8'), fixture.ws.configPath);
  server.clearLog();
  const summary = await runRespond({
    config,
    token: TOKEN,
    apiUrl: server.url,
    now: new Date(server.clock.ms),
    ...LOCAL_CLIENT,
    ...overrides,
  });
  return { summary, log: [...server.log] };
}

const minutes = (n: number): void => void server.clock.tick(n * 60_000);
const pagesOn = (number: number): FakeComment[] => repo.commentsOf(number).filter((c) => c.user === BOT && c.body.startsWith('<!-- sitrep:page'));
const mentioned = (c: FakeComment | undefined): string[] => [...(c?.body ?? '').matchAll(/(?<![\w\u2060])@([A-Za-z0-9-]+)/g)].map((m) => m[1] ?? '');
const writes = (log: readonly RequestLogEntry[]): string[] => log.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);

/** An outsider's report through the issue form (the form applies the severity and component labels). */
function outsiderReport(severity: 'P0' | 'P1' | 'P2' = 'P1'): number {
  return repo.addIssue({
    title: 'Installs fail @everyone',
    body: incidentBody('npm install hangs.'),
    labels: [severity, 'component:cli'],
    user: PEOPLE.outsider,
  }).number;
}

describe('an outsider’s report, labelled by a maintainer', () => {
  test('primary paged at once → no ack for 10 min → secondary paged → ack → no more pages', async () => {
    const n = outsiderReport();
    expect((await respond()).summary.incidents).toEqual([]); // not an incident until a maintainer says so

    repo.addLabel(n, 'incident', PEOPLE.admin);
    const first = await respond();
    expect(pagesOn(n).map(mentioned)).toEqual([[PEOPLE.writer]]);
    expect(writes(first.log)).toEqual([`POST /repos/acme/widgets/issues/${n}/comments`]);
    expect(first.summary.incidents).toMatchObject([{ number: n, action: 'page', step: 0, to: [PEOPLE.writer], rotation: 'Core', detail: 'primary' }]);
    expect(pagesOn(n)[0]?.body).toMatch(/assign yourself, set a status label \(`investigating`, `identified`, `monitoring`\), or comment/);
    expect(pagesOn(n)[0]?.body).toContain('https://acme.github.io/widgets-status/incidents/1/');

    minutes(5);
    const early = await respond();
    expect(writes(early.log)).toEqual([]);
    expect(early.summary.incidents).toMatchObject([{ action: 'wait', step: 1 }]);

    minutes(5);
    await respond();
    expect(pagesOn(n).map(mentioned)).toEqual([[PEOPLE.writer], [PEOPLE.maintainer]]);

    minutes(2);
    repo.comment(n, PEOPLE.writer, 'On it — the registry mirror is down.');
    for (const wait of [10, 10, 60]) {
      minutes(wait);
      const later = await respond();
      expect(writes(later.log)).toEqual([]);
      expect(later.summary.incidents).toMatchObject([{ number: n, action: 'none', detail: 'acknowledged' }]);
    }
    expect(pagesOn(n)).toHaveLength(2);
  });

  test('with nobody answering, pages stop after (repeat + 1) rounds', async () => {
    const n = outsiderReport('P0');
    repo.addLabel(n, 'incident', PEOPLE.admin);
    for (let run = 0; run < 10; run++) {
      await respond();
      minutes(10);
    }
    expect(pagesOn(n).map(mentioned)).toEqual([
      [PEOPLE.writer],
      [PEOPLE.maintainer],
      [PEOPLE.writer, PEOPLE.maintainer],
      [PEOPLE.writer],
      [PEOPLE.maintainer],
      [PEOPLE.writer, PEOPLE.maintainer],
    ]);
  });

  test('an outsider’s comment is no acknowledgement, and an outsider’s page marker skips nothing', async () => {
    const n = outsiderReport();
    repo.addLabel(n, 'incident', PEOPLE.admin);
    repo.comment(n, PEOPLE.outsider, `${renderPageMarker(5, 'Core', ['nobody'])}\nme too`);
    await respond();
    expect(pagesOn(n).map(mentioned)).toEqual([[PEOPLE.writer]]);
    expect(pagesOn(n)[0]?.body).toMatch(/step=0 /);
  });

  test('assigning yourself acknowledges', async () => {
    const n = outsiderReport();
    repo.addLabel(n, 'incident', PEOPLE.admin);
    await respond();
    repo.assign(n, PEOPLE.writer, PEOPLE.writer);
    minutes(30);
    await respond();
    expect(pagesOn(n)).toHaveLength(1);
  });

  test('overlapping runs page a step once: a duplicate is removed by the run that made it', async () => {
    const n = outsiderReport();
    repo.addLabel(n, 'incident', PEOPLE.admin);
    repo.comment(n, PEOPLE.reader, 'Same here.');
    const runs = await Promise.all([respond(), respond(), respond()]);
    expect(pagesOn(n)).toHaveLength(1);
    // The runs share the server, so its log holds all three.
    const posts = writes(server.log).filter((w) => w.startsWith('POST'));
    const deletes = runs.flatMap((r) => r.summary.removedDuplicates);
    expect(posts.length, 'the three runs raced to post the first page').toBeGreaterThan(1);
    expect(deletes).toHaveLength(posts.length - 1);
    expect(writes(server.log).filter((w) => w.startsWith('DELETE'))).toHaveLength(posts.length - 1);
    // Nobody else's comment was touched.
    expect(
      repo
        .commentsOf(n)
        .filter((c) => c.user !== BOT)
        .map((c) => c.body),
    ).toEqual(['Same here.']);
    minutes(10);
    await Promise.all([respond(), respond()]);
    expect(pagesOn(n).map(mentioned)).toEqual([[PEOPLE.writer], [PEOPLE.maintainer]]);
  });

  test('an acknowledgement that lands while the run is deciding stops the page: GitHub is read again right before posting', async () => {
    const n = outsiderReport();
    repo.addLabel(n, 'incident', PEOPLE.admin);
    // The first read asks for the reporter's permission; the writer assigns themselves just then.
    let asked = 0;
    server.route('GET', '/repos/:owner/:repo/collaborators/:username/permission', ({ params }) => {
      if (params['username'] !== PEOPLE.outsider)
        return { status: 200, body: { permission: 'write', role_name: 'write', user: { login: params['username'] } } };
      if (asked++ === 0) repo.assign(n, PEOPLE.writer, PEOPLE.writer);
      return { status: 404, body: { message: 'Not Found' } };
    });
    const { summary, log } = await respond();
    expect(summary.incidents).toMatchObject([{ number: n, action: 'none', detail: 'acknowledged' }]);
    expect(writes(log)).toEqual([]);
    expect(repo.commentsOf(n)).toEqual([]);
  });

  test('a dry run reads, decides and posts nothing', async () => {
    const n = outsiderReport();
    repo.addLabel(n, 'incident', PEOPLE.admin);
    const { summary, log } = await respond({ dryRun: true });
    expect(writes(log)).toEqual([]);
    expect(summary.incidents).toMatchObject([{ number: n, action: 'page', to: [PEOPLE.writer], commentId: null }]);
  });
});

describe('never paged', () => {
  test('an incident a maintainer declares: they own it', async () => {
    const n = repo.addIssue({ title: 'Down', body: incidentBody('All down.'), labels: ['incident', 'P0'], user: PEOPLE.admin }).number;
    for (let run = 0; run < 4; run++) {
      const { summary } = await respond();
      expect(summary.incidents).toMatchObject([{ number: n, action: 'none', detail: 'declared by a maintainer, who owns it' }]);
      minutes(15);
    }
    expect(repo.commentsOf(n)).toEqual([]);
  });

  test('a P2: it only notifies the channels', async () => {
    // The severity an outsider's label says does not count (triage is not trust): their form's does,
    // once a maintainer adopts the report.
    const n = repo.addIssue({
      title: 'Docs search is slow',
      body: incidentBody('Search takes 10 s.').replace('### Severity\n\nP1', '### Severity\n\nP2'),
      labels: ['component:cli'],
      user: PEOPLE.outsider,
    }).number;
    repo.addLabel(n, 'incident', PEOPLE.admin);
    const { summary, log } = await respond();
    expect(summary.incidents).toMatchObject([{ number: n, action: 'none', detail: 'severity does not page' }]);
    expect(writes(log)).toEqual([]);
  });

  test('an outsider’s report a triager labels (not trusted): not published, not paged', async () => {
    const n = outsiderReport('P0');
    repo.addLabel(n, 'incident', PEOPLE.triager);
    const { summary } = await respond();
    expect(summary.incidents).toMatchObject([{ number: n, action: 'skipped' }]);
    expect(repo.commentsOf(n)).toEqual([]);
  });
});

describe('npm run respond', () => {
  test('as a real process: pages and prints the summary as JSON', async () => {
    const n = outsiderReport();
    repo.addLabel(n, 'incident', PEOPLE.admin);
    const result = await runScript('scripts/respond.ts', ['--json'], {
      GITHUB_API_URL: server.url,
      GITHUB_TOKEN: TOKEN,
      SITREP_CONFIG: fixture.ws.configPath,
      SITREP_NOW: new Date(server.clock.ms).toISOString(),
      SITREP_POSTMORTEMS: path.join(fixture.ws.dir, 'postmortems'),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      onCall: { rotation: 'Core' },
      incidents: [{ number: n, action: 'page', to: [PEOPLE.writer] }],
    });
    expect(pagesOn(n)).toHaveLength(1);
  });

  test('without `oncall` in the config it does nothing, quietly (respond.yml runs on every issue event)', async () => {
    writeFileSync(fixture.ws.configPath, configYaml());
    const n = outsiderReport('P0');
    repo.addLabel(n, 'incident', PEOPLE.admin);
    const result = await runScript('scripts/respond.ts', [], { GITHUB_API_URL: server.url, GITHUB_TOKEN: TOKEN, SITREP_CONFIG: fixture.ws.configPath });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('no `oncall` in the config: nobody to page');
    expect(result.stderr).toBe('');
    expect(repo.commentsOf(n)).toEqual([]);
  });

  test('without a token it says what is missing', async () => {
    const result = await runScript('scripts/respond.ts', [], { GITHUB_API_URL: server.url, GITHUB_TOKEN: undefined, SITREP_CONFIG: fixture.ws.configPath });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/GITHUB_TOKEN is not set/);
  });
});

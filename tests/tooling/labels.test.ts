/**
 * `npm run labels`: the label set derived from the config (pure), and applying it to the test
 * server with the real octokit — create what is missing, update what differs, touch nothing else.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/data/load-config.ts';
import { GitHubError } from '../../src/github/errors.ts';
import { syncLabels } from '../../src/github/labels.ts';
import { buildLabelSet, LABEL_DESCRIPTION_MAX, planLabelChanges } from '../../src/lib/label-set.ts';
import type { FakeGitHubRepo } from '../support/github-repo.ts';
import type { GitHubTestServer } from '../support/github-server.ts';
import { runScript } from '../support/run-script.ts';
import { configYaml, TOKEN, useSyncFixture } from '../sync/harness.ts';

const config = parseConfigText(configYaml(), 'status.yml');

describe('buildLabelSet', () => {
  test('one label per role and per component, with colours and short descriptions', () => {
    const set = buildLabelSet(config);
    expect(set.map((l) => l.name)).toEqual([
      'incident',
      'P0',
      'P1',
      'P2',
      'investigating',
      'identified',
      'monitoring',
      'maintenance',
      'postmortem',
      'embargoed',
      'component:cli',
    ]);
    expect(set.find((l) => l.name === 'P0')).toEqual({
      name: 'P0',
      color: 'b60205',
      description: 'P0 Critical: Extreme or total interruption, no reasonable workaround.',
    });
    for (const label of set) {
      expect(label.color).toMatch(/^[0-9a-f]{6}$/);
      expect(label.description.length).toBeLessThanOrEqual(LABEL_DESCRIPTION_MAX);
    }
  });

  test('follows renamed labels, drops a name used twice, and shortens long descriptions', () => {
    const renamed = parseConfigText(
      configYaml('labels:\n  incident: outage\n  severity: { P0: sev0 }\n  componentPrefix: "area/"\n  maintenance: outage'),
      'status.yml',
    );
    const long = { ...renamed, components: [{ id: 'cli', name: 'CLI', description: 'x'.repeat(300) }] };
    const set = buildLabelSet(long);
    expect(set.map((l) => l.name)).toEqual(['outage', 'sev0', 'P1', 'P2', 'investigating', 'identified', 'monitoring', 'postmortem', 'embargoed', 'area/cli']);
    expect(set.at(-1)?.description).toHaveLength(LABEL_DESCRIPTION_MAX);
    expect(set.at(-1)?.description.endsWith('…')).toBe(true);
  });
});

describe('planLabelChanges', () => {
  const wanted = [{ name: 'incident', color: 'd73a4a', description: 'An incident' }];
  test.each([
    { case: 'missing → create', existing: [], plan: ['create'] },
    { case: 'same, any case → nothing', existing: [{ name: 'Incident', color: 'D73A4A', description: 'An incident' }], plan: ['unchanged'] },
    { case: 'other colour → update', existing: [{ name: 'incident', color: 'ededed', description: 'An incident' }], plan: ['update'] },
    { case: 'no description → update', existing: [{ name: 'incident', color: 'd73a4a', description: null }], plan: ['update'] },
  ])('$case', ({ existing, plan }) => {
    const result = planLabelChanges(wanted, existing);
    expect([...result.create.map(() => 'create'), ...result.update.map(() => 'update'), ...result.unchanged.map(() => 'unchanged')]).toEqual(plan);
  });
});

describe('against the test server', () => {
  const fixture = useSyncFixture();
  let server: GitHubTestServer;
  let repo: FakeGitHubRepo;
  beforeEach(() => {
    ({ server, repo } = fixture);
    repo.labels.set('bug', { color: 'ee0701', description: "Something isn't working" });
  });
  const run = (dryRun = false) =>
    syncLabels({ config, token: TOKEN, apiUrl: server.url, dryRun, timeoutMs: 2_000, retries: 1, retryBaseMs: 10, throttle: false });
  const writes = () => server.log.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${decodeURIComponent(e.path)}`);

  test('creates the missing labels, updates the differing ones, leaves the rest; a second run writes nothing', async () => {
    // addPeople gave acme/widgets incident, maintenance, postmortem, P1 and component:cli, in other colours.
    const summary = await run();
    expect(summary.plan.create.map((l) => l.name)).toEqual(['P0', 'P2', 'investigating', 'identified', 'monitoring', 'embargoed']);
    expect(summary.plan.update.map((u) => u.current.name)).toEqual(['incident', 'P1', 'maintenance', 'postmortem', 'component:cli']);
    expect(writes()).toEqual([
      ...['P0', 'P2', 'investigating', 'identified', 'monitoring', 'embargoed'].map(() => 'POST /repos/acme/widgets/labels'),
      ...['incident', 'P1', 'maintenance', 'postmortem', 'component:cli'].map((name) => `PATCH /repos/acme/widgets/labels/${name}`),
    ]);
    for (const label of buildLabelSet(config)) expect(repo.findLabel(label.name)?.[1]).toEqual({ color: label.color, description: label.description });
    expect(repo.labels.get('bug')).toEqual({ color: 'ee0701', description: "Something isn't working" });

    server.clearLog();
    const again = await run();
    expect(writes()).toEqual([]);
    expect(again.plan.unchanged).toHaveLength(11);
    expect(again.requests).toBe(1);
  });

  test('--dry-run lists the plan and writes nothing', async () => {
    const before = new Map(repo.labels);
    const summary = await run(true);
    expect(writes()).toEqual([]);
    expect(repo.labels).toEqual(before);
    expect(summary).toMatchObject({ dryRun: true, plan: { create: expect.arrayContaining([expect.objectContaining({ name: 'P0' })]) } });
  });

  test('a token that may not write labels fails with the permission to add', async () => {
    repo.tokenCan.issues = false;
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({
      status: 403,
      endpoint: 'POST /repos/acme/widgets/labels',
      detail: expect.stringContaining('Resource not accessible by integration'),
    });
    expect((error as GitHubError).hint).toMatch(/issues: write/);
  });

  test('the CLI prints the plan with --dry-run and refuses to write without a token', async () => {
    const cli = (args: string[], env: Record<string, string>) =>
      runScript('scripts/labels.ts', args, { GITHUB_API_URL: server.url, SITREP_CONFIG: fixture.ws.configPath, SITREP_GITHUB_THROTTLE: 'off', ...env });
    const dry = await cli(['--dry-run'], { GITHUB_TOKEN: TOKEN });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Labels of acme/widgets (dry run: nothing was changed)');
    expect(dry.stdout).toContain('would create "P0" #b60205: P0 Critical');
    expect(dry.stdout).toContain('would update "incident": description → "An incident on the status page (published when a maintainer opens or labels it)"');
    expect(dry.stdout).toContain('would update "P1": colour #b60205 → #d93f0b, description → "P1 Major: Major degradation, a workaround may exist."');
    const noToken = await cli([], {});
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/GITHUB_TOKEN is not set/);
  });
});

/**
 * `npm run monitor` as a real process: one line per monitor, --json, the history file written
 * atomically and kept between runs, and a corrupt history starting fresh without opening anything.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MonitorHistorySchema } from '../../src/lib/schema/monitor-history.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';
import { startTargetServer, type TargetServer } from '../support/monitor-targets.ts';
import { runScript } from '../support/run-script.ts';

let github: GitHubTestServer;
let target: TargetServer;
let dir: string;

beforeAll(async () => {
  github = await startGitHubServer();
  github.repo('acme/widgets');
  target = await startTargetServer();
  dir = mkdtempSync(path.join(tmpdir(), 'sitrep-monitor-cli-'));
  writeFileSync(
    path.join(dir, 'status.yml'),
    `title: Acme status
description: Acme.
repository: acme/widgets
site: https://acme.github.io/status
components:
  - { id: website, name: Website }
  - { id: docs, name: Docs }
monitors:
  - id: homepage
    name: Homepage
    component: website
    http: { url: "${target.url}/500" }
  - id: docs
    name: Docs
    component: docs
    http: { url: "${target.url}/up", contains: "Welcome" }
`,
  );
});

afterAll(async () => {
  await Promise.all([github?.close(), target?.close()]);
});

const historyFile = () => path.join(dir, 'monitor-history.json');
const monitor = (args: string[], at: string) =>
  runScript('scripts/monitor.ts', args, {
    GITHUB_TOKEN: 'ghs_test',
    GITHUB_API_URL: github.url,
    SITREP_CONFIG: path.join(dir, 'status.yml'),
    SITREP_SNAPSHOT: path.join(dir, 'no-snapshot.json'),
    SITREP_MONITOR_HISTORY: historyFile(),
    SITREP_NOW: at,
    SITREP_RETRY_DELAYS_MS: '0,0',
  });

describe('npm run monitor', () => {
  test('prints one line per monitor, keeps the history, and a corrupt history opens nothing', async () => {
    const first = await monitor([], '2026-11-21T12:00:00Z');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^failed \(http-status\)\s+homepage\s+HTTP 500 \[3 attempts\]$/m);
    expect(first.stdout).toMatch(/^ok\s+docs\s+HTTP 200 in \d+ ms$/m);
    expect(first.stderr).toContain('no monitor history');
    const saved = MonitorHistorySchema.parse(JSON.parse(readFileSync(historyFile(), 'utf8')));
    expect(saved.monitors['homepage']?.state.failures).toBe(1);

    // The file is damaged between runs: the next failure is a first failure again.
    writeFileSync(historyFile(), '{"schemaVersion": 1, "monitors": {"homepage": tru');
    const second = await monitor(['--json'], '2026-11-21T12:05:00Z');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/monitor-history\.json is not valid JSON .*starting a fresh monitor history/);
    const report = JSON.parse(second.stdout);
    expect(report).toMatchObject({
      ok: true,
      inconclusive: null,
      opened: [],
      monitors: [
        { id: 'homepage', outcome: 'failed', reason: 'http-status', attempts: 3 },
        { id: 'docs', outcome: 'ok' },
      ],
    });
    expect(github.repo('acme/widgets').listed()).toHaveLength(0);

    // A second consecutive failure after the fresh start does open one.
    const third = await monitor(['--json'], '2026-11-21T12:10:00Z');
    expect(JSON.parse(third.stdout).opened).toEqual([1]);
    expect(
      github
        .repo('acme/widgets')
        .listed()
        .map((i) => i.title),
    ).toEqual(['Homepage is down (detected automatically)']);
  });

  test('bad flags and a missing token are reported', async () => {
    const bad = await monitor(['--nope'], '2026-11-21T12:00:00Z');
    expect(bad.code).toBe(2);
    const noToken = await runScript('scripts/monitor.ts', [], { SITREP_CONFIG: path.join(dir, 'status.yml'), SITREP_MONITOR_HISTORY: historyFile() });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('GITHUB_TOKEN is not set');
  });
});

/**
 * Shared set-up for the sync scenarios: a temp dir with a status.yml, the real sync pointed at
 * the test server (in-process with small retry/timeout values, or as a real `tsx` process), and
 * readers for the snapshot it wrote.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { parseConfigText } from '../../src/data/load-config.ts';
import type { SyncSummary } from '../../src/github/summary.ts';
import { runSync, type SyncOptions } from '../../src/github/sync.ts';
import { type IssueRecord, IssueRecordSchema, type Snapshot, SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { addPeople } from '../support/github-fixtures.ts';
import type { FakeGitHubRepo } from '../support/github-repo.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TOKEN = 'ghs_test_token';

export function configYaml(extra = ''): string {
  return [
    'title: Widgets status',
    'description: Status of the widgets.',
    'repository: acme/widgets',
    'site: https://acme.github.io/widgets-status',
    'components:',
    '  - id: cli',
    '    name: CLI',
    'maintainers: [config-carla]',
    extra,
  ].join('\n');
}

export interface Workspace {
  dir: string;
  configPath: string;
  snapshotPath: string;
  cleanup(): void;
}

export function createWorkspace(yaml = configYaml()): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-sync-'));
  const configPath = path.join(dir, 'status.yml');
  writeFileSync(configPath, yaml);
  return { dir, configPath, snapshotPath: path.join(dir, 'snapshot.json'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Logged {
  warnings: string[];
  progress: string[];
}

/**
 * runSync with test-sized waits and plugin-throttling off (tests about rate limits pass
 * `throttle: true`); returns the summary and what it logged.
 */
export async function syncInProcess(server: GitHubTestServer, ws: Workspace, overrides: Partial<SyncOptions> = {}): Promise<SyncSummary & { logged: Logged }> {
  const logged: Logged = { warnings: [], progress: [] };
  const summary = await runSync({
    config: parseConfigText(readFileSync(ws.configPath, 'utf8'), ws.configPath),
    snapshotPath: ws.snapshotPath,
    token: TOKEN,
    apiUrl: server.url,
    timeoutMs: 2_000,
    retries: 2,
    retryBaseMs: 10,
    maxRateLimitWaitSeconds: 5,
    throttle: false,
    log: { warn: (m) => logged.warnings.push(m), progress: (m) => logged.progress.push(m) },
    ...overrides,
  });
  return { ...summary, logged };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `tsx scripts/sync.ts` as a real process (async, so the in-process server keeps answering). */
export function syncCli(server: GitHubTestServer, ws: Workspace, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const fullEnv: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    GITHUB_API_URL: server.url,
    GITHUB_TOKEN: TOKEN,
    SITREP_CONFIG: ws.configPath,
    SITREP_SNAPSHOT: ws.snapshotPath,
    SITREP_TIMEOUT_SECONDS: '2',
    // Local test server: no write pacing (tests about rate limits unset it).
    SITREP_GITHUB_THROTTLE: 'off',
  };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete fullEnv[k];
    else fullEnv[k] = v;
  }
  return new Promise((resolve) => {
    execFile(tsx, ['scripts/sync.ts', ...args], { cwd: ROOT, env: fullEnv, timeout: 50_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function readSnapshot(ws: Workspace): Snapshot & { records: IssueRecord[] } {
  const snapshot = SnapshotSchema.parse(JSON.parse(readFileSync(ws.snapshotPath, 'utf8')));
  return { ...snapshot, records: snapshot.issues.map((i) => IssueRecordSchema.parse(i)) };
}

export function snapshotBytes(ws: Workspace): string | null {
  return existsSync(ws.snapshotPath) ? readFileSync(ws.snapshotPath, 'utf8') : null;
}

export function recordOf(ws: Workspace, number: number): IssueRecord | undefined {
  return readSnapshot(ws).records.find((r) => r.number === number);
}

export interface SyncFixture {
  server: GitHubTestServer;
  repo: FakeGitHubRepo;
  ws: Workspace;
}

/** A fresh server with acme/widgets and its people, and a fresh workspace, for every test. */
export function useSyncFixture(): SyncFixture {
  const fixture = {} as SyncFixture;
  beforeEach(async () => {
    fixture.server = await startGitHubServer();
    fixture.repo = fixture.server.repo('acme/widgets');
    addPeople(fixture.repo);
    fixture.ws = createWorkspace();
  });
  afterEach(async () => {
    await fixture.server.close();
    fixture.ws.cleanup();
  });
  return fixture;
}

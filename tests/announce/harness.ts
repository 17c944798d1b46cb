/**
 * Set-up for the announce scenarios: the real sync writes a snapshot from the test server, then
 * the real announce (in-process, or as `tsx scripts/announce.ts`) runs against the same server,
 * reading the model the way the build does. Helpers read the server's state and request log.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfigText } from '../../src/data/load-config.ts';
import { loadSnapshot } from '../../src/data/load-snapshot.ts';
import { type AnnounceOptions, type AnnounceSummary, runAnnounce } from '../../src/github/announce.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { incidentBody, PEOPLE } from '../support/github-fixtures.ts';
import type { FakeComment, FakeGitHubRepo, FakeIssue } from '../support/github-repo.ts';
import { LOCAL_CLIENT, type RequestLogEntry } from '../support/github-server.ts';
import { runScript, type ScriptResult } from '../support/run-script.ts';
import { type SyncFixture, syncInProcess, TOKEN, useSyncFixture } from '../sync/harness.ts';

export const SITE = 'https://acme.github.io/widgets-status';
export const BOT = 'github-actions[bot]';

/** A fresh server with acme/widgets and its people, and a fresh workspace, for every test. */
export const useAnnounceFixture = useSyncFixture;
export type AnnounceFixture = SyncFixture;

/** An incident opened by the admin, as the issue form files it. */
export function openIncident(repo: FakeGitHubRepo, severity: 'P0' | 'P1' | 'P2', title = `${severity} incident`): FakeIssue {
  return repo.addIssue({ title, body: incidentBody(`${title}: installs fail.`), labels: ['incident', severity, 'component:cli'], user: PEOPLE.admin });
}

/** Syncs, then announces; returns the summary and the log of the announce alone. */
export async function syncAndAnnounce(
  fixture: AnnounceFixture,
  overrides: Partial<AnnounceOptions> = {},
): Promise<{ summary: AnnounceSummary; log: RequestLogEntry[] }> {
  await syncInProcess(fixture.server, fixture.ws);
  return announce(fixture, overrides);
}

/** Announces from the snapshot as it is (no sync first). */
export async function announce(
  fixture: AnnounceFixture,
  overrides: Partial<AnnounceOptions> = {},
): Promise<{ summary: AnnounceSummary; log: RequestLogEntry[] }> {
  const { server, ws } = fixture;
  const config = { ...parseConfigText(readFileSync(ws.configPath, 'utf8'), ws.configPath), site: SITE };
  const snapshot = loadSnapshot(ws.snapshotPath);
  const now = new Date(server.clock.ms);
  const model = buildSiteModel({ config, snapshot, postmortemFiles: [], now, demo: false });
  server.clearLog();
  const summary = await runAnnounce({
    config,
    model,
    token: TOKEN,
    apiUrl: server.url,
    now,
    ...LOCAL_CLIENT,
    ...overrides,
  });
  return { summary, log: [...server.log] };
}

/** Requests that change something: REST writes and GraphQL mutations. */
export function writesIn(log: readonly RequestLogEntry[]): string[] {
  return log
    .filter((e) => (e.operation ? e.operation.startsWith('mutation') : e.method !== 'GET'))
    .map((e) => (e.operation ? `${e.operation}` : `${e.method} ${e.path}`));
}

/** Comments sitrep (the token's login) wrote on an issue. */
export function botComments(repo: FakeGitHubRepo, number: number): FakeComment[] {
  return repo.commentsOf(number).filter((c) => c.user === BOT);
}

/** `tsx scripts/announce.ts` as a real process against the test server; `undefined` unsets a variable. */
export function announceCli(fixture: AnnounceFixture, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<ScriptResult> {
  const { server, ws } = fixture;
  return runScript('scripts/announce.ts', args, {
    GITHUB_API_URL: server.url,
    GITHUB_TOKEN: TOKEN,
    SITREP_CONFIG: ws.configPath,
    SITREP_SNAPSHOT: ws.snapshotPath,
    SITREP_POSTMORTEMS: path.join(ws.dir, 'postmortems'),
    SITREP_SITE_URL: SITE,
    SITREP_NOW: new Date(server.clock.ms).toISOString(),
    SITREP_TIMEOUT_SECONDS: '2',
    SITREP_GITHUB_THROTTLE: 'off',
    ...env,
  });
}

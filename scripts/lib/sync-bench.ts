/**
 * Figures for `npm run bench` (issue #15, item 1): a first sync of a 10,000-incident history
 * (3 comments each) against the test GitHub server, with GITHUB_TOKEN's limit of 1,000 requests
 * an hour. Target: ≤ 300 counted requests and one run (nothing deferred). Printed, not a timed
 * test: tests/sync/batched.test.ts asserts the behaviour at a few hundred issues.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfigText } from '../../src/data/load-config.ts';
import { runSync } from '../../src/github/sync.ts';
import { addPeople, seedIncidents } from '../../tests/support/github-fixtures.ts';
import { startGitHubServer } from '../../tests/support/github-server.ts';

export const SYNC_BUDGET = { issues: 10_000, commentsEach: 3, maxRequests: 300, rateLimit: 1000 } as const;

const CONFIG = [
  'title: Widgets status',
  'description: Status of the widgets.',
  'repository: acme/widgets',
  'site: https://acme.github.io/widgets-status',
  'components:',
  '  - id: cli',
  '    name: CLI',
].join('\n');

export interface SyncFigures {
  lines: string[];
  /** Within the target: ≤ maxRequests counted, nothing deferred. */
  ok: boolean;
  counted: number;
}

export async function firstSyncFigures(issues: number = SYNC_BUDGET.issues): Promise<SyncFigures> {
  const server = await startGitHubServer({ rateLimit: SYNC_BUDGET.rateLimit });
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-sync-bench-'));
  try {
    const repo = server.repo('acme/widgets');
    addPeople(repo);
    const seeding = performance.now();
    seedIncidents(repo, issues, { open: 2, commentsEach: SYNC_BUDGET.commentsEach });
    const seeded = performance.now() - seeding;
    const snapshotPath = path.join(dir, 'snapshot.json');
    const started = performance.now();
    const summary = await runSync({
      config: parseConfigText(CONFIG, 'bench status.yml'),
      snapshotPath,
      token: 'ghs_bench',
      apiUrl: server.url,
      throttle: false, // local server: no write pacing (the sync only reads anyway)
    });
    const seconds = (performance.now() - started) / 1000;
    const byKind = (test: (p: string, op?: string) => boolean) => server.log.filter((e) => e.counted && test(e.path, e.operation)).length;
    const listings = byKind((p) => p.endsWith('/issues'));
    const batches = byKind((_p, op) => op === 'query nodes');
    const perIssue = byKind((p) => /\/issues\/\d+(\/\w+)?$/.test(p));
    const other = summary.requests.counted - listings - batches - perIssue;
    const ok = summary.requests.counted <= SYNC_BUDGET.maxRequests && summary.issues.deferred === 0;
    const n = (v: number) => v.toLocaleString('en-US');
    return {
      ok,
      counted: summary.requests.counted,
      lines: [
        `  ${n(issues)} incidents, ${SYNC_BUDGET.commentsEach} comments each (test server seeded in ${(seeded / 1000).toFixed(1)} s; rate limit ${n(SYNC_BUDGET.rateLimit)}/hour)`,
        `  first sync: ${n(summary.requests.counted)} counted requests in one run (${n(listings)} listing pages, ${n(batches)} GraphQL batches, ${n(perIssue)} per-issue REST, ${n(other)} other), ${n(summary.issues.deferred)} deferred`,
        `  took ${seconds.toFixed(1)} s; snapshot ${(statSync(snapshotPath).size / 1_048_576).toFixed(1)} MB; before issue #15 it was 2 requests an issue (${n(2 * issues)}+: ${Math.ceil((2 * issues) / SYNC_BUDGET.rateLimit)}+ hourly runs)`,
      ],
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

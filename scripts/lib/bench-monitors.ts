/**
 * Monitor figures for `npm run bench` (not timed tests):
 * - one monitor run over 50 monitors (40 http, 5 npm, 5 workflow) against local servers: wall time
 *   and the requests it made, to the targets and to the GitHub API;
 * - the history file after 90 days of 5-minute runs for 50 monitors (target ≤ 1 MB). Days 1–87 are
 *   aggregated with the real `aggregateDays` from 288 results a day; the last 72 hours are recorded
 *   run by run with the real `recordRun` (864 runs), so retention and aggregation are exercised.
 */
import { parseConfigText } from '../../src/data/load-config.ts';
import { aggregateDays, emptyHistory, recordRun } from '../../src/lib/monitor/history.ts';
import type { CheckResult } from '../../src/lib/monitor/result.ts';
import { FRESH_STATE } from '../../src/lib/monitor/state.ts';
import type { MonitorHistory, RawResult } from '../../src/lib/schema/monitor-history.ts';
import { runMonitor } from '../../src/monitor/run-monitor.ts';
import { addRun } from '../../tests/support/github-monitor-routes.ts';
import { startGitHubServer } from '../../tests/support/github-server.ts';
import { makeTarball, startNpmRegistry, startTargetServer } from '../../tests/support/monitor-targets.ts';

export const HISTORY_BUDGET_BYTES = 1024 * 1024;
const MONITORS = 50;

function configYaml(target: string, registry: string): string {
  const lines = [
    'title: Bench',
    'description: Bench.',
    'repository: acme/widgets',
    'site: https://acme.github.io/status',
    'components:',
    '  - { id: site, name: Site }',
    'monitors:',
  ];
  for (let i = 0; i < 40; i++)
    lines.push(`  - { id: http-${i}, name: HTTP ${i}, component: site, http: { url: "${target}/${i % 4 === 0 ? 'slow?ms=150' : 'up'}", contains: Welcome } }`);
  for (let i = 0; i < 5; i++) lines.push(`  - { id: npm-${i}, name: npm ${i}, component: site, npm: { package: pkg-${i}, registry: "${registry}" } }`);
  for (let i = 0; i < 5; i++)
    lines.push(`  - { id: wf-${i}, name: Workflow ${i}, component: site, workflow: { repository: acme/project, workflow: wf-${i}.yml, branch: main } }`);
  return lines.join('\n');
}

export async function monitorRunFigures(): Promise<{ wallMs: number; targetRequests: number; githubRequests: number; monitors: number }> {
  const target = await startTargetServer();
  const tarball = makeTarball({ 'package/package.json': '{}', 'package/index.js': 'export {};\n'.repeat(2000) });
  const registry = await startNpmRegistry([...Array(5).keys()].map((i) => ({ name: `pkg-${i}`, version: '1.0.0', tarball })));
  const github = await startGitHubServer();
  github.repo('acme/widgets');
  for (let i = 0; i < 5; i++) addRun(github.repo('acme/project'), `wf-${i}.yml`, { conclusion: 'success', at: new Date().toISOString() });
  try {
    const config = parseConfigText(configYaml(target.url, registry.url), 'bench.yml');
    const started = performance.now();
    await runMonitor({
      config,
      history: emptyHistory(),
      model: null,
      token: 't',
      apiUrl: github.url,
      now: new Date(),
      botLogins: ['github-actions[bot]'],
      env: {},
      throttle: false,
      warn: () => {},
    });
    const wallMs = Math.round(performance.now() - started);
    return { wallMs, targetRequests: target.log.length + registry.log.length, githubRequests: github.log.length, monitors: config.monitors.length };
  } finally {
    await Promise.all([target.close(), registry.close(), github.close()]);
  }
}

/** A plausible result for monitor `m` at run `n`: mostly ok with varied latency, some slow, a few failures. */
function resultFor(m: number, n: number): CheckResult {
  const r = (m * 7919 + n * 104729) % 1000;
  if (r < 5) return { outcome: 'failed', reason: 'timeout', detail: 'timed out after 10 s', latencyMs: null, host: 'x', attempts: 3 };
  if (r < 20) return { outcome: 'slow', detail: 'slow', latencyMs: 1500 + r, host: 'x', attempts: 1 };
  return { outcome: 'ok', detail: 'HTTP 200', latencyMs: 80 + (r % 400), host: 'x', attempts: 1 };
}

export function historySizeFigures(now = new Date('2026-11-21T12:00:00Z')): {
  bytes: number;
  rawPerMonitor: number;
  daysPerMonitor: number;
  recordedRuns: number;
} {
  const step = 300;
  const end = Math.floor(now.getTime() / 1000);
  const recordedFrom = end - 72 * 3600;
  const start = end - 90 * 86_400;
  const ids = [...Array(MONITORS).keys()].map((i) => `monitor-${i}`);
  let history: MonitorHistory = emptyHistory();
  // Days 1–87: the daily aggregates the real code computes from a day of raw results.
  const monitors: MonitorHistory['monitors'] = {};
  ids.forEach((id, m) => {
    const raw: RawResult[] = [];
    for (let t = start, n = 0; t < recordedFrom; t += step, n++) {
      const res = resultFor(m, n);
      raw.push([t, res.outcome === 'failed' ? null : res.latencyMs, res.outcome === 'failed' ? `failed:${res.reason}` : res.outcome]);
    }
    monitors[id] = { state: FRESH_STATE, raw: [], daily: aggregateDays(raw), lastDetail: null };
  });
  history = { ...history, monitors };
  // The last 72 hours: run by run, as npm run monitor records them.
  let runs = 0;
  for (let t = recordedFrom; t <= end; t += step, runs++) {
    const results = new Map(ids.map((id, m) => [id, { result: resultFor(m, runs + 100_000), state: FRESH_STATE }]));
    history = recordRun(history, { at: new Date(t * 1000), inconclusive: null, monitors: results }, ids);
  }
  const first = history.monitors[ids[0] ?? ''];
  return {
    bytes: Buffer.byteLength(`${JSON.stringify(history)}\n`),
    rawPerMonitor: first?.raw.length ?? 0,
    daysPerMonitor: first?.daily.length ?? 0,
    recordedRuns: runs,
  };
}

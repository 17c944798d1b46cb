/**
 * `npm run monitor [-- --json] [-- --dry-run]`: checks every monitor in content/status.yml, keeps
 * their history, and opens, updates and resolves incidents on GitHub (docs: README, "Monitors").
 *
 * Environment: GITHUB_TOKEN (issues: write), GITHUB_REPOSITORY, GITHUB_API_URL, SITREP_NOW,
 * SITREP_CONFIG, SITREP_SNAPSHOT (maintenance windows and people's incidents come from the last
 * sync), SITREP_MONITOR_HISTORY (default content/monitor-history.json), SITREP_BOT_LOGIN (the login
 * the token writes as, when it is not GITHUB_TOKEN's github-actions[bot]), SITREP_RETRY_DELAYS_MS
 * (comma-separated waits before in-run retries; default 2000,10000).
 *
 * Exit code: 0 when the run completed (whatever the monitors found, inconclusive included);
 * 1 when the config is bad or a GitHub write failed (the history is written all the same).
 */
import { loadConfig } from '../src/data/load-config.ts';
import { loadMonitorHistory, resolveMonitorHistoryPath } from '../src/data/load-monitor-history.ts';
import { hasSnapshot } from '../src/data/load-snapshot.ts';
import { displayPath, resolveDataPaths } from '../src/data/paths.ts';
import { loadSite, resolveNow } from '../src/data/site.ts';
import { InputError } from '../src/lib/errors.ts';
import { writeHistoryAtomically } from '../src/monitor/history-file.ts';
import { runMonitor } from '../src/monitor/run-monitor.ts';
import { formatMonitorSummary } from '../src/monitor/summary.ts';
import { ExitError, githubEnv, printWarning, runCli } from './lib/cli.ts';

const USAGE = `Usage: npm run monitor [-- --json] [-- --dry-run]
  --json     print the results (or the error) as JSON on stdout
  --dry-run  check and record history, but write nothing to GitHub`;

function retryDelays(raw: string | undefined): number[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const delays = raw.split(',').map((s) => Number(s.trim()));
  if (delays.some((d) => !Number.isFinite(d) || d < 0))
    throw new InputError(`SITREP_RETRY_DELAYS_MS must be comma-separated milliseconds, got "${raw}"`, 'SITREP_RETRY_DELAYS_MS');
  return delays;
}

const OPTIONS = { json: { type: 'boolean' }, 'dry-run': { type: 'boolean' } } as const;
runCli({ name: 'monitor', usage: USAGE, options: OPTIONS, failureNote: 'The monitor history was left unchanged.' }, async (flags) => {
  const json = flags.json === true;
  const env = process.env;
  const paths = resolveDataPaths(env);
  const config = loadConfig(paths.config, env);
  const now = resolveNow(env);
  const historyPath = resolveMonitorHistoryPath(env);
  const loaded = loadMonitorHistory(historyPath);
  if (loaded.warning && config.monitors.length > 0) printWarning('monitor', `${loaded.warning} (nothing is opened until failures repeat)`);
  const { token, apiUrl, throttle, botLogin } = githubEnv(env);
  const botLogins = [botLogin];
  // Maintenance windows and people's incidents: the model the last sync's snapshot gives.
  const model = hasSnapshot(paths.snapshot) ? loadSite(env, { demo: false, paths, reason: `snapshot ${displayPath(paths.snapshot)}` }).model : null;
  const dryRun = flags['dry-run'] === true;
  if (!token && !dryRun && config.monitors.length > 0) {
    throw new ExitError('GITHUB_TOKEN is not set. Opening and resolving incidents needs a token with issues: write; use --dry-run to only check.');
  }
  const delays = retryDelays(env['SITREP_RETRY_DELAYS_MS']);
  const { summary, history } = await runMonitor({
    config,
    history: loaded.history,
    model,
    token,
    apiUrl,
    throttle,
    now,
    botLogins,
    env,
    dryRun,
    ...(delays ? { retryDelaysMs: delays } : {}),
    warn: (message) => printWarning('monitor', message),
  });
  writeHistoryAtomically(historyPath, history, displayPath(historyPath));
  for (const warning of summary.warnings) printWarning('monitor', warning);
  console.log(json ? JSON.stringify({ ok: true, ...summary }, null, 2) : formatMonitorSummary(summary));
  return summary.warnings.some((w) => w.startsWith('could not')) ? 1 : 0;
});

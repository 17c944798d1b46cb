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
import { hasSnapshot, loadSnapshot } from '../src/data/load-snapshot.ts';
import { displayPath, resolveDataPaths } from '../src/data/paths.ts';
import { loadPostmortemFiles, resolveNow } from '../src/data/site.ts';
import { InputError } from '../src/lib/errors.ts';
import { DEFAULT_MONITOR_BOT } from '../src/lib/monitor/marker.ts';
import { buildSiteModel } from '../src/lib/site-model.ts';
import { writeHistoryAtomically } from '../src/monitor/history-file.ts';
import { formatMonitorSummary } from '../src/monitor/summary.ts';
import { runMonitor } from '../src/monitor/run-monitor.ts';
import { githubEnv, parseFlags, runGitHubCli } from './lib/github-cli.ts';

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

const argv = process.argv.slice(2);
const json = argv.includes('--json');

runGitHubCli(
  'monitor',
  json,
  async () => {
    const flags = parseFlags(argv, ['--json', '--dry-run'], USAGE);
    if (typeof flags === 'number') return flags;
    const env = process.env;
    const paths = resolveDataPaths(env);
    const config = loadConfig(paths.config, env);
    const now = resolveNow(env);
    const historyPath = resolveMonitorHistoryPath(env);
    const loaded = loadMonitorHistory(historyPath);
    if (loaded.warning && config.monitors.length > 0) console.error(`warning: ${loaded.warning} (nothing is opened until failures repeat)`);
    const botLogins = [env['SITREP_BOT_LOGIN']?.trim() || DEFAULT_MONITOR_BOT];
    const model = hasSnapshot(paths.snapshot)
      ? buildSiteModel({
          config,
          snapshot: loadSnapshot(paths.snapshot),
          postmortemFiles: loadPostmortemFiles(paths.postmortems).files,
          now,
          demo: false,
          monitorBots: botLogins,
        })
      : null;
    const { token, apiUrl } = githubEnv(env);
    const dryRun = flags.has('--dry-run');
    if (!token && !dryRun && config.monitors.length > 0) {
      console.error('sitrep monitor: GITHUB_TOKEN is not set. Opening and resolving incidents needs a token with issues: write; use --dry-run to only check.');
      return 1;
    }
    const delays = retryDelays(env['SITREP_RETRY_DELAYS_MS']);
    const { summary, history } = await runMonitor({
      config,
      history: loaded.history,
      model,
      token,
      apiUrl,
      now,
      botLogins,
      env,
      dryRun,
      ...(delays ? { retryDelaysMs: delays } : {}),
      warn: (message) => console.error(`warning: ${message}`),
    });
    writeHistoryAtomically(historyPath, history, displayPath(historyPath));
    for (const warning of summary.warnings) console.error(`warning: ${warning}`);
    console.log(json ? JSON.stringify({ ok: true, ...summary }, null, 2) : formatMonitorSummary(summary));
    return summary.warnings.some((w) => w.startsWith('could not')) ? 1 : 0;
  },
  'The monitor history was left unchanged.',
);

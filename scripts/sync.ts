/**
 * `npm run sync [-- --json] [-- --full]`: reads GitHub, writes the snapshot the site builds from.
 * Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL, SITREP_CONFIG, SITREP_SNAPSHOT
 * (see docs/sync.md). Exits 1 with a message naming endpoint, status and remedy on failure; the
 * previous snapshot is then left untouched.
 */
import { loadConfig } from '../src/data/load-config.ts';
import { displayPath, resolveDataPaths } from '../src/data/paths.ts';
import { formatSummary } from '../src/github/summary.ts';
import { runSync } from '../src/github/sync.ts';
import { InputError } from '../src/lib/errors.ts';
import { githubEnv, runCli } from './lib/cli.ts';

const USAGE = `Usage: npm run sync [-- --json] [-- --full]
  --json   print the summary (or the error) as JSON on stdout
  --full   list every tracked issue, not only what changed (normally done once a day)`;

function numberFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new InputError(`${name} must be a non-negative number, got "${raw}"`, name);
  return value;
}

runCli(
  {
    name: 'sync',
    usage: USAGE,
    options: { json: { type: 'boolean' }, full: { type: 'boolean' } },
    failureNote: 'The previous snapshot (if any) was left unchanged.',
  },
  async (flags) => {
    const json = flags.json === true;
    const env = process.env;
    const paths = resolveDataPaths(env);
    const config = loadConfig(paths.config, env);
    const timeoutSeconds = numberFromEnv('SITREP_TIMEOUT_SECONDS');
    const maxWait = numberFromEnv('SITREP_MAX_RATE_LIMIT_WAIT_SECONDS');
    const summary = await runSync({
      config,
      snapshotPath: paths.snapshot,
      snapshotName: displayPath(paths.snapshot),
      ...githubEnv(env),
      full: flags.full === true,
      ...(timeoutSeconds !== undefined ? { timeoutMs: timeoutSeconds * 1000 } : {}),
      ...(maxWait !== undefined ? { maxRateLimitWaitSeconds: maxWait } : {}),
      log: {
        warn: (message) => console.error(`warning: ${message}`),
        progress: (message) => console.error(message),
        debug: env['SITREP_DEBUG'] ? (message) => console.error(message) : undefined,
      },
    });
    console.log(json ? JSON.stringify({ ok: true, ...summary }, null, 2) : formatSummary(summary));
    return 0;
  },
);

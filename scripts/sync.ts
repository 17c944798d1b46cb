/**
 * `npm run sync [-- --json] [-- --full]`: reads GitHub, writes the snapshot the site builds from.
 * Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL, SITREP_CONFIG, SITREP_SNAPSHOT
 * (see docs/sync.md). Exits 1 with a message naming endpoint, status and remedy on failure; the
 * previous snapshot is then left untouched.
 */
import { loadConfig } from '../src/data/load-config.ts';
import { displayPath, resolveDataPaths } from '../src/data/paths.ts';
import { InputError } from '../src/lib/errors.ts';
import { GitHubError } from '../src/github/errors.ts';
import { formatSummary } from '../src/github/summary.ts';
import { runSync } from '../src/github/sync.ts';

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

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--json' && a !== '--full');
  if (argv.includes('--help') || unknown.length > 0) {
    console.error(unknown.length > 0 && !argv.includes('--help') ? `Unknown option ${unknown.join(' ')}\n${USAGE}` : USAGE);
    return argv.includes('--help') ? 0 : 2;
  }
  const json = argv.includes('--json');
  const env = process.env;
  try {
    const paths = resolveDataPaths(env);
    const config = loadConfig(paths.config, env);
    const timeoutSeconds = numberFromEnv('SITREP_TIMEOUT_SECONDS');
    const maxWait = numberFromEnv('SITREP_MAX_RATE_LIMIT_WAIT_SECONDS');
    const summary = await runSync({
      config,
      snapshotPath: paths.snapshot,
      snapshotName: displayPath(paths.snapshot),
      token: env['GITHUB_TOKEN']?.trim() || undefined,
      apiUrl: env['GITHUB_API_URL']?.trim() || undefined,
      full: argv.includes('--full'),
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
  } catch (error) {
    if (!(error instanceof GitHubError || error instanceof InputError)) throw error;
    console.error(`sitrep sync failed: ${error.message}\nThe previous snapshot (if any) was left unchanged.`);
    if (json) {
      const detail =
        error instanceof GitHubError
          ? { endpoint: error.endpoint, status: error.status, detail: error.detail, hint: error.hint }
          : { where: error.where, problems: error.problems };
      console.log(JSON.stringify({ ok: false, error: { kind: error.name, message: error.message, ...detail } }, null, 2));
    }
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('sitrep sync failed unexpectedly (a bug — please report it):', error);
    process.exitCode = 1;
  },
);

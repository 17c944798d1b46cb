/**
 * `npm run announce [-- --dry-run] [-- --no-pin] [-- --json]`: after a deploy, pins active P0/P1
 * incidents, unpins them once resolved, and keeps one comment on each published incident that
 * links its status page. Reads the same snapshot and config as the build, so it announces exactly
 * what was published. A token that may not pin or comment gives a warning, never a failure.
 *
 * Environment: GITHUB_TOKEN (issues: write), GITHUB_REPOSITORY, GITHUB_API_URL, SITREP_SITE_URL
 * (the published URL — the workflow passes the Pages URL), SITREP_CONFIG, SITREP_SNAPSHOT,
 * SITREP_POSTMORTEMS, SITREP_NOW, SITREP_PIN=false (as --no-pin), SITREP_BOT_LOGIN (the login the
 * token comments as, when it is not GITHUB_TOKEN's github-actions[bot]).
 */
import { hasSnapshot } from '../src/data/load-snapshot.ts';
import { displayPath, resolveDataPaths } from '../src/data/paths.ts';
import { loadSite } from '../src/data/site.ts';
import { runAnnounce } from '../src/github/announce.ts';
import { formatAnnounceSummary } from '../src/github/announce-summary.ts';
import { InputError } from '../src/lib/errors.ts';
import { ExitError, githubEnv, printWarning, runCli } from './lib/cli.ts';

const USAGE = `Usage: npm run announce [-- --dry-run] [-- --no-pin] [-- --json]
  --dry-run  read GitHub and print what would change; change nothing
  --no-pin   leave pinned issues alone (also SITREP_PIN=false)
  --json     print the summary (or the error) as JSON on stdout`;

const isOff = (value: string | undefined): boolean => value !== undefined && /^(0|false|no|off)$/i.test(value.trim());

const OPTIONS = { 'dry-run': { type: 'boolean' }, 'no-pin': { type: 'boolean' }, json: { type: 'boolean' } } as const;
runCli({ name: 'announce', usage: USAGE, options: OPTIONS }, async (flags) => {
  const env = process.env;
  const paths = resolveDataPaths(env);
  const demo = env['SITREP_DEMO'];
  if (!hasSnapshot(paths.snapshot) || (demo !== undefined && demo !== '' && !isOff(demo))) {
    throw new InputError(
      `No synced snapshot at ${displayPath(paths.snapshot)}: announce never acts on demo data. Run \`npm run sync\` first.`,
      displayPath(paths.snapshot),
    );
  }
  // loadSite refuses a snapshot of another repository than the config's (or GITHUB_REPOSITORY).
  const { model } = loadSite(env, { demo: false, paths, reason: `snapshot ${displayPath(paths.snapshot)}` });
  const { config } = model;
  const { token, apiUrl, throttle, botLogin } = githubEnv(env);
  if (!token) {
    throw new ExitError('GITHUB_TOKEN is not set. Pinning and commenting need a token with issues: write; GraphQL needs one even for --dry-run.');
  }
  const summary = await runAnnounce({
    config,
    model,
    token,
    apiUrl,
    throttle,
    now: new Date(model.now),
    dryRun: flags['dry-run'] === true,
    pin: !flags['no-pin'] && !isOff(env['SITREP_PIN']),
    botLogins: [botLogin],
    warn: (message) => printWarning('announce', message),
  });
  console.log(flags.json ? JSON.stringify({ ok: true, ...summary }, null, 2) : formatAnnounceSummary(summary));
  return 0;
});

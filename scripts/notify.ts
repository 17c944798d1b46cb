/**
 * `npm run notify [-- --dry-run] [-- --json] [-- --no-subscribe]`: after a deploy, tells the chat
 * channels of `notify` in content/status.yml, and the subscribe issues, of every incident step
 * they have not heard of yet, exactly once each (the record: content/notify-state.json). A failing
 * channel only warns: this command exits 0 unless its own input (config, snapshot, record) is bad.
 *
 * Environment: each channel's `urlEnv`; GITHUB_TOKEN (issues: write, for the subscribe issues;
 * without it they are skipped), GITHUB_REPOSITORY, GITHUB_API_URL, SITREP_SITE_URL, SITREP_CONFIG,
 * SITREP_SNAPSHOT, SITREP_POSTMORTEMS, SITREP_NOTIFY_STATE, SITREP_NOW, SITREP_BOT_LOGIN,
 * SITREP_NOTIFY_TIMEOUT_SECONDS (per request, default 10).
 */
import { hasSnapshot } from '../src/data/load-snapshot.ts';
import { displayPath, resolveDataPaths } from '../src/data/paths.ts';
import { loadSite } from '../src/data/site.ts';
import { createClientWithDefaults } from '../src/github/client.ts';
import { InputError } from '../src/lib/errors.ts';
import { formatNotifySummary } from '../src/notify/format-summary.ts';
import { runNotify } from '../src/notify/run-notify.ts';
import { readNotifyState, resolveNotifyStatePath, writeNotifyStateAtomically } from '../src/notify/state-file.ts';
import { githubEnv, printWarning, runCli } from './lib/cli.ts';

const USAGE = `Usage: npm run notify [-- --dry-run] [-- --json] [-- --no-subscribe]
  --dry-run       print what would be sent; send nothing, create nothing, write no record
  --json          print the summary (or the error) as JSON on stdout
  --no-subscribe  leave the subscribe issues alone this run`;

const OPTIONS = { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, 'no-subscribe': { type: 'boolean' } } as const;
runCli({ name: 'notify', usage: USAGE, options: OPTIONS }, async (flags) => {
  const warn = (message: string): void => printWarning('notify', message);
  const env = process.env;
  const paths = resolveDataPaths(env);
  const demo = env['SITREP_DEMO']?.trim();
  if (!hasSnapshot(paths.snapshot) || (demo && !/^(0|false|no|off)$/i.test(demo))) {
    throw new InputError(
      `No synced snapshot at ${displayPath(paths.snapshot)}: notify never announces demo data. Run \`npm run sync\` first.`,
      displayPath(paths.snapshot),
    );
  }
  // The model the build published (one place builds it; it refuses another repository's snapshot).
  const { model } = loadSite(env, { demo: false, paths, reason: `snapshot ${displayPath(paths.snapshot)}` });
  const { config } = model;
  const now = new Date(model.now);
  const statePath = resolveNotifyStatePath(env);
  const state = readNotifyState(statePath, now);
  const dryRun = flags['dry-run'] === true;
  const subscribe = flags['no-subscribe'] !== true;
  const { token, apiUrl, throttle, botLogin } = githubEnv(env);
  if (!token && subscribe) warn('GITHUB_TOKEN is not set: the subscribe issues are skipped this run');
  const github = token && subscribe ? { octokit: createClientWithDefaults({ token, apiUrl, throttle, warn }).octokit, botLogin } : null;
  const timeoutSeconds = Number(env['SITREP_NOTIFY_TIMEOUT_SECONDS'] ?? '10');
  const result = await runNotify({
    config,
    model,
    now,
    state,
    env,
    dryRun,
    timeoutMs: Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds * 1000 : 10_000,
    github,
    warn,
    ...(dryRun ? {} : { onRecord: (progress) => writeNotifyStateAtomically(statePath, progress) }),
  });
  if (!dryRun) writeNotifyStateAtomically(statePath, result.state);
  console.log(flags.json ? JSON.stringify({ ok: true, ...result.summary }, null, 2) : formatNotifySummary(result.summary));
  return 0;
});

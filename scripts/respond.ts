/**
 * `npm run respond [-- --dry-run] [-- --json]`: pages the on-call responders (by @mention in a
 * comment) of open incidents nobody has acknowledged, and escalates (see README, "On call"). Reads
 * GitHub directly, not the snapshot, so it can run on its own (the workflow's event-triggered wait
 * runs it without a sync). Posting a page needs `issues: write`.
 *
 * Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL, SITREP_NOW, SITREP_CONFIG,
 * SITREP_SITE_URL (pages link the incident's page there), SITREP_BOT_LOGIN (the login the token
 * comments as, when it is not GITHUB_TOKEN's github-actions[bot]).
 */
import { loadConfig } from '../src/data/load-config.ts';
import { resolveDataPaths } from '../src/data/paths.ts';
import { resolveNow } from '../src/data/site.ts';
import { type RespondSummary, runRespond } from '../src/github/respond.ts';
import { ExitError, githubEnv, printWarning, runCli } from './lib/cli.ts';

const USAGE = `Usage: npm run respond [-- --dry-run] [-- --json]
  --dry-run  read GitHub and print who would be paged; post nothing
  --json     print the summary (or the error) as JSON on stdout`;

function formatSummary(s: RespondSummary): string {
  const lines = [`sitrep respond: ${s.repository}${s.dryRun ? ' (dry run: nothing posted)' : ''}`];
  if (s.onCall !== undefined)
    lines.push(s.onCall ? `on call now: ${s.onCall.rotation} (${s.onCall.responders.join(', ')})` : 'on call now: nobody (a gap between rotations)');
  if (s.onCall === undefined) lines.push('no `oncall` in the config: nobody to page');
  else if (s.incidents.length === 0) lines.push('no open incidents');
  for (const i of s.incidents) {
    const what =
      i.action === 'page'
        ? `${s.dryRun ? 'would page' : 'paged'} ${(i.to ?? []).map((l) => `@${l}`).join(' ')} (${i.rotation}, ${i.detail}, step ${(i.step ?? 0) + 1})`
        : i.action === 'wait'
          ? `waiting: ${i.detail} at ${i.dueAt}`
          : i.action === 'nobody'
            ? `not paged: ${i.detail}`
            : `no page: ${i.detail}`;
    lines.push(`  #${i.number}: ${what}`);
  }
  lines.push(`${s.requests} requests`);
  return lines.join('\n');
}

const OPTIONS = { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } as const;
runCli({ name: 'respond', usage: USAGE, options: OPTIONS }, async (flags) => {
  const env = process.env;
  const config = loadConfig(resolveDataPaths(env).config, env);
  const { token, apiUrl, throttle, botLogin } = githubEnv(env);
  if (!token) throw new ExitError('GITHUB_TOKEN is not set. Reading who may acknowledge needs a token, and paging needs issues: write.');
  const summary = await runRespond({
    config,
    token,
    apiUrl,
    throttle,
    now: resolveNow(env),
    dryRun: flags['dry-run'] === true,
    botLogins: [botLogin],
    warn: (message) => printWarning('respond', message),
  });
  console.log(flags.json ? JSON.stringify({ ok: true, ...summary }, null, 2) : formatSummary(summary));
  return 0;
});

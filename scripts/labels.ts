/**
 * `npm run labels [-- --dry-run] [-- --json]`: creates or updates the labels sitrep reads (names
 * from `labels` and `components` in content/status.yml), idempotently. Never deletes a label.
 * Environment: GITHUB_TOKEN (needs issues: write), GITHUB_REPOSITORY, GITHUB_API_URL, SITREP_CONFIG.
 */
import { loadConfig } from '../src/data/load-config.ts';
import { resolveDataPaths } from '../src/data/paths.ts';
import { formatLabelsSummary, syncLabels } from '../src/github/labels.ts';
import { ExitError, githubEnv, runCli } from './lib/cli.ts';

const USAGE = `Usage: npm run labels [-- --dry-run] [-- --json]
  --dry-run  read the repository's labels and print what would change; change nothing
  --json     print the summary (or the error) as JSON on stdout`;

runCli({ name: 'labels', usage: USAGE, options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } }, async (flags) => {
  const config = loadConfig(resolveDataPaths().config);
  const { token, apiUrl, throttle } = githubEnv(process.env);
  const dryRun = flags['dry-run'] === true;
  if (!token && !dryRun) {
    throw new ExitError('GITHUB_TOKEN is not set. Creating labels needs a token with issues: write (or run with --dry-run to see the plan).');
  }
  const summary = await syncLabels({ config, token, apiUrl, throttle, dryRun, warn: (m) => console.error(`warning: ${m}`) });
  console.log(flags.json ? JSON.stringify({ ok: true, ...summary }, null, 2) : formatLabelsSummary(summary));
  return 0;
});

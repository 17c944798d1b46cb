/**
 * `npm run labels [-- --dry-run] [-- --json]`: creates or updates the labels sitrep reads (names
 * from `labels` and `components` in content/status.yml), idempotently. Never deletes a label.
 * Environment: GITHUB_TOKEN (needs issues: write), GITHUB_REPOSITORY, GITHUB_API_URL, SITREP_CONFIG.
 */
import { loadConfig } from '../src/data/load-config.ts';
import { resolveDataPaths } from '../src/data/paths.ts';
import { formatLabelsSummary, syncLabels } from '../src/github/labels.ts';
import { githubEnv, parseFlags, runGitHubCli } from './lib/github-cli.ts';

const USAGE = `Usage: npm run labels [-- --dry-run] [-- --json]
  --dry-run  read the repository's labels and print what would change; change nothing
  --json     print the summary (or the error) as JSON on stdout`;

const argv = process.argv.slice(2);
runGitHubCli('labels', argv.includes('--json'), async () => {
  const flags = parseFlags(argv, ['--dry-run', '--json'], USAGE);
  if (typeof flags === 'number') return flags;
  const config = loadConfig(resolveDataPaths().config);
  const { token, apiUrl, throttle } = githubEnv(process.env);
  const dryRun = flags.has('--dry-run');
  if (!token && !dryRun) {
    console.error('sitrep labels: GITHUB_TOKEN is not set. Creating labels needs a token with issues: write (or run with --dry-run to see the plan).');
    return 1;
  }
  const summary = await syncLabels({ config, token, apiUrl, throttle, dryRun, warn: (m) => console.error(`warning: ${m}`) });
  console.log(flags.has('--json') ? JSON.stringify({ ok: true, ...summary }, null, 2) : formatLabelsSummary(summary));
  return 0;
});

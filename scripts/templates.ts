/**
 * `npm run templates`: regenerates .github/ISSUE_TEMPLATE from content/status.yml.
 * `--check` writes nothing and exits 1 when the committed forms differ from the config.
 * `--publish` commits them on GitHub instead (scripts/lib/templates-publish.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/data/load-config.ts';
import { PROJECT, resolveDataPaths } from '../src/data/paths.ts';
import { generateIssueTemplates } from '../src/lib/issue-templates.ts';
import { ExitError, runCli } from './lib/cli.ts';
import { publishIssueForms } from './lib/templates-publish.ts';

const USAGE = `Usage: npm run templates [-- --check] [-- --publish [--json]]
  --check    write nothing; exit 1 when the committed forms differ from the config
  --publish  commit the forms regenerated from the default branch's config to it through the
             GitHub API, or open one pull request where the branch is protected (GITHUB_TOKEN)
  --json     with --publish: print the result as JSON`;

runCli({ name: 'templates', usage: USAGE, options: { check: { type: 'boolean' }, publish: { type: 'boolean' }, json: { type: 'boolean' } } }, (flags) => {
  if (flags.publish === true) return publishIssueForms(flags.json === true);
  const check = flags.check === true;
  // The forms belong to this repository: GITHUB_REPOSITORY and SITREP_SITE_URL must not change them.
  const config = loadConfig(resolveDataPaths().config, {});
  const drifted: string[] = [];
  for (const [file, text] of Object.entries(generateIssueTemplates(config))) {
    const target = path.join(PROJECT, file);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === text) continue;
    drifted.push(file);
    if (!check) {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }
  if (check && drifted.length > 0) {
    throw new ExitError(`the issue forms are out of date with content/status.yml: ${drifted.join(', ')}\nRun \`npm run templates\` and commit the result.`);
  }
  process.stdout.write(drifted.length === 0 ? 'sitrep: issue forms are up to date\n' : `sitrep: wrote ${drifted.join(', ')}\n`);
  return 0;
});

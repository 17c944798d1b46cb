/**
 * `npm run templates`: regenerates .github/ISSUE_TEMPLATE from content/status.yml.
 * `--check` writes nothing and exits 1 when the committed forms differ from the config.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/data/load-config.ts';
import { PROJECT, resolveDataPaths } from '../src/data/paths.ts';
import { generateIssueTemplates } from '../src/lib/issue-templates.ts';
import { ExitError, runCli } from './lib/cli.ts';

const USAGE = `Usage: npm run templates [-- --check]
  --check  write nothing; exit 1 when the committed forms differ from the config`;

runCli({ name: 'templates', usage: USAGE, options: { check: { type: 'boolean' } } }, (flags) => {
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

/**
 * `sitrep init` (also `npm create sitrep`): writes a new status-page repository's files into the
 * project folder (the current directory, or SITREP_PROJECT) — content/status.yml, the workflow that
 * calls sitrep's reusable workflow, the Dependabot file that keeps it current, and the issue forms.
 * It asks for the title, repository, site URL and components (flags answer them; `--yes` asks
 * nothing and takes the defaults), guessing the repository and the Pages URL from the git remote.
 * Nothing is written unless the config validates, and no existing file is overwritten without
 * `--force`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText } from '../src/data/load-config.ts';
import { resolveProjectDir } from '../src/data/paths.ts';
import { type InitAnswers, pagesUrl, parseGitHubRemote, renderInitConfig, splitComponentNames } from '../src/lib/init-config.ts';
import { generateIssueTemplates } from '../src/lib/issue-templates.ts';
import { ExitError, runCli } from './lib/cli.ts';
import { createPrompter, type Prompter } from './lib/prompt.ts';

const USAGE = `Usage: sitrep init [--title TEXT] [--repository OWNER/NAME] [--site URL] [--component NAME]... [--yes] [--force]
  Writes content/status.yml, .github/workflows/sitrep.yml, .github/dependabot.yml and the issue
  forms into the current directory (or SITREP_PROJECT), asking for what the flags do not say.
  --title TEXT            the page title, e.g. "Acme status"
  --repository OWNER/NAME the repository whose issues hold the incidents (guessed from the git remote)
  --site URL              where the page is published (default: its GitHub Pages URL)
  --component NAME        a component of your project; repeat it for each one
  --yes                   ask nothing: take the defaults, fail if a value has none
  --force                 overwrite files that exist`;

/** The files an adopter commits besides the config and the forms (templates/adopter/, relative paths). */
const ADOPTER_TEMPLATES = fileURLToPath(new URL('../templates/adopter/', import.meta.url));

function readTemplates(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(files, readTemplates(dir, relative));
    else files[relative] = readFileSync(path.join(dir, relative), 'utf8');
  }
  return files;
}

/** The `origin` remote's URL, or undefined outside a git repository (or without git). */
function gitRemote(folder: string): string | undefined {
  try {
    return (
      execFileSync('git', ['-C', folder, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

interface Flags {
  title?: string | undefined;
  repository?: string | undefined;
  site?: string | undefined;
  component?: string[] | undefined;
}

/** The answers: flags first, then questions (or, without a prompter, the defaults). */
async function collectAnswers(flags: Flags, guessed: string | undefined, prompter: Prompter | null): Promise<InitAnswers> {
  const missing: string[] = [];
  const answer = async (flag: string, value: string | undefined, question: string, fallback: string | undefined): Promise<string> => {
    if (value?.trim()) return value.trim();
    if (prompter) return prompter.ask(question, fallback);
    if (fallback) return fallback;
    missing.push(flag);
    return '';
  };
  const repository = await answer('--repository', flags.repository, 'GitHub repository whose issues hold the incidents (owner/name)', guessed);
  const name = repository.split('/')[1];
  const title = await answer('--title', flags.title, 'Title of the status page', name ? `${name} status` : undefined);
  const site = await answer('--site', flags.site, 'Where the page is published (URL)', repository.includes('/') ? pagesUrl(repository) : undefined);
  const components = flags.component?.length
    ? splitComponentNames(flags.component.join(','))
    : splitComponentNames(await answer('--component', undefined, 'Components of your project, comma-separated (e.g. Website, CLI, API)', undefined));
  if (missing.length > 0) throw new ExitError(`with --yes, give ${missing.join(', ')} (no default could be guessed)\n${USAGE}`, 2);
  return { title, repository, site, components };
}

runCli(
  {
    name: 'init',
    usage: USAGE,
    options: {
      title: { type: 'string' },
      repository: { type: 'string' },
      site: { type: 'string' },
      component: { type: 'string', multiple: true },
      yes: { type: 'boolean' },
      force: { type: 'boolean' },
    },
  },
  async (flags) => {
    const project = resolveProjectDir();
    const remote = gitRemote(project);
    const prompter = flags.yes ? null : createPrompter(process.stdin, process.stdout);
    let answers: InitAnswers;
    try {
      answers = await collectAnswers(flags, remote ? parseGitHubRemote(remote) : undefined, prompter);
    } finally {
      prompter?.close();
    }
    const configText = renderInitConfig(answers);
    // The real schema, as every command reads it: nothing is written from answers it would refuse.
    const config = parseConfigText(configText, 'content/status.yml (from your answers)');
    const files: Record<string, string> = { 'content/status.yml': configText, ...readTemplates(ADOPTER_TEMPLATES), ...generateIssueTemplates(config) };

    const existing = Object.keys(files).filter((file) => existsSync(path.join(project, file)));
    if (existing.length > 0 && !flags.force) {
      throw new ExitError(`${existing.join(', ')} already exist in ${project}; nothing was written. Run again with --force to overwrite them.`);
    }
    for (const [file, text] of Object.entries(files)) {
      const target = path.join(project, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    console.log(
      [
        `sitrep: wrote ${Object.keys(files).length} files in ${project}:`,
        ...Object.keys(files).map((file) => `  ${file}${existing.includes(file) ? ' (overwritten)' : ''}`),
        '',
        'Next: commit and push them, turn on GitHub Pages with "Source: GitHub Actions" (Settings → Pages),',
        'and let Actions create pull requests (Settings → Actions → General) so the issue forms can follow the config.',
        'Then run the "Status page" workflow once by hand. More: https://github.com/sitrep-dev/sitrep/blob/main/docs/adopting.md',
      ].join('\n'),
    );
    return 0;
  },
);

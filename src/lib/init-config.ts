/**
 * What `sitrep init` decides, kept pure: the repository and site guessed from a git remote, a
 * component id made from a name, and the text of a new `content/status.yml`. scripts/init.ts asks
 * the questions, reads the remote and writes the files; the real config schema validates the text.
 */
import { stringify } from 'yaml';

export interface InitAnswers {
  /** Page title, e.g. "Acme status". */
  readonly title: string;
  /** owner/repo holding the incident issues. */
  readonly repository: string;
  /** Where the page is published. */
  readonly site: string;
  /** Component names, in display order (ids are made from them). */
  readonly components: readonly string[];
}

/**
 * owner/repo of a GitHub remote URL — `https://github.com/o/r(.git)`, `git@github.com:o/r.git`,
 * `ssh://git@github.com/o/r` — or undefined for anything else (a GitHub Enterprise host included:
 * its Pages URL cannot be guessed, and init asks instead).
 */
export function parseGitHubRemote(url: string): string | undefined {
  const match =
    /^(?:https?:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com(?::\d+)?\/)([A-Za-z0-9-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(
      url.trim(),
    );
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** The GitHub Pages URL of a repository: https://owner.github.io/repo, or the user site itself. */
export function pagesUrl(repository: string): string {
  const [owner = '', name = ''] = repository.split('/');
  const host = `${owner.toLowerCase()}.github.io`;
  return name.toLowerCase() === host ? `https://${host}` : `https://${host}/${name}`;
}

/** "npm packages" → "npm-packages": lowercase letters, digits and dashes, as the schema wants. */
export function componentId(name: string): string {
  const id = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'component';
}

/** Splits "CLI, Website,Docs" into names, dropping empties and repeats. */
export function splitComponentNames(text: string): string[] {
  return [...new Set(text.split(',').map((name) => name.trim()))].filter(Boolean);
}

/** Component entries with unique ids ("API", "api" → api, api-2). */
function componentEntries(names: readonly string[]): { id: string; name: string }[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = componentId(name);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return { id, name };
  });
}

/** The new content/status.yml: the answers, plus comments pointing to what can be added. */
export function renderInitConfig(answers: InitAnswers): string {
  const name = answers.repository.split('/')[1] ?? answers.repository;
  const body = stringify(
    {
      title: answers.title,
      description: `Live status of ${name}, from its GitHub issues.`,
      repository: answers.repository,
      site: answers.site,
      components: componentEntries(answers.components),
      maintainers: [],
    },
    { lineWidth: 0 },
  );
  return `# sitrep configuration — the one file you edit (https://github.com/sitrep-dev/sitrep#configuration-contentstatusyml).
# After editing it, the workflow regenerates the issue forms on the default branch.
# The workflow's GITHUB_REPOSITORY and Pages URL override \`repository\` and \`site\` in Actions.
${body}# Add \`description:\`, \`group:\` and \`url:\` to components; \`monitors:\`, \`oncall:\` and \`notify:\`
# are described in the README.
`;
}

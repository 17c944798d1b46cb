/**
 * `sitrep templates --publish` against the test GitHub server: the real octokit reads the config
 * and the forms on the default branch and commits only the forms — or, where the branch is
 * protected, puts them on `sitrep/forms` with ONE pull request — idempotently, across a push that
 * lands in between, and when two runs overlap. The request log proves a second run writes nothing.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/data/load-config.ts';
import { FORMS_BRANCH, publishForms } from '../../src/github/forms-publish.ts';
import { renderInitConfig } from '../../src/lib/init-config.ts';
import { generateIssueTemplates } from '../../src/lib/issue-templates.ts';
import { type FakeGitStore, gitOf } from '../support/github-git-routes.ts';
import { type GitHubTestServer, LOCAL_CLIENT, startGitHubServer } from '../support/github-server.ts';
import { runScript } from '../support/run-script.ts';
import { TOKEN } from '../sync/harness.ts';

const REPOSITORY = 'acme/widgets';
const CONFIG = 'content/status.yml';
const configText = (components: string[]): string =>
  renderInitConfig({ title: 'Widgets status', repository: REPOSITORY, site: 'https://acme.github.io/widgets', components });
const formsFor = (text: string): Record<string, string> => generateIssueTemplates(parseConfigText(text, CONFIG));
/** The forms a change of components changes: the incident and the maintenance form list them. */
const WITH_COMPONENTS = ['.github/ISSUE_TEMPLATE/incident.yml', '.github/ISSUE_TEMPLATE/maintenance.yml'];

let server: GitHubTestServer;
let git: FakeGitStore;
beforeEach(async () => {
  server = await startGitHubServer();
  git = gitOf(server.repo(REPOSITORY));
  // The repository as `sitrep init` left it, plus a file of the project's own.
  const old = configText(['CLI']);
  git.push({ [CONFIG]: old, 'README.md': '# Widgets\n', ...formsFor(old) }, 'Set up the status page');
});
afterEach(() => server.close());

const publish = () =>
  publishForms({
    ...LOCAL_CLIENT,
    token: TOKEN,
    apiUrl: server.url,
    repository: REPOSITORY,
    configPath: CONFIG,
    renderForms: (text, where) => generateIssueTemplates(parseConfigText(text, where)),
  });

/** The forms on `ref` as they should be for the config on `ref`. */
const formsMatchConfig = (ref: string): boolean => {
  const wanted = formsFor(git.read(CONFIG, ref) ?? '');
  return Object.entries(wanted).every(([path, text]) => git.read(path, ref) === text);
};
const writes = () => server.log.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${decodeURIComponent(e.path)} ${e.status}`);

describe('publishing the issue forms', () => {
  test('forms that match the config: nothing is written', async () => {
    expect(await publish()).toMatchObject({ action: 'up-to-date', branch: 'main' });
    expect(writes()).toEqual([]);
  });

  test('a config edited in the browser: one commit on the default branch with only the forms, then nothing', async () => {
    const edited = git.push({ [CONFIG]: configText(['CLI', 'Website']) }, 'Update content/status.yml');
    const result = await publish();
    expect(result).toMatchObject({ action: 'committed', branch: 'main', files: WITH_COMPONENTS });
    const [commit, parent] = git.history();
    expect(commit?.parents).toEqual([edited]);
    expect(parent?.sha).toBe(edited);
    expect(formsMatchConfig('main')).toBe(true);
    expect(git.read('.github/ISSUE_TEMPLATE/incident.yml')).toContain('Website (`website`)');
    // Nothing else changed: every other file is as the person left it.
    const before = git.files(edited);
    const after = git.files('main');
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect([...after].filter(([path, text]) => before.get(path) !== text).map(([path]) => path)).toEqual(WITH_COMPONENTS);
    expect(writes()).toEqual([
      'POST /repos/acme/widgets/git/trees 201',
      'POST /repos/acme/widgets/git/commits 201',
      'PATCH /repos/acme/widgets/git/refs/heads/main 200',
    ]);

    server.clearLog();
    expect(await publish()).toMatchObject({ action: 'up-to-date' });
    expect(writes()).toEqual([]);
  });

  test('forms deleted by hand come back', async () => {
    git.push({ '.github/ISSUE_TEMPLATE/maintenance.yml': null }, 'Remove a form');
    expect(await publish()).toMatchObject({ action: 'committed', files: ['.github/ISSUE_TEMPLATE/maintenance.yml'] });
    expect(formsMatchConfig('main')).toBe(true);
  });

  test('a push that lands between the read and the write: the comparison runs again from the new head', async () => {
    git.push({ [CONFIG]: configText(['CLI', 'Website']) });
    // Someone changes the config again just before sitrep moves the branch.
    git.beforeRefUpdate = () => git.push({ [CONFIG]: configText(['CLI', 'Website', 'API']) }, 'Another edit');
    const result = await publish();
    expect(result).toMatchObject({ action: 'committed' });
    expect(git.history().map((c) => c.message.split('\n')[0])).toEqual([
      'Regenerate the issue forms from content/status.yml',
      'Another edit',
      'Edit files',
      'Set up the status page',
      'Initial commit',
    ]);
    expect(git.read('.github/ISSUE_TEMPLATE/incident.yml')).toContain('API (`api`)');
    expect(formsMatchConfig('main')).toBe(true);
    expect(writes().filter((w) => w.startsWith('PATCH'))).toEqual([
      'PATCH /repos/acme/widgets/git/refs/heads/main 422',
      'PATCH /repos/acme/widgets/git/refs/heads/main 200',
    ]);
  });

  test.each([
    { rule: 'branch protection', status: 422 as const },
    { rule: 'a ruleset', status: 409 as const },
  ])('a default branch GitHub refuses to update ($rule): one pull request from sitrep/forms, kept up to date', async ({ status }) => {
    git.protectedBranches.set('main', status);
    const mainBefore = git.branches.get('main');
    git.push({ [CONFIG]: configText(['CLI', 'Website']) }, 'Edit the config', 'main');
    const edited = git.branches.get('main');
    git.protectedBranches.set('main', status);

    const first = await publish();
    expect(first).toMatchObject({ action: 'pull-request', branch: 'main', created: true, files: WITH_COMPONENTS });
    expect(git.branches.get('main')).toBe(edited);
    expect(mainBefore).not.toBe(edited);
    expect(git.pulls).toMatchObject([{ head: FORMS_BRANCH, base: 'main', state: 'open' }]);
    expect(git.pulls[0]?.body).toContain('main is protected');
    expect(git.history(FORMS_BRANCH)[1]?.sha).toBe(edited);
    expect(formsMatchConfig(FORMS_BRANCH)).toBe(true);
    expect(git.read('README.md', FORMS_BRANCH)).toBe('# Widgets\n');

    // The next run finds the pull request holding the right forms: no new branch move, no new pull request.
    server.clearLog();
    const second = await publish();
    expect(second).toMatchObject({ action: 'pull-request', created: false, number: git.pulls[0]?.number });
    expect(writes().filter((w) => !w.includes('/git/trees') && !w.includes('/git/commits'))).toEqual([
      `PATCH /repos/acme/widgets/git/refs/heads/main ${status}`,
    ]);

    // The config changes again: the same pull request now carries the new forms.
    git.protectedBranches.delete('main');
    git.push({ [CONFIG]: configText(['CLI', 'Website', 'API']) }, 'Edit again');
    git.protectedBranches.set('main', status);
    const third = await publish();
    expect(third).toMatchObject({ action: 'pull-request', created: false });
    expect(git.pulls).toHaveLength(1);
    expect(git.read('.github/ISSUE_TEMPLATE/incident.yml', FORMS_BRANCH)).toContain('API (`api`)');
    expect(formsMatchConfig(FORMS_BRANCH)).toBe(true);
  });

  test('two runs that overlap on a protected branch open one pull request between them', async () => {
    git.push({ [CONFIG]: configText(['CLI', 'Docs']) });
    git.protectedBranches.set('main', 422);
    const results = await Promise.all([publish(), publish()]);
    expect(results.map((r) => r.action)).toEqual(['pull-request', 'pull-request']);
    expect(git.pulls).toHaveLength(1);
    expect(formsMatchConfig(FORMS_BRANCH)).toBe(true);
  });

  test.each([
    { what: 'a token that may not write contents', set: (g: FakeGitStore) => (g.tokenCan.contents = false), says: 'contents: write' },
    {
      what: 'a repository that does not let Actions open pull requests',
      set: (g: FakeGitStore) => {
        g.protectedBranches.set('main', 422);
        g.tokenCan.pullRequests = false;
      },
      says: 'Settings → Actions → General',
    },
  ])('$what: a 403 naming the permission to grant', async ({ set, says }) => {
    git.push({ [CONFIG]: configText(['CLI', 'Docs']) });
    const head = git.branches.get('main');
    set(git);
    await expect(publish()).rejects.toMatchObject({ name: 'GitHubError', status: 403, hint: expect.stringContaining(says) });
    expect(git.branches.get('main')).toBe(head);
    expect(git.pulls).toEqual([]);
  });

  test('a config the schema refuses is reported where it is, and nothing is written', async () => {
    git.push({ [CONFIG]: 'title: Widgets\ncomponents: []\n' });
    await expect(publish()).rejects.toMatchObject({ name: 'InputError', where: 'content/status.yml on main' });
    expect(writes()).toEqual([]);
  });
});

describe('npm run templates -- --publish', () => {
  test('commits the forms as a CLI, and says so', async () => {
    git.push({ [CONFIG]: configText(['CLI', 'Website']) });
    const result = await runScript('scripts/templates.ts', ['--publish'], {
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_API_URL: server.url,
      SITREP_GITHUB_THROTTLE: 'off',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^sitrep: committed \.github\/ISSUE_TEMPLATE\/incident\.yml, \.github\/ISSUE_TEMPLATE\/maintenance\.yml to main \([0-9a-f]{7}\)/,
    );
    expect(formsMatchConfig('main')).toBe(true);
  });

  test('without a token it says what is needed', async () => {
    const result = await runScript('scripts/templates.ts', ['--publish'], { GITHUB_REPOSITORY: REPOSITORY, GITHUB_API_URL: server.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('GITHUB_TOKEN is not set');
  });
});

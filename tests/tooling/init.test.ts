/**
 * `sitrep init` as a real process in a temporary project folder: with flags only, with answers
 * piped to its questions (defaults guessed from the git remote), refusing to overwrite, refusing
 * answers the config schema refuses. What it writes is checked with the real config loader and
 * the real `templates --check`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/data/load-config.ts';
import { ROOT } from './workflow-files.ts';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/<script> with tsx in `project`, `input` piped to its stdin. */
function run(script: string, args: readonly string[], project: string, input = ''): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'scripts', script), ...args],
      // SITREP_PROJECT is the project folder, where init and templates read and write.
      { cwd: project, timeout: 50_000, env: { PATH: process.env['PATH'], HOME: process.env['HOME'], SITREP_PROJECT: project } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

const WRITTEN = [
  '.github/ISSUE_TEMPLATE/config.yml',
  '.github/ISSUE_TEMPLATE/incident.yml',
  '.github/ISSUE_TEMPLATE/maintenance.yml',
  '.github/ISSUE_TEMPLATE/postmortem.yml',
  '.github/dependabot.yml',
  '.github/workflows/sitrep.yml',
  'content/status.yml',
];

let project: string;
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'sitrep-init-'));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const config = () => loadConfig(path.join(project, 'content/status.yml'), {});

describe('sitrep init', () => {
  test('with flags only: writes the config, the workflow, the Dependabot file and forms that `templates --check` accepts', async () => {
    const result = await run(
      'init.ts',
      ['--title', 'Acme status', '--repository', 'acme/widgets', '--component', 'CLI', '--component', 'npm packages', '--component', 'Website, Docs', '--yes'],
      project,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(WRITTEN.filter((file) => !existsSync(path.join(project, file)))).toEqual([]);
    expect(config()).toMatchObject({
      title: 'Acme status',
      repository: 'acme/widgets',
      site: 'https://acme.github.io/widgets',
      components: [
        { id: 'cli', name: 'CLI' },
        { id: 'npm-packages', name: 'npm packages' },
        { id: 'website', name: 'Website' },
        { id: 'docs', name: 'Docs' },
      ],
    });
    for (const file of ['.github/workflows/sitrep.yml', '.github/dependabot.yml']) {
      expect(readFileSync(path.join(project, file), 'utf8')).toBe(readFileSync(path.join(ROOT, 'templates/adopter', file), 'utf8'));
    }
    expect(readFileSync(path.join(project, '.github/ISSUE_TEMPLATE/incident.yml'), 'utf8')).toContain('npm packages (`npm-packages`)');
    const check = await run('templates.ts', ['--check'], project);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('up to date');
    // And the check can fail: a component added to the config without new forms.
    writeFileSync(
      path.join(project, 'content/status.yml'),
      `${readFileSync(path.join(project, 'content/status.yml'), 'utf8')}`.replace('maintainers: []', '  - { id: api, name: API }\nmaintainers: []'),
    );
    expect((await run('templates.ts', ['--check'], project)).code).toBe(1);
  });

  test('asks for what the flags do not say, with defaults guessed from the git remote', async () => {
    execFileSync('git', ['init', '-q', project]);
    execFileSync('git', ['-C', project, 'remote', 'add', 'origin', 'git@github.com:acme/gadgets.git']);
    // Repository and title: the defaults; the site: typed; components: an empty line asks again.
    const result = await run('init.ts', [], project, '\n\nhttps://status.gadgets.dev\n\nWebsite, CLI, API\n');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('(owner/name) [acme/gadgets]: ');
    expect(result.stdout).toContain('Title of the status page [gadgets status]: ');
    expect(result.stdout).toContain('[https://acme.github.io/gadgets]: ');
    expect(config()).toMatchObject({
      title: 'gadgets status',
      repository: 'acme/gadgets',
      site: 'https://status.gadgets.dev',
      components: [
        { id: 'website', name: 'Website' },
        { id: 'cli', name: 'CLI' },
        { id: 'api', name: 'API' },
      ],
    });
  });

  test('input that ends before every question is answered writes nothing', async () => {
    const result = await run('init.ts', ['--repository', 'acme/widgets'], project, 'Acme status\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the input ended');
    expect(existsSync(path.join(project, 'content'))).toBe(false);
  });

  test('refuses to overwrite an existing file without --force, and writes nothing then', async () => {
    mkdirSync(path.join(project, 'content'));
    writeFileSync(path.join(project, 'content/status.yml'), '# mine\n');
    const flags = ['--title', 'Acme status', '--repository', 'acme/widgets', '--component', 'CLI', '--yes'];
    const refused = await run('init.ts', flags, project);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('content/status.yml already exist');
    expect(readFileSync(path.join(project, 'content/status.yml'), 'utf8')).toBe('# mine\n');
    expect(existsSync(path.join(project, '.github'))).toBe(false);

    const forced = await run('init.ts', [...flags, '--force'], project);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('content/status.yml (overwritten)');
    expect(config().title).toBe('Acme status');
  });

  test.each([
    { what: 'a repository that is not owner/name', flags: ['--repository', 'widgets', '--site', 'https://acme.dev'], says: 'expected "owner/repo"' },
    { what: 'a site that is not http(s)', flags: ['--repository', 'acme/widgets', '--site', 'javascript:alert(1)'], says: 'site' },
  ])('refuses $what, writing nothing', async ({ flags, says }) => {
    const result = await run('init.ts', [...flags, '--title', 'Acme status', '--component', 'CLI', '--yes'], project);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(says);
    expect(existsSync(path.join(project, 'content'))).toBe(false);
  });

  test('--yes without a repository to guess says which flags are missing', async () => {
    const result = await run('init.ts', ['--yes'], project);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give --repository, --title, --site, --component');
  });
});

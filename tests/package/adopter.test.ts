/**
 * The npm package as an adopter gets it (issue #14): `npm pack` this repository, install the
 * tarball into a temporary repository that holds only content/status.yml and the workflow file
 * `sitrep init` writes, and run the real `sitrep` commands there with `npx` (and `init` in an
 * empty folder). One install serves every case; the cases
 * run in order and share the adopter's folder, like a maintainer's session would.
 *
 * The install uses the npm cache that `npm ci` filled (`--prefer-offline`): no registry beyond
 * npm's, no GitHub — `sync` talks to the test GitHub server.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseHtml, text } from '../support/build.ts';
import { addPeople, incidentBody, PEOPLE } from '../support/github-fixtures.ts';
import type { FakeGitHubRepo } from '../support/github-repo.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';
import { issue, snapshot } from '../support/records.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const CONFIG = `title: Widgets status
description: Status of the widgets.
repository: acme/widgets
site: https://acme.github.io/widgets-status
components:
  - id: cli
    name: CLI
  - id: docs
    name: Documentation
`;

/** The adopter's short workflow file, as `sitrep init` writes it (templates/adopter/). */
const WORKFLOW = readFileSync(path.join(ROOT, 'templates/adopter/.github/workflows/sitrep.yml'), 'utf8');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let work: string;
let adopter: string;
/** Where gh would keep a login: empty, so `gh auth token` (if gh is installed) has none to give. */
let ghConfig: string;

function exec(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, [...args], { maxBuffer: 32 * 1024 * 1024, timeout: 170_000, ...options }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The environment of a maintainer's shell: no CI, no token, nothing of vitest's. */
function adopterEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: process.env['HOME'], GH_CONFIG_DIR: ghConfig, ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

/** `npx sitrep <args>` in the adopter's repository (`--no`: never fetched from the registry; `--`: `--version` is sitrep's). */
function sitrep(args: readonly string[], extra: Record<string, string> = {}): Promise<Run> {
  return exec('npx', ['--no', '--', 'sitrep', ...args], { cwd: adopter, env: adopterEnv(extra) });
}

const adopterFile = (file: string): string => path.join(adopter, file);
const page = (file = 'index.html') => parseHtml(readFileSync(adopterFile(`dist/${file}`), 'utf8'));

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'sitrep-package-'));
  ghConfig = path.join(work, 'gh');
  mkdirSync(ghConfig);
  const packed = await exec('npm', ['pack', '--pack-destination', work, '--json'], { cwd: ROOT });
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const tarball = path.join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? '');
  adopter = path.join(work, 'adopter');
  mkdirSync(path.join(adopter, 'content'), { recursive: true });
  mkdirSync(path.join(adopter, '.github/workflows'), { recursive: true });
  writeFileSync(adopterFile('content/status.yml'), CONFIG);
  writeFileSync(adopterFile('.github/workflows/sitrep.yml'), WORKFLOW);
  const installed = await exec('npm', ['install', '--prefix', adopter, '--prefer-offline', '--no-audit', '--no-fund', tarball], {
    cwd: adopter,
    timeout: 360_000,
  });
  if (installed.code !== 0) throw new Error(`npm install of the tarball failed:\n${installed.stderr}`);
}, 400_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the package', () => {
  test('holds what the commands and the site need, and nothing of the development repository', async () => {
    const files = (await exec('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT })).stdout;
    const listed = (JSON.parse(files) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    for (const needed of ['bin/sitrep.mjs', 'astro.config.mjs', 'scripts/build.ts', 'scripts/preview.ts', 'src/pages/index.astro', 'LICENSE'])
      expect(listed).toContain(needed);
    expect(listed.filter((f) => /^(tests|docs|content|node_modules|test-artifacts|\.github)\//.test(f) || /bench/.test(f))).toEqual([]);
  });

  test('`sitrep --version`, `--help`, and an unknown command', async () => {
    expect((await sitrep(['--version'])).stdout.trim()).toBe(VERSION);
    const help = await sitrep(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['sync', 'build', 'preview', 'templates', 'labels', 'announce', 'monitor'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const unknown = await sitrep(['deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "deploy"');
    expect(unknown.stderr).toMatch(/^ {2}sync /m);
  });
});

describe('`sitrep init` from the installed package, in an empty repository', () => {
  test('writes the config, the workflow, the Dependabot file and forms that `templates --check` accepts', async () => {
    const fresh = path.join(work, 'fresh');
    mkdirSync(fresh);
    const bin = adopterFile('node_modules/sitrep/bin/sitrep.mjs');
    const args = ['--title', 'Gadgets status', '--repository', 'acme/gadgets', '--component', 'CLI', '--component', 'Docs site', '--yes'];
    const made = await exec(process.execPath, [bin, 'init', ...args], { cwd: fresh, env: adopterEnv() });
    expect(made.code, made.stderr).toBe(0);
    expect(readFileSync(path.join(fresh, '.github/workflows/sitrep.yml'), 'utf8')).toBe(WORKFLOW);
    expect(existsSync(path.join(fresh, '.github/dependabot.yml'))).toBe(true);
    expect(readFileSync(path.join(fresh, 'content/status.yml'), 'utf8')).toContain('acme/gadgets');
    const checked = await exec(process.execPath, [bin, 'templates', '--check'], { cwd: fresh, env: adopterEnv() });
    expect(checked.code, checked.stderr).toBe(0);
    // A second init refuses to overwrite what is there.
    expect((await exec(process.execPath, [bin, 'init', ...args], { cwd: fresh, env: adopterEnv() })).code).not.toBe(0);
  });
});

describe('an adopter repository with only content/status.yml and a workflow', () => {
  test('`sitrep templates` writes the issue forms there, and `--check` then passes (and fails on drift)', async () => {
    const written = await sitrep(['templates']);
    expect(written.code, written.stderr).toBe(0);
    expect(readdirSync(adopterFile('.github/ISSUE_TEMPLATE')).sort()).toEqual(['config.yml', 'incident.yml', 'maintenance.yml', 'postmortem.yml']);
    expect(readFileSync(adopterFile('.github/ISSUE_TEMPLATE/incident.yml'), 'utf8')).toContain('Documentation');
    expect((await sitrep(['templates', '--check'])).code).toBe(0);
    // From elsewhere, SITREP_PROJECT names the project folder.
    const bin = adopterFile('node_modules/sitrep/bin/sitrep.mjs');
    const elsewhere = await exec(process.execPath, [bin, 'templates', '--check'], { cwd: work, env: adopterEnv({ SITREP_PROJECT: adopter }) });
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect((await exec(process.execPath, [bin, 'templates', '--check'], { cwd: work, env: adopterEnv() })).stderr).toContain(
      'content/status.yml could not be read',
    );

    writeFileSync(adopterFile('content/status.yml'), `${CONFIG}  - id: api\n    name: Public API\n`);
    const drifted = await sitrep(['templates', '--check']);
    writeFileSync(adopterFile('content/status.yml'), CONFIG);
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toContain('the issue forms are out of date with content/status.yml: .github/ISSUE_TEMPLATE/incident.yml');
  });

  test('`sitrep build` builds the page from a fixture snapshot into <project>/dist', async () => {
    const active = issue({
      number: 7,
      title: 'CLI installs fail',
      labels: ['incident', 'P1', 'component:cli'],
      body: incidentBody('Installs fail with EINTEGRITY.'),
      createdAt: '2026-11-21T11:00:00Z',
    });
    writeFileSync(adopterFile('content/snapshot.json'), JSON.stringify(snapshot([active])));
    const built = await sitrep(['build'], { SITREP_NOW: '2026-11-21T12:00:00Z' });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain('built the status site into dist/');
    const doc = page();
    expect(text(doc.querySelector('h1'))).toContain('Widgets status');
    expect(text(doc.querySelector('[data-incident="7"]'))).toContain('CLI installs fail');
    expect(doc.querySelector('[data-component="cli"]')?.getAttribute('data-status')).not.toBe('operational');
    expect(doc.querySelector('[data-component="docs"]')?.getAttribute('data-status')).toBe('operational');
    expect(page('incidents/7/index.html').querySelector('h1')).not.toBeNull();
    // Astro's server chunks stay out of the published site, and nothing is written into the package.
    expect(readdirSync(adopterFile('dist')).filter((f) => f.endsWith('.mjs'))).toEqual([]);
    expect(existsSync(adopterFile('node_modules/sitrep/dist'))).toBe(false);
  });

  test('a snapshot of an older schema is refused with what to do, and the last build stays', async () => {
    const before = readFileSync(adopterFile('dist/index.html'), 'utf8');
    writeFileSync(adopterFile('content/snapshot.json'), JSON.stringify({ ...snapshot([]), schemaVersion: 0 }));
    const refused = await sitrep(['build']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('content/snapshot.json has snapshot schema 0, older than this sitrep reads (1): run `sitrep sync`');
    expect(refused.stderr).not.toMatch(/ZodError|\n\s+at /);
    expect(readFileSync(adopterFile('dist/index.html'), 'utf8')).toBe(before);
  });

  describe('against the test GitHub server', () => {
    let server: GitHubTestServer;
    let repo: FakeGitHubRepo;
    const github = (): Record<string, string> => ({
      GITHUB_API_URL: server.url,
      GITHUB_TOKEN: 'ghs_test',
      SITREP_GITHUB_THROTTLE: 'off',
      SITREP_TIMEOUT_SECONDS: '5',
    });

    beforeAll(async () => {
      server = await startGitHubServer();
      repo = server.repo('acme/widgets');
      addPeople(repo);
      repo.addIssue({ title: 'Docs site down', body: incidentBody('The docs answer 502.'), labels: ['incident', 'P1'], user: PEOPLE.admin });
      repo.addIssue({ title: 'Everything is on fire', body: incidentBody('Not really.'), labels: ['incident', 'P1'], user: PEOPLE.outsider });
    });
    afterAll(() => server?.close());

    test('`sitrep sync` then `sitrep build`: the maintainer’s incident is on the page, the outsider’s is not', async () => {
      const synced = await sitrep(['sync'], github());
      expect(synced.code, synced.stderr).toBe(0);
      const written = JSON.parse(readFileSync(adopterFile('content/snapshot.json'), 'utf8')) as { schemaVersion: number; repository: string };
      expect(written).toMatchObject({ schemaVersion: 1, repository: 'acme/widgets' });
      // The older snapshot of the previous test was replaced, not read as today's shape.
      expect(synced.stderr).toContain('snapshot schema 0, older than this sitrep reads (1)');

      const built = await sitrep(['build']);
      expect(built.code, built.stderr).toBe(0);
      const titles = [...page().querySelectorAll('[data-incident]')].map((card) => text(card));
      expect(titles.join('\n')).toContain('Docs site down');
      expect(titles.join('\n')).not.toContain('Everything is on fire');
    });

    test('`sitrep preview` syncs into a temporary snapshot, builds, and serves the page', async () => {
      const snapshotBefore = readFileSync(adopterFile('content/snapshot.json'), 'utf8');
      repo.addIssue({ title: 'API slow', body: incidentBody('Slow.'), labels: ['incident', 'P1'], user: PEOPLE.writer });
      const port = await freePort();
      const child = spawn('npx', ['--no', '--', 'sitrep', 'preview', '--port', String(port)], { cwd: adopter, env: adopterEnv(github()), detached: true });
      try {
        const url = await waitForUrl(child);
        expect(url).toBe(`http://127.0.0.1:${port}/widgets-status/`);
        const html = await (await fetch(url)).text();
        expect(html).toContain('API slow');
        expect(html).toContain('Docs site down');
        expect(html).not.toContain('Everything is on fire');
      } finally {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      }
      // content/snapshot.json is the adopter's: preview left it alone.
      expect(readFileSync(adopterFile('content/snapshot.json'), 'utf8')).toBe(snapshotBefore);
    });
  });

  test('`sitrep preview` without a token says who is trusted and why the page would be empty, and stops', async () => {
    const run = await sitrep(['preview'], { GITHUB_API_URL: 'http://127.0.0.1:9' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No token: GITHUB_TOKEN is not set and `gh auth token` gave none');
    expect(run.stderr).toContain('only people with write, maintain or admin permission on acme/widgets, or listed under `maintainers:`');
    expect(run.stderr).toContain("nobody's permission can be verified");
    expect(run.stderr).toContain('Not building it.');
  });
});

/** A port nobody listens on right now (Astro's preview reports the port it was given, so not 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The URL `sitrep preview` says it serves at; rejects when the process ends first. */
function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving .* at (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`sitrep preview exited with ${code} before serving:\n${out}\n${err}`)));
  });
}

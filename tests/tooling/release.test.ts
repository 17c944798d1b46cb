/**
 * The release: .github/workflows/release.yml (the promises actionlint cannot check, and its two
 * shell steps run by bash — the version check against real manifests, the major-tag move against
 * a stand-in `gh` that records its calls) and `npm create sitrep` (packages/create-sitrep), run
 * as a real process with sitrep installed beside it.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findStep, ROOT, readWorkflow } from './workflow-files.ts';

const workflow = readWorkflow('.github/workflows/release.yml');
const { jobs } = workflow;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sitrep-release-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(
  file: string,
  args: string[],
  options: { cwd: string; env: Record<string, string | undefined>; input?: string },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { cwd: options.cwd, env: options.env, timeout: 50_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}
/** As Actions runs a `run:` step: `bash --noprofile --norc -eo pipefail`. */
const bash = (script: string, cwd: string, env: Record<string, string | undefined>) =>
  run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env: { PATH: process.env['PATH'], ...env } });

/** A GitHub filter pattern (`*`, `+`, `?`, `[…]`) as a regular expression. */
function filterPattern(glob: string): RegExp {
  const source = glob.replace(/[.^$|(){}\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${source}$`);
}

describe('.github/workflows/release.yml', () => {
  test('starts on a semantic-version tag only', () => {
    expect(Object.keys(workflow.on)).toEqual(['push']);
    const tags = (workflow.on['push'] as { tags: string[]; branches?: string[] }).tags;
    expect(tags).toHaveLength(1);
    const pattern = filterPattern(tags[0] ?? '');
    expect(['v1.0.0', 'v1.2.3', 'v10.20.30'].filter((t) => !pattern.test(t))).toEqual([]);
    expect(['v1', 'v1.2', '1.2.3', 'v1.2.3-rc.1', 'v1.2.3.4', 'latest'].filter((t) => pattern.test(t))).toEqual([]);
    expect(workflow.concurrency).toEqual({ group: 'sitrep-release', 'cancel-in-progress': false });
  });

  test('tests, then publishes, then moves the major tag — each job with only what it needs', () => {
    expect(workflow.permissions).toEqual({});
    expect(jobs['publish']?.needs).toBe('test');
    expect(jobs['major-tag']?.needs).toBe('publish');
    expect(Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, job.permissions]))).toEqual({
      test: { contents: 'read' },
      publish: { contents: 'read', 'id-token': 'write' },
      'major-tag': { contents: 'write' },
    });
    expect(findStep(workflow, 'test', (s) => s.run === 'npm test').env).toMatchObject({ CHROME_PATH: expect.any(String) });
  });

  test('publishes sitrep and create-sitrep with provenance, publicly, with the token of the npm environment', () => {
    expect(jobs['publish']?.environment).toBe('npm');
    expect(findStep(workflow, 'publish', (s) => s.uses?.startsWith('actions/setup-node@') === true).with).toMatchObject({
      'registry-url': 'https://registry.npmjs.org',
    });
    const publishes = jobs['publish']!.steps.filter((s) => s.run?.startsWith('npm publish'));
    expect(publishes.map((s) => [s.run, s['working-directory'] ?? '.'])).toEqual([
      ['npm publish --provenance --access public', '.'],
      ['npm publish --provenance --access public', 'packages/create-sitrep'],
    ]);
    for (const s of publishes) expect(s.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
  });

  describe('the version check', () => {
    const check = findStep(workflow, 'test', (s) => s.name === "The tag names the packages' version").run ?? '';
    const manifests = (sitrep: string, create: string, dependency = sitrep) => {
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'sitrep', version: sitrep }));
      mkdirSync(path.join(dir, 'packages/create-sitrep'), { recursive: true });
      writeFileSync(
        path.join(dir, 'packages/create-sitrep/package.json'),
        JSON.stringify({ name: 'create-sitrep', version: create, dependencies: { sitrep: dependency } }),
      );
    };

    test.each([
      { what: 'all agree', sitrep: '1.2.3', create: '1.2.3', dependency: '1.2.3', code: 0, says: '' },
      { what: 'sitrep differs', sitrep: '1.2.2', create: '1.2.3', dependency: '1.2.3', code: 1, says: 'package.json says 1.2.2' },
      { what: 'create-sitrep differs', sitrep: '1.2.3', create: '1.2.0', dependency: '1.2.3', code: 1, says: 'packages/create-sitrep/package.json says 1.2.0' },
      { what: "create-sitrep's sitrep differs", sitrep: '1.2.3', create: '1.2.3', dependency: '^1.0.0', code: 1, says: 'depends on sitrep ^1.0.0' },
    ])('tag v1.2.3, $what: exit $code', async ({ sitrep, create, dependency, code, says }) => {
      manifests(sitrep, create, dependency);
      const result = await bash(check, dir, { GITHUB_REF_NAME: 'v1.2.3' });
      expect(result.code, result.stdout + result.stderr).toBe(code);
      expect(result.stdout).toContain(says);
    });

    test("this repository's manifests agree with each other", () => {
      const create = JSON.parse(readFileSync(path.join(ROOT, 'packages/create-sitrep/package.json'), 'utf8')) as {
        version: string;
        dependencies: Record<string, string>;
      };
      expect(create.dependencies['sitrep']).toBe(create.version);
    });
  });

  describe('the major-tag move', () => {
    const move = findStep(workflow, 'major-tag', (s) => s.name === 'Move the major tag to this release');
    /** A stand-in `gh`: answers the tag listing and the v1 lookup from the environment, logs every call. */
    const fakeGh = () => {
      const bin = path.join(dir, 'bin');
      mkdirSync(bin);
      writeFileSync(
        path.join(bin, 'gh'),
        `#!/bin/bash
echo "$*" >> "${dir}/gh.log"
case "$*" in
  *matching-refs/tags/*) printf '%s\\n' $TAGS ;;
  *"git/ref/tags/"*) [ "$MAJOR_EXISTS" = yes ] ;;
esac
`,
      );
      chmodSync(path.join(bin, 'gh'), 0o755);
      return bin;
    };
    const calls = () => readFileSync(path.join(dir, 'gh.log'), 'utf8').trim().split('\n');

    test('uses GITHUB_TOKEN unless a token with the workflows permission is set', () => {
      expect(move.env).toEqual({ GH_TOKEN: '${{ secrets.RELEASE_TAG_TOKEN || github.token }}' });
    });

    test.each([
      {
        what: 'the newest release, v1 exists: v1 is force-moved',
        tag: 'v1.3.0',
        tags: 'v1.2.9 v1.3.0 v1.10.0-rc1',
        exists: 'yes',
        last: 'api --method PATCH repos/acme/sitrep/git/refs/tags/v1 -f sha=abc123 -F force=true',
      },
      {
        what: 'the first release of a major: v2 is created',
        tag: 'v2.0.0',
        tags: 'v2.0.0',
        exists: 'no',
        last: 'api --method POST repos/acme/sitrep/git/refs -f ref=refs/tags/v2 -f sha=abc123',
      },
      {
        what: 'v1.10.0 after v1.9.0 (not a string sort)',
        tag: 'v1.10.0',
        tags: 'v1.9.0 v1.10.0',
        exists: 'yes',
        last: 'api --method PATCH repos/acme/sitrep/git/refs/tags/v1 -f sha=abc123 -F force=true',
      },
      {
        what: 'a patch to an older line: v1 stays',
        tag: 'v1.2.4',
        tags: 'v1.2.4 v1.3.0',
        exists: 'yes',
        last: 'api repos/acme/sitrep/git/matching-refs/tags/v1. --jq .[].ref | ltrimstr("refs/tags/")',
      },
    ])('$what', async ({ tag, tags, exists, last }) => {
      const bin = fakeGh();
      const result = await bash(move.run ?? '', dir, {
        PATH: `${bin}:${process.env['PATH']}`,
        GITHUB_REF_NAME: tag,
        GITHUB_REPOSITORY: 'acme/sitrep',
        GITHUB_SHA: 'abc123',
        TAGS: tags,
        MAJOR_EXISTS: exists,
      });
      expect(result.code, result.stderr).toBe(0);
      expect(calls().at(-1)).toBe(last);
    });
  });
});

describe('npm create sitrep (packages/create-sitrep)', () => {
  test('runs `sitrep init` with its arguments, from the sitrep installed beside it, and passes on its exit code', async () => {
    // An adopter's npx cache: create-sitrep and its dependency sitrep side by side in node_modules.
    const modules = path.join(dir, 'cache/node_modules');
    mkdirSync(modules, { recursive: true });
    cpSync(path.join(ROOT, 'packages/create-sitrep'), path.join(modules, 'create-sitrep'), { recursive: true });
    // sitrep itself: this working tree, whose package.json names the `sitrep` bin.
    symlinkSync(ROOT, path.join(modules, 'sitrep'));
    const project = path.join(dir, 'project');
    mkdirSync(project);
    const bin = path.join(modules, 'create-sitrep/bin/create-sitrep.mjs');
    const env = { PATH: process.env['PATH'], HOME: process.env['HOME'] };
    const made = await run(process.execPath, [bin, '--title', 'Acme status', '--repository', 'acme/widgets', '--component', 'CLI', '--yes'], {
      cwd: project,
      env,
    });
    expect(made.code, made.stderr).toBe(0);
    expect(readFileSync(path.join(project, 'content/status.yml'), 'utf8')).toContain('repository: acme/widgets');
    expect(readFileSync(path.join(project, '.github/workflows/sitrep.yml'), 'utf8')).toContain('uses: sitrep-dev/sitrep/.github/workflows/sitrep.yml@v1');

    const refused = await run(process.execPath, [bin, '--title', 'Acme status', '--repository', 'acme/widgets', '--component', 'CLI', '--yes'], {
      cwd: project,
      env,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exist');
  });

  test('says what to run instead when sitrep is not installed beside it', async () => {
    cpSync(path.join(ROOT, 'packages/create-sitrep'), path.join(dir, 'create-sitrep'), { recursive: true });
    const result = await run(process.execPath, [path.join(dir, 'create-sitrep/bin/create-sitrep.mjs')], { cwd: dir, env: { PATH: process.env['PATH'] } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npx sitrep@1 init');
  });
});

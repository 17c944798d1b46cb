/**
 * The architecture holds (README, "Architecture"): src/lib is pure — no node:*, no process, no
 * astro:*, no octokit, nothing from src/data, src/github or src/demo — only the edge (src/github,
 * src/monitor, src/notify) and scripts/ touch the network, commands never import test code, and no
 * .astro file carries styles of its own (every page is one document string with global.css).
 * The checker is itself tested on bad samples, so it can fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { NETWORK_EDGE, networkViolations, pureCoreViolations, ROOT, readFacts, scriptViolations, sourceFiles, stylesheetViolations } from './architecture.ts';

const read = (file: string) => readFacts(readFileSync(path.join(ROOT, file), 'utf8'), file);

describe('the checker catches what it should', () => {
  test.each([
    { code: "import { readFileSync } from 'node:fs';", problem: 'imports node:fs (Node.js)' },
    { code: "import path from 'path';", problem: 'imports path (Node.js)' },
    { code: "import { getCollection } from 'astro:content';", problem: 'imports astro:content (Astro)' },
    { code: "import { Octokit } from '@octokit/rest';", problem: 'imports @octokit/rest (octokit)' },
    { code: "import { getSiteModel } from '../data/site.ts';", problem: 'imports ../data/site.ts (edge code)' },
    { code: "export { runSync } from '../github/sync.ts';", problem: 'imports ../github/sync.ts (edge code)' },
    { code: "const m = await import('../github/client.ts');", problem: 'imports ../github/client.ts (edge code)' },
    { code: 'export const now = () => process.env.SITREP_NOW;', problem: 'uses process' },
    { code: "export const get = () => fetch('https://example.com');", problem: 'uses fetch' },
  ])('src/lib: $problem', ({ code, problem }) => {
    expect(pureCoreViolations('src/lib/bad.ts', readFacts(code))).toContain(problem);
  });

  test.each([
    { code: "import { z } from 'astro/zod';" },
    { code: "import { formatUtc } from './format.ts';" },
    { code: 'export const f = (o: { process: number; fetch: string }) => o.process + o.fetch;' },
    { code: '// no node:* and no process here\nexport const x = 1;' },
  ])('src/lib allows: $code', ({ code }) => {
    expect(pureCoreViolations('src/lib/ok.ts', readFacts(code))).toEqual([]);
  });

  test.each([
    { code: "import https from 'node:https';", problem: 'imports node:https' },
    { code: "import { request } from 'undici';", problem: 'imports undici' },
    { code: 'await fetch(url);', problem: 'uses fetch' },
  ])('network: $problem', ({ code, problem }) => {
    expect(networkViolations(readFacts(code))).toContain(problem);
  });

  test.each([
    { file: 'scripts/sync.ts', code: "import { startGitHubServer } from '../tests/support/github-server.ts';", bad: true },
    { file: 'scripts/lib/cli.ts', code: "import { x } from '../../tests/support/records.ts';", bad: true },
    { file: 'scripts/lib/bench-monitors.ts', code: "import { startGitHubServer } from '../../tests/support/github-server.ts';", bad: false },
    { file: 'scripts/sync.ts', code: "import { runSync } from '../src/github/sync.ts';", bad: false },
  ])('scripts: $file importing "$code" is a problem: $bad', ({ file, code, bad }) => {
    expect(scriptViolations(file, readFacts(code)).length > 0).toBe(bad);
  });

  test.each([
    { code: '<div class="x" />\n<style>\n  .x { color: red; }\n</style>', bad: true },
    { code: '<style is:global>.x{}</style>', bad: true },
    { code: "---\nimport '../styles/extra.css';\n---\n<p />", bad: true },
    { code: "---\nimport styles from './panel.module.scss';\n---\n<p />", bad: true },
    { code: "---\nimport Base from '../layouts/Base.astro';\n---\n<Base><p>styled by global.css</p></Base>", bad: false },
    { code: '<p>A <code>&lt;style&gt;</code> element, written as text</p>', bad: false },
  ])('.astro: "$code" loses its styles: $bad', ({ code, bad }) => {
    expect(stylesheetViolations(code).length > 0).toBe(bad);
  });
});

describe('the code follows it', () => {
  test('src/lib is pure', () => {
    const files = sourceFiles('src/lib');
    expect(files.length).toBeGreaterThan(20);
    const problems = files.flatMap((file) => pureCoreViolations(file, read(file)).map((p) => `${file} ${p}`));
    expect(problems).toEqual([]);
  });

  test('only the edge (src/github, src/monitor, src/notify) and scripts/ touch the network', () => {
    const files = sourceFiles('src').filter((file) => !NETWORK_EDGE.some((edge) => file.startsWith(edge)));
    expect(files.length).toBeGreaterThan(40);
    const problems = files.flatMap((file) => networkViolations(read(file)).map((p) => `${file} ${p}`));
    expect(problems).toEqual([]);
  });

  test('no page, layout or component carries styles of its own: every page is one document with the one stylesheet', () => {
    const files = sourceFiles('src', /\.astro$/);
    expect(files.length).toBeGreaterThan(10);
    const problems = files.flatMap((file) => stylesheetViolations(readFileSync(path.join(ROOT, file), 'utf8')).map((p) => `${file} ${p}`));
    expect(problems).toEqual([]);
  });

  test('commands never import test code (only the benchmark reuses its local servers)', () => {
    const files = sourceFiles('scripts');
    expect(files.length).toBeGreaterThan(10);
    const problems = files.flatMap((file) => scriptViolations(file, read(file)).map((p) => `${file} ${p}`));
    expect(problems).toEqual([]);
  });
});

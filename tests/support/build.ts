/**
 * Runs the real `npm run build` (scripts/build.ts → astro build) on a fixture in a temp directory
 * and reads the output with a DOM parser. A child process per build: the site model is memoised
 * per process, as it should be in a real build.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Window } from 'happy-dom';
import { stringify } from 'yaml';
import { CONFIG_INPUT } from './records.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

export interface FixtureOptions {
  /** Config object (written as YAML) or raw YAML text. */
  config?: object | string;
  /** Snapshot object (written as JSON) or raw text; omit for no snapshot. */
  snapshot?: object | string;
  /** `content/postmortems/<n>.md` files. */
  postmortems?: Record<string, string>;
  now?: string;
  /** Public URL; its path is the base. */
  siteUrl?: string;
  /** Extra environment (e.g. CI=true, SITREP_DEMO=1). */
  env?: Record<string, string>;
}

export interface FixtureBuild {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outDir: string;
  readonly base: string;
  /** Parses `<outDir>/<pathUnderBase>` (`''` = home). */
  page(pathUnderBase: string): Document;
  exists(pathUnderBase: string): boolean;
  /** Every built HTML file, relative to outDir. */
  htmlFiles(): string[];
}

export async function buildFixture(options: FixtureOptions): Promise<FixtureBuild> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-build-'));
  const configFile = path.join(dir, 'status.yml');
  const snapshotFile = path.join(dir, 'snapshot.json');
  const postmortemDir = path.join(dir, 'postmortems');
  const outDir = path.join(dir, 'dist');
  writeFileSync(configFile, typeof options.config === 'string' ? options.config : stringify(options.config ?? CONFIG_INPUT));
  if (options.snapshot !== undefined)
    writeFileSync(snapshotFile, typeof options.snapshot === 'string' ? options.snapshot : JSON.stringify(options.snapshot, null, 2));
  mkdirSync(postmortemDir);
  for (const [name, text] of Object.entries(options.postmortems ?? {})) writeFileSync(path.join(postmortemDir, name), text);
  const siteUrl = options.siteUrl ?? 'https://acme.github.io/status-sub';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SITREP_CONFIG: configFile,
    SITREP_SNAPSHOT: snapshotFile,
    SITREP_POSTMORTEMS: postmortemDir,
    SITREP_OUT_DIR: outDir,
    SITREP_SITE_URL: siteUrl,
    SITREP_NOW: options.now ?? '2026-11-21T12:00:00Z',
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  // The test runner's own CI flags must not leak into a fixture build unless the test asks.
  delete env['CI'];
  delete env['GITHUB_ACTIONS'];
  delete env['GITHUB_REPOSITORY'];
  delete env['SITREP_DEMO'];
  // vitest's own variables (BASE_URL=/, MODE=test) would leak into Vite's import.meta.env.
  for (const key of ['BASE_URL', 'MODE', 'NODE_ENV', 'TEST', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) delete env[key];
  Object.assign(env, options.env);
  let code = 0;
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/build.ts'], { cwd: ROOT, env, maxBuffer: 32 * 1024 * 1024 }));
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    code = typeof e.code === 'number' ? e.code : 1;
    stdout = e.stdout ?? '';
    stderr = e.stderr ?? '';
  }
  const base = new URL(siteUrl).pathname.replace(/\/+$/, '') || '';
  const fileFor = (p: string): string => {
    const clean = p.replace(/^\//, '');
    return path.join(outDir, clean === '' || clean.endsWith('/') ? `${clean}index.html` : clean);
  };
  return {
    code,
    stdout,
    stderr,
    outDir,
    base,
    page: (p) => parseHtml(readFileSync(fileFor(p), 'utf8')),
    exists: (p) => existsSync(fileFor(p)),
    htmlFiles: () => listFiles(outDir).filter((f) => f.endsWith('.html')),
  };
}

export function parseHtml(html: string): Document {
  const window = new Window();
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** Visible text of an element, whitespace folded. */
export const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * Builds a site once and shares it between test files (and bench runs): the output goes to
 * `<project>/.browser-site-<hash>.tmp` (git-ignored by `*.tmp`), where the hash covers the
 * environment the build gets and every source file it reads, so an edit anywhere in src/ makes a
 * fresh build and an unchanged tree reuses the last one. `astro build` runs in a child process
 * because src/data/site.ts memoises the model per process.
 *
 * Why a direct child of the project folder:
 * - not os.tmpdir(): when outDir is outside the working directory, Astro 5 writes its
 *   intermediate SSR chunks to `<root>/.astro/` instead (getOutDirWithinCwd in
 *   astro/dist/core/build/common.js), so two builds at once — two test runs in one working tree —
 *   mix each other's chunks. We saw pages built with the other build's base path.
 * - not deeper (tests/.out/…): src/data/paths.ts finds the project as `../../` from the bundled
 *   chunk (`<outDir>/chunks/*.mjs`), which is the project only when outDir is one level down.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../../src/data/paths.ts';

const run = promisify(execFile);

/** The build time of every test site: the demo is generated relative to it. */
export const DEMO_NOW = '2026-11-21T12:00:00Z';
/** Two segments deep, and not the demo's own `/status`, so nothing may hard-code the base. */
export const SITE_URL = 'http://127.0.0.1/quill/status';
export const SITE_BASE = '/quill/status/';

/** Where cached builds live: the project folder, as `.browser-site-<hash>.tmp`. */
const BUILD_ROOT = ROOT;
const BUILD_PREFIX = '.browser-site-';

/** What the build reads besides the environment; any change to these means a new build. */
const INPUTS = ['src', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

function hashInputs(hash: ReturnType<typeof createHash>, entry: string): void {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) hashInputs(hash, path.join(entry, name));
    return;
  }
  hash.update(`${entry}\0`).update(readFileSync(full)).update('\0');
}

/** vitest's own variables (BASE_URL=/, MODE=test, …) would leak into Vite's import.meta.env. */
const VITEST_VARIABLES = ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST', 'VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID'];

async function runAstroBuild(env: NodeJS.ProcessEnv): Promise<void> {
  for (const key of VITEST_VARIABLES) delete env[key];
  await run(process.execPath, [path.join(ROOT, 'node_modules/astro/astro.js'), 'build'], { cwd: ROOT, env, maxBuffer: 32 * 1024 * 1024 });
}

function describeFailure(error: unknown): string {
  const e = error as { stderr?: string; stdout?: string; message?: string };
  return [e.stderr, e.stdout].filter(Boolean).join('\n').trim() || String(e.message ?? error);
}

/** Env for `astro build` of the demo under the test sub-path; `extra` may add or override keys. */
export function demoBuildEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { SITREP_DEMO: '1', SITREP_NOW: DEMO_NOW, SITREP_SITE_URL: SITE_URL, ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

/**
 * Builds the site for `env` (SITREP_* keys; SITREP_OUT_DIR is set here) unless an identical build
 * exists, and returns its folder. Files named in `dataFiles` (a snapshot, a config) are hashed too.
 */
export async function buildSiteCached(env: Record<string, string>, dataFiles: readonly string[] = []): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(Object.entries(env).sort()));
  for (const entry of INPUTS) hashInputs(hash, entry);
  for (const file of dataFiles) hash.update(readFileSync(file));
  const outDir = path.join(BUILD_ROOT, `${BUILD_PREFIX}${hash.digest('hex').slice(0, 16)}.tmp`);
  if (existsSync(path.join(outDir, 'index.html'))) {
    // Mark it used, so pruneOldBuilds (by age) never takes a build another run still reads.
    utimesSync(outDir, new Date(), new Date());
    return outDir;
  }

  // Build next to the final folder, then rename: a run that dies half-way (or another test
  // process building the same tree) never leaves a half-built folder under the final name.
  const work = `${outDir.replace(/\.tmp$/, '')}-building-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  mkdirSync(work);
  try {
    await runAstroBuild({ ...process.env, ...env, SITREP_OUT_DIR: work }).catch(async (first: unknown) => {
      // Astro keeps state in the project's .astro/ and node_modules/.vite; a build started at the
      // same moment from another process in this working tree can pull it away. Try once more.
      process.stderr.write(`[browser tests] astro build failed, retrying once: ${describeFailure(first).split('\n')[0] ?? ''}\n`);
      await runAstroBuild({ ...process.env, ...env, SITREP_OUT_DIR: work }).catch((error: unknown) => {
        throw new Error(`astro build failed for the test site (${JSON.stringify(env)}):\n${describeFailure(error)}`, { cause: error });
      });
    });
    if (!existsSync(path.join(work, 'index.html'))) throw new Error(`astro build wrote no index.html into ${work}`);
    writeFileSync(path.join(work, '.sitrep-build.json'), JSON.stringify({ env, builtAt: new Date().toISOString() }, null, 2));
    try {
      renameSync(work, outDir);
    } catch (error) {
      // Another process won the race with an identical build: use that one.
      if (!existsSync(path.join(outDir, 'index.html'))) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  pruneOldBuilds(outDir);
  return outDir;
}

/**
 * Drops cached builds unused for two hours: every edit to src/ leaves the previous one behind,
 * and in a busy working tree they pile up. Two hours outlasts any test run still reading one.
 */
function pruneOldBuilds(keep: string): void {
  const cutoff = Date.now() - 2 * 60 * 60_000;
  for (const name of readdirSync(BUILD_ROOT)) {
    const dir = path.join(BUILD_ROOT, name);
    if (dir !== keep && name.startsWith(BUILD_PREFIX) && statSync(dir).mtimeMs < cutoff) rmSync(dir, { recursive: true, force: true });
  }
}

/** The demo, built under SITE_BASE at DEMO_NOW. */
export function buildDemoSite(): Promise<string> {
  return buildSiteCached(demoBuildEnv());
}

/** Every HTML file of a built site, as paths relative to it (`incidents/412/index.html`). */
export function listHtmlFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listHtmlFiles(root, rel);
      return entry.name.endsWith('.html') ? [rel] : [];
    })
    .sort();
}

/** `incidents/412/index.html` → `/quill/status/incidents/412/`; `404.html` → `/quill/status/404.html`. */
export function pagePathOf(htmlFile: string, base = SITE_BASE): string {
  return `${base}${htmlFile.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * `npm run build` and `npm start` share this: check the inputs with friendly errors first, then
 * run `astro build`. Checking first means a bad config prints one clear message instead of a stack
 * trace from inside Astro's config loader (a bad snapshot is told as clearly by astro.config.mjs).
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { checkBrandFiles } from '../../src/data/brand-files.ts';
import { loadConfig } from '../../src/data/load-config.ts';
import { displayPath, ROOT, resolveOutDir, resolveProjectDir } from '../../src/data/paths.ts';
import { type DataSource, resolveDataSource } from '../../src/data/source.ts';
import { astroHeapFlags } from './astro-heap.ts';
import { ExitError } from './cli.ts';

/**
 * Validates the config and where the data comes from; throws InputError with file and key. The
 * snapshot is validated once, by the Astro process before it writes anything (astro.config.mjs →
 * preloadSnapshot): reading it here too cost 1.1 s and held 180 MB at 10,000 incidents.
 */
export function checkInputs(env: NodeJS.ProcessEnv = process.env): DataSource {
  const source = resolveDataSource(env);
  const config = loadConfig(source.paths.config, env);
  // A logo or favicon in public/ must be there, or every page would show a broken image.
  checkBrandFiles(config, source.paths.public, displayPath(source.paths.config));
  return source;
}

/**
 * Astro's CLI, wherever npm put it: in this repository node_modules/astro, in an adopter's
 * project usually hoisted beside the sitrep package rather than inside it.
 */
const ASTRO_CLI = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'astro.js');

/**
 * Astro writes its prerendering chunks under outDir only when outDir lies under the working
 * directory; for any other outDir (an adopter's <project>/dist, a test's temp dir) they go to
 * <ROOT>/.astro/, where the dependencies resolve, and Astro then copies what is left there
 * (content-assets.mjs, content-modules.mjs, manifest_*.mjs) into the site. A static status page
 * publishes no top-level .mjs (its scripts are inline or in _astro/), so those are removed.
 */
function removeServerLeftovers(outDir: string): void {
  if (!path.relative(ROOT, outDir).startsWith('..')) return;
  for (const name of readdirSync(outDir)) if (name.endsWith('.mjs')) rmSync(path.join(outDir, name), { force: true });
}

export async function buildSite(env: NodeJS.ProcessEnv = process.env): Promise<DataSource> {
  const source = checkInputs(env);
  if (source.demo) process.stderr.write(`[sitrep] building the DEMO site: ${source.reason}\n`);
  // The build never needs the network; telemetry would only time out here and in CI.
  // Astro's root is the package folder (ROOT); the project folder travels in SITREP_PROJECT.
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    SITREP_PROJECT: resolveProjectDir(env),
    NODE_ENV: 'production',
    ASTRO_TELEMETRY_DISABLED: '1',
    ...(source.demo ? { SITREP_DEMO: '1' } : {}),
  };
  // Vite lets an inherited BASE_URL variable (vitest sets one, so may a CI) override the base
  // path in import.meta.env.BASE_URL, which would break every link of a project-pages site.
  delete childEnv['BASE_URL'];
  await new Promise<void>((resolve, reject) => {
    // The heap cap keeps peak memory near what the build holds (astro-heap.ts).
    const heap = astroHeapFlags(source.demo ? null : (statSync(source.paths.snapshot, { throwIfNoEntry: false })?.size ?? null), env['NODE_OPTIONS']);
    const child = spawn(process.execPath, [...heap, ASTRO_CLI, 'build', '--silent'], {
      cwd: ROOT,
      env: childEnv,
      stdio: 'inherit',
    });
    child.on('error', reject);
    // Astro has printed why; not a bug of sitrep's, so no stack.
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new ExitError(`astro build exited with code ${code}`))));
  });
  removeServerLeftovers(resolveOutDir(env));
  return source;
}

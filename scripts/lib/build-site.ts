/**
 * `npm run build` and `npm start` share this: check the inputs with friendly errors first, then
 * run `astro build`. Checking first means a bad config prints one clear message instead of a stack
 * trace from inside Astro's config loader (a bad snapshot is told as clearly by astro.config.mjs).
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/data/load-config.ts';
import { ROOT } from '../../src/data/paths.ts';
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
  loadConfig(source.paths.config, env);
  return source;
}

export async function buildSite(env: NodeJS.ProcessEnv = process.env): Promise<DataSource> {
  const source = checkInputs(env);
  if (source.demo) process.stderr.write(`[sitrep] building the DEMO site: ${source.reason}\n`);
  // The build never needs the network; telemetry would only time out here and in CI.
  const childEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', ...(source.demo ? { SITREP_DEMO: '1' } : {}) };
  // Vite lets an inherited BASE_URL variable (vitest sets one, so may a CI) override the base
  // path in import.meta.env.BASE_URL, which would break every link of a project-pages site.
  delete childEnv['BASE_URL'];
  await new Promise<void>((resolve, reject) => {
    // The heap cap keeps peak memory near what the build holds (astro-heap.ts).
    const heap = astroHeapFlags(source.demo ? null : (statSync(source.paths.snapshot, { throwIfNoEntry: false })?.size ?? null), env['NODE_OPTIONS']);
    const child = spawn(process.execPath, [...heap, path.join(ROOT, 'node_modules/astro/astro.js'), 'build', '--silent'], {
      cwd: ROOT,
      env: childEnv,
      stdio: 'inherit',
    });
    child.on('error', reject);
    // Astro has printed why; not a bug of sitrep's, so no stack.
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new ExitError(`astro build exited with code ${code}`))));
  });
  return source;
}

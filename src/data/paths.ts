/**
 * Where sitrep reads and writes its files. Every path can be moved with an environment variable,
 * which is how tests build fixture snapshots side by side.
 */

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder. Inside Astro's bundle this module no longer sits in src/data (its chunk may
 * even be written outside the project), so astro.config.mjs hands the root over in SITREP_ROOT.
 */
export const ROOT = process.env['SITREP_ROOT'] ?? fileURLToPath(new URL('../../', import.meta.url));

export interface DataPaths {
  /** The one config file. */
  readonly config: string;
  /** The synced snapshot; absent until the first `npm run sync`. */
  readonly snapshot: string;
  /** Hand-written post-mortems, `<incident-number>.md`. */
  readonly postmortems: string;
  /** Static files copied to the site as they are; `logo` and `favicon` paths point in here. */
  readonly public: string;
}

export const DEMO_PATHS: DataPaths = {
  config: path.join(ROOT, 'src/demo/status.yml'),
  snapshot: path.join(ROOT, 'src/demo/snapshot.json'),
  postmortems: path.join(ROOT, 'src/demo/postmortems'),
  public: path.join(ROOT, 'public'),
};

/** The real data paths, honouring SITREP_CONFIG, SITREP_SNAPSHOT, SITREP_POSTMORTEMS and SITREP_PUBLIC. */
export function resolveDataPaths(env: NodeJS.ProcessEnv = process.env): DataPaths {
  return {
    config: path.resolve(ROOT, env['SITREP_CONFIG'] ?? 'content/status.yml'),
    snapshot: path.resolve(ROOT, env['SITREP_SNAPSHOT'] ?? 'content/snapshot.json'),
    postmortems: path.resolve(ROOT, env['SITREP_POSTMORTEMS'] ?? 'content/postmortems'),
    public: path.resolve(ROOT, env['SITREP_PUBLIC'] ?? 'public'),
  };
}

/** A path relative to the project root, for messages. */
export function displayPath(file: string): string {
  const rel = path.relative(ROOT, file);
  return rel.startsWith('..') ? file : rel;
}

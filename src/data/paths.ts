/**
 * Where sitrep reads and writes its files. Every path can be moved with an environment variable,
 * which is how tests build fixture snapshots side by side.
 *
 * Two folders (issue #14): the PACKAGE folder (ROOT: src/, astro.config.mjs, the demo) and the
 * PROJECT folder (PROJECT: content/, .github/ISSUE_TEMPLATE/, dist/, public/ — everything a
 * command reads or writes for the adopter). Installed from npm they differ; in this repository
 * they are the same folder.
 */

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package folder. Inside Astro's bundle this module no longer sits in src/data (its chunk may
 * even be written outside the project), so astro.config.mjs hands the root over in SITREP_ROOT.
 */
export const ROOT = process.env['SITREP_ROOT'] ?? fileURLToPath(new URL('../../', import.meta.url));

/** The project folder: SITREP_PROJECT, else the current directory (where `sitrep` or `npm run` was started). */
export function resolveProjectDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env['SITREP_PROJECT']?.trim() || process.cwd());
}

/** The project folder of this process (build-site hands it to the Astro child in SITREP_PROJECT). */
export const PROJECT = resolveProjectDir();

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
    config: path.resolve(resolveProjectDir(env), env['SITREP_CONFIG'] ?? 'content/status.yml'),
    snapshot: path.resolve(resolveProjectDir(env), env['SITREP_SNAPSHOT'] ?? 'content/snapshot.json'),
    postmortems: path.resolve(resolveProjectDir(env), env['SITREP_POSTMORTEMS'] ?? 'content/postmortems'),
    public: path.resolve(resolveProjectDir(env), env['SITREP_PUBLIC'] ?? 'public'),
  };
}

/** Where the built site goes: SITREP_OUT_DIR (relative to the project folder), else `<project>/dist`. */
export function resolveOutDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(resolveProjectDir(env), env['SITREP_OUT_DIR'] || 'dist');
}

/** A path relative to the project folder, for messages (absolute when outside it). */
export function displayPath(file: string): string {
  const rel = path.relative(PROJECT, file);
  return rel.startsWith('..') ? file : rel;
}

/** Reads and validates the snapshot file (file system edge). */
import { existsSync } from 'node:fs';
import { InputError, parseWithFriendlyErrors } from '../lib/errors.ts';
import { type Snapshot, SnapshotSchema } from '../lib/schema/snapshot.ts';
import { SNAPSHOT_FILE, upgradeToCurrentVersion } from '../lib/schema/versions.ts';
import { displayPath } from './paths.ts';
import { readJsonFile } from './read-json-file.ts';

/**
 * Reads a snapshot; its issues are still unvalidated (see `readIssues` in src/lib). One of an older
 * schema is migrated or refused, one of a newer schema refused (SchemaVersionError).
 */
export function loadSnapshot(file: string): Snapshot {
  const where = displayPath(file);
  const read = readJsonFile(file);
  if (!read.ok) throw new InputError(`${where} ${read.reason}. Run \`npm run sync\` to write a fresh one.`, where);
  return parseWithFriendlyErrors(SnapshotSchema, upgradeToCurrentVersion(SNAPSHOT_FILE, read.json, where), where);
}

/** Whether a synced snapshot exists at `file`. */
export function hasSnapshot(file: string): boolean {
  return existsSync(file);
}

/** Where astro.config.mjs leaves the snapshot it read, for the build's one `loadSite` to take. */
const PRELOADED = Symbol.for('sitrep.preloadedSnapshot');
type Preloaded = { readonly file: string; readonly snapshot: Snapshot };
const slot = globalThis as { [PRELOADED]?: Preloaded };

/**
 * Reads and validates the snapshot once per build, in the Astro process before Astro touches the
 * output folder: a bad snapshot ends the build with the friendly message (no stack trace) and
 * leaves the previous dist/ as it was. The pages' `loadSite` then takes this copy instead of
 * reading the file again (the parent process no longer reads it at all).
 */
export function preloadSnapshot(file: string): void {
  try {
    slot[PRELOADED] = { file, snapshot: loadSnapshot(file) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`sitrep build failed: ${error.message}\n`);
    process.exit(1);
  }
}

/** The snapshot `preloadSnapshot` read from `file`, handed over once (then released), else undefined. */
export function takePreloadedSnapshot(file: string): Snapshot | undefined {
  const found = slot[PRELOADED];
  if (found?.file !== file) return undefined;
  delete slot[PRELOADED];
  return found.snapshot;
}

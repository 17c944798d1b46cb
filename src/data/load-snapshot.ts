/** Reads and validates the snapshot file (file system edge). */
import { existsSync, readFileSync } from 'node:fs';
import { InputError, parseWithFriendlyErrors } from '../lib/errors.ts';
import { type Snapshot, SnapshotSchema } from '../lib/schema/snapshot.ts';
import { displayPath } from './paths.ts';

/** Reads a snapshot; its issues are still unvalidated (see `readIssues` in src/lib). */
export function loadSnapshot(file: string): Snapshot {
  const where = displayPath(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    const reason =
      cause instanceof SyntaxError ? `is not valid JSON (${cause.message})` : `could not be read (${(cause as NodeJS.ErrnoException).code ?? cause})`;
    throw new InputError(`${where} ${reason}. Run \`npm run sync\` to write a fresh one.`, where);
  }
  return parseWithFriendlyErrors(SnapshotSchema, json, where);
}

/** Whether a synced snapshot exists at `file`. */
export function hasSnapshot(file: string): boolean {
  return existsSync(file);
}

/** Reads and validates the snapshot file (file system edge). */
import { existsSync } from 'node:fs';
import { InputError, parseWithFriendlyErrors } from '../lib/errors.ts';
import { type Snapshot, SnapshotSchema } from '../lib/schema/snapshot.ts';
import { displayPath } from './paths.ts';
import { readJsonFile } from './read-json-file.ts';

/** Reads a snapshot; its issues are still unvalidated (see `readIssues` in src/lib). */
export function loadSnapshot(file: string): Snapshot {
  const where = displayPath(file);
  const read = readJsonFile(file);
  if (!read.ok) throw new InputError(`${where} ${read.reason}. Run \`npm run sync\` to write a fresh one.`, where);
  return parseWithFriendlyErrors(SnapshotSchema, read.json, where);
}

/** Whether a synced snapshot exists at `file`. */
export function hasSnapshot(file: string): boolean {
  return existsSync(file);
}

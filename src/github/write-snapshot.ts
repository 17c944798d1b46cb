/**
 * Writes the snapshot so that the site can always read what is on disk: validated first, then
 * written to a temporary file beside the target and renamed over it (rename is atomic on one file
 * system). On any failure the previous snapshot is left byte for byte as it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseWithFriendlyErrors } from '../lib/errors.ts';
import { IssueRecordSchema, type SnapshotInput, SnapshotSchema } from '../lib/schema/snapshot.ts';
import { toFileError } from './fs-errors.ts';

/** Throws an InputError naming the record and key if the snapshot would not load. */
export function validateSnapshot(snapshot: SnapshotInput, where: string): void {
  parseWithFriendlyErrors(SnapshotSchema, snapshot, where);
  for (const issue of snapshot.issues) parseWithFriendlyErrors(IssueRecordSchema, issue, `${where}: issue #${issue.number}`);
}

export function writeSnapshotAtomically(file: string, snapshot: SnapshotInput, where: string): void {
  validateSnapshot(snapshot, where);
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(snapshot, null, 2)}\n`, { flush: true });
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing to clean up, or the folder cannot be touched at all: the first error says why.
    }
    throw toFileError(error, 'write the snapshot', where);
  }
}

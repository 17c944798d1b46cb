/**
 * The last run's snapshot, as the starting point of this one. A missing, unreadable or foreign
 * snapshot is not an error: it only means this run must list everything (a "full" sync).
 */
import { existsSync } from 'node:fs';
import { loadSnapshot } from '../data/load-snapshot.ts';
import { InputError } from '../lib/errors.ts';
import { type IssueRecord, IssueRecordSchema, type ReferencedIssue, type SyncState } from '../lib/schema/snapshot.ts';
import { SchemaVersionError } from '../lib/schema/versions.ts';

export interface PreviousSnapshot {
  records: Map<number, IssueRecord>;
  referenced: ReferencedIssue[];
  sync: SyncState | null;
  /** Why nothing from the last run can be trusted to be complete; null when it can. */
  fullReason: string | null;
}

const EMPTY = (fullReason: string): PreviousSnapshot => ({ records: new Map(), referenced: [], sync: null, fullReason });

export function readPreviousSnapshot(file: string, repository: string, warn: (message: string) => void): PreviousSnapshot {
  if (!existsSync(file)) return EMPTY('first sync');
  let snapshot;
  try {
    snapshot = loadSnapshot(file);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // A newer sitrep's snapshot is not rebuilt in the older shape behind the maintainer's back.
    if (error instanceof SchemaVersionError && error.direction === 'newer') throw error;
    warn(`${error.message}\nStarting over with a full sync; the file is replaced only if that succeeds.`);
    return EMPTY('previous snapshot unreadable');
  }
  if (snapshot.repository.toLowerCase() !== repository.toLowerCase()) return EMPTY(`repository changed from ${snapshot.repository}`);
  const records = new Map<number, IssueRecord>();
  let invalid = 0;
  for (const issue of snapshot.issues) {
    const parsed = IssueRecordSchema.safeParse(issue);
    if (parsed.success && !parsed.data.isPullRequest) records.set(parsed.data.number, parsed.data);
    else invalid++;
  }
  return {
    records,
    referenced: snapshot.referencedIssues,
    sync: snapshot.sync ?? null,
    // A dropped record would not come back until its issue changes: list everything to restore it.
    fullReason: invalid > 0 ? `${invalid} invalid issue record(s) in the previous snapshot` : null,
  };
}

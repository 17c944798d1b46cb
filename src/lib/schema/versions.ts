/**
 * Schema versions of the files sitrep keeps (issue #14): an adopter upgrades sitrep with a version
 * bump, so a file written by another version must be migrated or refused in words, never fail
 * deep inside zod or, worse, be read as if it had today's shape.
 *
 * One pure decision for every versioned file: read the version key, walk the migrations one
 * version at a time up to the current one, or refuse naming the file, both versions and what to
 * do. The zod schema then validates the result as usual.
 */
import { InputError } from '../errors.ts';
import { SNAPSHOT_SCHEMA_VERSION } from './snapshot.ts';

/** Turns a document of version N into version N + 1 (it may assume the version-N shape). */
type Migration = (document: Record<string, unknown>) => Record<string, unknown>;

export interface VersionedFile {
  /** "snapshot schema", "config version": how messages name the version. */
  readonly label: string;
  /** The key holding the version number. */
  readonly key: string;
  /** The version this sitrep reads and writes. */
  readonly current: number;
  /** The version of a document without the key; undefined when the key is required (zod reports it). */
  readonly whenAbsent?: number;
  /** Migrations keyed by the version they start from: `{ 1: (v1) => v2 }`. */
  readonly migrations: Readonly<Record<number, Migration>>;
  /** What to do with an older document no migration reaches, e.g. "run `sitrep sync` to rebuild it". */
  readonly whenOlder: string;
  /** What to do with a newer one. */
  readonly whenNewer: string;
}

/**
 * The snapshot. Schema 1 is the only shape sitrep ever wrote (`git log -p src/lib/schema/snapshot.ts`),
 * so there is no migration yet; an older or unknown number can only come from elsewhere, and the
 * snapshot is a cache of GitHub that the sync rebuilds in full.
 */
export const SNAPSHOT_FILE: VersionedFile = {
  label: 'snapshot schema',
  key: 'schemaVersion',
  current: SNAPSHOT_SCHEMA_VERSION,
  migrations: {},
  whenOlder: 'run `sitrep sync` (`npm run sync`) to rebuild it from GitHub',
  whenNewer:
    'it was written by a newer sitrep: upgrade sitrep (the version your workflow uses), or delete the file and run `sitrep sync` to rebuild it with this version',
};

/** The config: `version: 1` may be written; a config without it is version 1 (every config before issue #14). */
export const CONFIG_FILE: VersionedFile = {
  label: 'config version',
  key: 'version',
  current: 1,
  whenAbsent: 1,
  migrations: {},
  whenOlder: 'rewrite it for this version as the README describes',
  whenNewer: 'it uses keys of a newer sitrep: upgrade sitrep (the version your workflow uses), or set `version: 1` and remove the newer keys',
};

export type VersionDecision =
  | { readonly kind: 'current'; readonly document: unknown }
  | { readonly kind: 'migrated'; readonly from: number; readonly document: Record<string, unknown> }
  | { readonly kind: 'older' | 'newer'; readonly version: number; readonly message: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Decides what to do with `input` read from `where`. Anything that is not an object with an
 * integer version (or an absent one with `whenAbsent`) is left to the schema, which says what is
 * wrong with it.
 */
export function decideSchemaVersion(file: VersionedFile, input: unknown, where: string): VersionDecision {
  if (!isRecord(input)) return { kind: 'current', document: input };
  const raw = input[file.key] ?? file.whenAbsent;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw === file.current) return { kind: 'current', document: input };
  if (raw > file.current) {
    return { kind: 'newer', version: raw, message: `${where} has ${file.label} ${raw}, newer than this sitrep reads (${file.current}): ${file.whenNewer}.` };
  }
  let document: Record<string, unknown> = input;
  for (let version = raw; version < file.current; version++) {
    const migrate = file.migrations[version];
    if (!migrate) {
      return { kind: 'older', version: raw, message: `${where} has ${file.label} ${raw}, older than this sitrep reads (${file.current}): ${file.whenOlder}.` };
    }
    document = { ...migrate(document), [file.key]: version + 1 };
  }
  return { kind: 'migrated', from: raw, document };
}

/** A file refused for its version; `direction` says whether it is older or newer than this sitrep. */
export class SchemaVersionError extends InputError {
  constructor(
    message: string,
    where: string,
    readonly direction: 'older' | 'newer',
  ) {
    super(message, where, [message]);
  }
}

/** The document at the current version (migrated if need be), or a SchemaVersionError. */
export function upgradeToCurrentVersion(file: VersionedFile, input: unknown, where: string): unknown {
  const decision = decideSchemaVersion(file, input, where);
  if (decision.kind === 'current' || decision.kind === 'migrated') return decision.document;
  throw new SchemaVersionError(decision.message, where, decision.kind);
}

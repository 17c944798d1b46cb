import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/data/load-config.ts';
import { loadSnapshot } from '../../src/data/load-snapshot.ts';
import { readPreviousSnapshot } from '../../src/github/previous-snapshot.ts';
import {
  CONFIG_FILE,
  decideSchemaVersion,
  SchemaVersionError,
  SNAPSHOT_FILE,
  upgradeToCurrentVersion,
  type VersionedFile,
} from '../../src/lib/schema/versions.ts';
import { REPO, snapshot } from '../support/records.ts';

/** A file at version 3 that knows how to get there from 1 (rename `a` → `b`, then wrap `b` in a list). */
const THREE: VersionedFile = {
  label: 'test schema',
  key: 'v',
  current: 3,
  migrations: {
    1: ({ a, ...rest }) => ({ ...rest, b: a }),
    2: ({ b, ...rest }) => ({ ...rest, b: [b] }),
  },
  whenOlder: 'rebuild it',
  whenNewer: 'upgrade',
};

describe('decideSchemaVersion', () => {
  test.each([
    { name: 'current version: untouched', file: THREE, input: { v: 3, b: [1] }, kind: 'current', document: { v: 3, b: [1] } },
    { name: 'one step behind: migrated', file: THREE, input: { v: 2, b: 1 }, kind: 'migrated', document: { v: 3, b: [1] } },
    { name: 'two steps behind: every migration in order', file: THREE, input: { v: 1, a: 1 }, kind: 'migrated', document: { v: 3, b: [1] } },
    { name: 'no migration from 0: refused as older', file: THREE, input: { v: 0 }, kind: 'older', document: undefined },
    { name: 'newer: refused', file: THREE, input: { v: 4 }, kind: 'newer', document: undefined },
    { name: 'version not a number: left to the schema', file: THREE, input: { v: '3' }, kind: 'current', document: { v: '3' } },
    { name: 'not an object: left to the schema', file: THREE, input: [1], kind: 'current', document: [1] },
    { name: 'snapshot without schemaVersion: left to the schema', file: SNAPSHOT_FILE, input: { takenAt: 'x' }, kind: 'current', document: { takenAt: 'x' } },
    { name: 'config without version: version 1', file: CONFIG_FILE, input: { title: 't' }, kind: 'current', document: { title: 't' } },
    { name: 'config version 2: refused', file: CONFIG_FILE, input: { version: 2 }, kind: 'newer', document: undefined },
    { name: 'config version 0: refused', file: CONFIG_FILE, input: { version: 0 }, kind: 'older', document: undefined },
  ])('$name', ({ file, input, kind, document }) => {
    const decision = decideSchemaVersion(file, input, 'x.json');
    expect(decision.kind).toBe(kind);
    if (decision.kind === 'current' || decision.kind === 'migrated') expect(decision.document).toEqual(document);
  });

  test.each([
    {
      version: 0,
      text: 'content/snapshot.json has snapshot schema 0, older than this sitrep reads (1): run `sitrep sync` (`npm run sync`) to rebuild it from GitHub.',
    },
    { version: 7, text: 'content/snapshot.json has snapshot schema 7, newer than this sitrep reads (1): it was written by a newer sitrep: upgrade sitrep' },
  ])('snapshot schema $version: the message names the file, both versions and what to do', ({ version, text }) => {
    const decision = decideSchemaVersion(SNAPSHOT_FILE, { schemaVersion: version }, 'content/snapshot.json');
    expect(decision.kind === 'older' || decision.kind === 'newer' ? decision.message : '').toContain(text);
  });

  test('the input is not changed by a migration', () => {
    const input = { v: 1, a: 1 };
    upgradeToCurrentVersion(THREE, input, 'x');
    expect(input).toEqual({ v: 1, a: 1 });
  });
});

function write(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sitrep-versions-')), name);
  writeFileSync(file, content);
  return file;
}

describe('the loaders ask the decision', () => {
  test.each([
    { version: 0, direction: 'older', message: /has snapshot schema 0, older than this sitrep reads \(1\): run `sitrep sync`/ },
    { version: 2, direction: 'newer', message: /has snapshot schema 2, newer than this sitrep reads \(1\)/ },
  ])('a snapshot of schema $version is refused ($direction)', ({ version, direction, message }) => {
    const file = write('snapshot.json', JSON.stringify({ ...snapshot([]), schemaVersion: version }));
    const error = (() => {
      try {
        loadSnapshot(file);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect((error as SchemaVersionError).direction).toBe(direction);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(file);
  });

  test.each([
    { name: 'no version key', extra: '', ok: true },
    { name: 'version: 1', extra: 'version: 1\n', ok: true },
    { name: 'version: 2', extra: 'version: 2\n', ok: false },
  ])('config with $name', ({ extra, ok }) => {
    const text = `${extra}title: T\ndescription: D\nrepository: ${REPO}\nsite: https://acme.github.io/status\ncomponents:\n  - id: cli\n    name: CLI\n`;
    if (ok) expect(parseConfigText(text, 'content/status.yml').title).toBe('T');
    else expect(() => parseConfigText(text, 'content/status.yml')).toThrow(/content\/status.yml has config version 2, newer than this sitrep reads \(1\)/);
  });

  test('a newer config is refused by loadConfig too, naming the file', () => {
    const file = write('status.yml', 'version: 3\ntitle: T\n');
    expect(() => loadConfig(file, {})).toThrow(/has config version 3, newer than this sitrep reads \(1\): .*upgrade sitrep/);
  });

  test('the sync starts over from an older snapshot, but stops at a newer one (it would rewrite it in the older shape)', () => {
    const warnings: string[] = [];
    const older = write('snapshot.json', JSON.stringify({ ...snapshot([]), schemaVersion: 0 }));
    expect(readPreviousSnapshot(older, REPO, (m) => warnings.push(m)).fullReason).toBe('previous snapshot unreadable');
    expect(warnings.join('\n')).toMatch(/snapshot schema 0, older than this sitrep reads/);
    const newer = write('snapshot.json', JSON.stringify({ ...snapshot([]), schemaVersion: 2 }));
    expect(() => readPreviousSnapshot(newer, REPO, () => {})).toThrow(SchemaVersionError);
  });
});

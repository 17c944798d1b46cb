import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSnapshot } from '../../src/data/load-snapshot.ts';
import { resolveDataSource } from '../../src/data/source.ts';
import { InputError } from '../../src/lib/errors.ts';
import { issue, snapshot } from '../support/records.ts';

function write(content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sitrep-snap-')), 'snapshot.json');
  writeFileSync(file, content);
  return file;
}

describe('loadSnapshot', () => {
  test('reads a valid snapshot, leaving issues to be checked one by one', () => {
    const file = write(JSON.stringify(snapshot([issue({ number: 1 }), { junk: true }])));
    expect(loadSnapshot(file).issues).toHaveLength(2);
  });

  test.each([
    { name: 'not JSON', content: '{"schemaVersion":', message: /is not valid JSON/ },
    {
      name: 'newer schema version',
      content: JSON.stringify({ ...snapshot([]), schemaVersion: 2 }),
      message: /has snapshot schema 2, newer than this sitrep reads \(1\): .*upgrade sitrep/,
    },
    { name: 'schema version not a number', content: JSON.stringify({ ...snapshot([]), schemaVersion: '1' }), message: /schemaVersion: expected 1, got "1"/ },
    { name: 'missing takenAt', content: JSON.stringify({ ...snapshot([]), takenAt: undefined }), message: /takenAt: required/ },
    { name: 'issues not a list', content: JSON.stringify({ ...snapshot([]), issues: {} }), message: /issues: expected array, got object/ },
  ])('$name → a message naming the file and field', ({ content, message }) => {
    const file = write(content);
    expect(() => loadSnapshot(file)).toThrow(InputError);
    expect(() => loadSnapshot(file)).toThrow(message);
    expect(() => loadSnapshot(file)).toThrow(file);
  });
});

describe('resolveDataSource', () => {
  const exists = (yes: boolean) => () => yes;
  test.each([
    { name: 'snapshot present', env: {}, present: true, demo: false },
    { name: 'no snapshot on a workstation → demo', env: {}, present: false, demo: true },
    { name: 'explicit demo switch, even in CI', env: { SITREP_DEMO: '1', CI: 'true' }, present: true, demo: true },
    { name: 'SITREP_DEMO=0 is off', env: { SITREP_DEMO: '0' }, present: true, demo: false },
    { name: 'snapshot present in CI', env: { CI: 'true' }, present: true, demo: false },
  ])('$name', ({ env, present, demo }) => {
    expect(resolveDataSource(env, exists(present)).demo).toBe(demo);
  });

  test.each([{ env: { CI: 'true' } }, { env: { GITHUB_ACTIONS: 'true' } }])('no snapshot in CI ($env) refuses the demo', ({ env }) => {
    expect(() => resolveDataSource(env, exists(false))).toThrow(/refusing to build the demo/);
  });
});

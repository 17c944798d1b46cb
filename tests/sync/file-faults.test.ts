/**
 * A snapshot that cannot be written (bad path, full disk, read-only folder) keeps the previous
 * one, and the error names the file and the OS error, instead of "network … a bug in sitrep".
 * Running as root, permission faults cannot be staged; path faults can, and take the same road.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { InputError } from '../../src/lib/errors.ts';
import { seedIncidents } from '../support/github-fixtures.ts';
import { syncCli, syncInProcess, useSyncFixture } from './harness.ts';

const fixture = useSyncFixture();
beforeEach(() => seedIncidents(fixture.repo, 2, { open: 1 }));

describe('a snapshot that cannot be written', () => {
  test.each([
    { code: 'ENOTDIR', why: 'part of the path is a file', target: (dir: string) => path.join(dir, 'status.yml', 'data', 'snapshot.json') },
    {
      code: 'EISDIR',
      why: 'the path is a folder',
      target: (dir: string) => {
        mkdirSync(path.join(dir, 'snapshot.json'));
        return path.join(dir, 'snapshot.json');
      },
    },
    { code: 'ENAMETOOLONG', why: 'a name is too long', target: (dir: string) => path.join(dir, `${'s'.repeat(300)}.json`) },
  ])('$code ($why): names the file and the OS error', async ({ code, target }) => {
    const snapshotPath = target(fixture.ws.dir);
    const error = await syncInProcess(fixture.server, { ...fixture.ws, snapshotPath }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    const { message, where, problems } = error as InputError;
    expect(where).toBe(snapshotPath);
    expect(message).toContain(snapshotPath);
    expect(message).toContain(code);
    expect(message).not.toMatch(/network|bug in sitrep/i);
    expect(problems[0]).toMatch(new RegExp(`^${code}: `));
  });

  test('the command exits 1 and says which file and why', async () => {
    const { ws, server } = fixture;
    const blocker = path.join(ws.dir, 'blocker');
    writeFileSync(blocker, 'a file where a folder should be');
    const result = await syncCli(server, ws, ['--json'], { SITREP_SNAPSHOT: path.join(blocker, 'data', 'snapshot.json') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/sitrep sync failed: Could not write the snapshot .*blocker\/data\/snapshot\.json: ENOTDIR/);
    expect(result.stderr).not.toMatch(/bug in sitrep|network/i);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { kind: 'InputError', problems: [expect.stringMatching(/^ENOTDIR: /)] } });
  });
});

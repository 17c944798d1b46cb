/**
 * Pages written with synchronous calls during `astro build` (src/data/sync-page-writes.ts, issue
 * #15): inside the output folder a write has happened when the call returns; anywhere else the
 * asynchronous call is left alone; afterwards fs.promises is as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { syncPageWrites, writeSynchronouslyInside } from '../../src/data/sync-page-writes.ts';

let root: string;
const originals = { mkdir: fs.promises.mkdir, writeFile: fs.promises.writeFile };

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-writes-'));
});
afterEach(() => {
  fs.promises.mkdir = originals.mkdir;
  fs.promises.writeFile = originals.writeFile;
  fs.rmSync(root, { recursive: true, force: true });
});

describe('writeSynchronouslyInside', () => {
  test('inside the folder the page is on disk when the call returns, for a path or a file: URL', async () => {
    const dist = path.join(root, 'dist');
    const restore = writeSynchronouslyInside(dist);
    const folder = pathToFileURL(`${path.join(dist, 'incidents', '7')}/`);
    const made = fs.promises.mkdir(folder, { recursive: true });
    expect(fs.existsSync(path.join(dist, 'incidents', '7'))).toBe(true);
    await made;
    const written = fs.promises.writeFile(new URL('index.html', folder), '<p>seven</p>');
    expect(fs.readFileSync(path.join(dist, 'incidents', '7', 'index.html'), 'utf8')).toBe('<p>seven</p>');
    await written;
    await fs.promises.writeFile(path.join(dist, 'bytes.bin'), new Uint8Array([1, 2, 3]));
    expect([...fs.readFileSync(path.join(dist, 'bytes.bin'))]).toEqual([1, 2, 3]);
    restore();
  });

  test('outside the folder (and beside it: dist-old) the asynchronous calls are used', async () => {
    // Stand-ins for the originals that record what reaches them and then do the real work.
    const reached: string[] = [];
    fs.promises.mkdir = (async (target: fs.PathLike, options?: fs.MakeDirectoryOptions) => {
      reached.push(`mkdir ${String(target)}`);
      return originals.mkdir(target, options);
    }) as typeof fs.promises.mkdir;
    fs.promises.writeFile = (async (target: Parameters<typeof fs.promises.writeFile>[0], data: string) => {
      reached.push(`writeFile ${String(target)}`);
      return originals.writeFile(target, data);
    }) as typeof fs.promises.writeFile;
    const restore = writeSynchronouslyInside(path.join(root, 'dist'));
    const elsewhere = path.join(root, 'dist-old', 'index.html');
    await fs.promises.mkdir(path.dirname(elsewhere));
    await fs.promises.writeFile(elsewhere, 'later');
    await fs.promises.mkdir(path.join(root, 'dist', 'inside'), { recursive: true });
    await fs.promises.writeFile(path.join(root, 'dist', 'inside', 'index.html'), 'now');
    restore();
    expect(reached).toEqual([`mkdir ${path.dirname(elsewhere)}`, `writeFile ${elsewhere}`]);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('later');
    expect(fs.readFileSync(path.join(root, 'dist', 'inside', 'index.html'), 'utf8')).toBe('now');
  });

  test('errors still reject the promise', async () => {
    const restore = writeSynchronouslyInside(root);
    await expect(fs.promises.writeFile(path.join(root, 'missing', 'index.html'), 'x')).rejects.toThrow(/ENOENT/);
    restore();
  });

  test('restoring puts the original calls back', () => {
    writeSynchronouslyInside(root)();
    expect(fs.promises.mkdir).toBe(originals.mkdir);
    expect(fs.promises.writeFile).toBe(originals.writeFile);
  });
});

test('the integration swaps the calls in from astro:build:start to astro:build:done', async () => {
  const integration = syncPageWrites(root);
  const hooks = integration.hooks as Record<string, (options: unknown) => unknown>;
  await hooks['astro:build:start']?.({});
  expect(fs.promises.writeFile).not.toBe(originals.writeFile);
  await hooks['astro:build:done']?.({});
  expect(fs.promises.writeFile).toBe(originals.writeFile);
  expect(fs.promises.mkdir).toBe(originals.mkdir);
});

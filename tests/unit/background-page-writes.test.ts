/**
 * Pages written on a worker thread during `astro build` (src/data/background-page-writes.ts, issue
 * #15): every page Astro hands over is on disk, byte for byte, once the writes are drained; other
 * files inside the output folder are written before the call returns; paths elsewhere keep Node's
 * calls; a failed write fails the drain and the next call, naming the file; afterwards fs.promises
 * is as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { backgroundPageWrites, writeInBackgroundInside } from '../../src/data/background-page-writes.ts';

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

/** What Astro's generatePath does for one page: the folder as a file: URL, then the file in it. */
async function writePage(dist: string, route: string, body: Uint8Array | string): Promise<void> {
  const folder = pathToFileURL(`${path.join(dist, route)}/`);
  await fs.promises.mkdir(folder, { recursive: true });
  await fs.promises.writeFile(new URL('index.html', folder), body);
}

describe('writeInBackgroundInside', () => {
  test('every page is on disk with its exact bytes once drained, including views into a larger buffer', async () => {
    const dist = path.join(root, 'dist');
    const writes = writeInBackgroundInside(dist);
    const pages = Array.from({ length: 300 }, (_, i) => `<!DOCTYPE html><p>incident ${i} ${'é'.repeat(i)}</p>`);
    for (const [i, page] of pages.entries()) {
      // Astro passes Buffer.from(arrayBuffer); a Buffer from the shared pool is a view at an offset.
      const bytes = i % 3 === 0 ? page : i % 3 === 1 ? Buffer.from(page) : new Uint8Array(Buffer.from(`xx${page}yy`).subarray(2, -2));
      await writePage(dist, path.join('incidents', String(i)), bytes);
    }
    await writes.drain();
    for (const [i, page] of pages.entries()) {
      expect(fs.readFileSync(path.join(dist, 'incidents', String(i), 'index.html'), 'utf8')).toBe(page);
    }
    await writes.restore();
  });

  test('pages bigger than the worker may hold at once are all written (the renderer waits for it)', async () => {
    const dist = path.join(root, 'dist');
    const writes = writeInBackgroundInside(dist);
    const page = (i: number) => Buffer.alloc(2 ** 20, String.fromCharCode(97 + (i % 26)));
    for (let i = 0; i < 40; i++) await writePage(dist, `big/${i}`, page(i));
    await writes.drain();
    for (let i = 0; i < 40; i++) expect(fs.readFileSync(path.join(dist, 'big', String(i), 'index.html')).equals(page(i))).toBe(true);
    await writes.restore();
  });

  test('a file other than a page is on disk when the call returns, in a folder asked for just before', async () => {
    const dist = path.join(root, 'dist');
    const writes = writeInBackgroundInside(dist);
    const folder = pathToFileURL(`${path.join(dist, 'api', 'v2')}/`);
    await fs.promises.mkdir(folder, { recursive: true });
    const written = fs.promises.writeFile(new URL('summary.json', folder), '{"ok":true}');
    expect(fs.readFileSync(path.join(dist, 'api', 'v2', 'summary.json'), 'utf8')).toBe('{"ok":true}');
    await written;
    // Options (an encoding, as Astro's chunk rewrites pass) are honoured the same way.
    await fs.promises.mkdir(path.join(dist, 'chunks'), { recursive: true });
    await fs.promises.writeFile(path.join(dist, 'chunks', 'page.mjs'), 'export {};', 'utf-8');
    expect(fs.readFileSync(path.join(dist, 'chunks', 'page.mjs'), 'utf8')).toBe('export {};');
    await writes.restore();
  });

  test('a folder not followed by a file in it is made at the next call, and from then on at once', async () => {
    const dist = path.join(root, 'dist');
    const writes = writeInBackgroundInside(dist);
    await fs.promises.mkdir(path.join(dist, 'first'), { recursive: true });
    await fs.promises.mkdir(path.join(dist, 'second'), { recursive: true });
    expect(fs.existsSync(path.join(dist, 'first'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'second'))).toBe(true);
    await fs.promises.mkdir(path.join(dist, 'third'), { recursive: true });
    expect(fs.existsSync(path.join(dist, 'third'))).toBe(true);
    // A page still goes to the worker, and its folder is made there.
    await fs.promises.writeFile(path.join(dist, 'fourth', 'index.html'), '<p>4</p>');
    await writes.drain();
    expect(fs.readFileSync(path.join(dist, 'fourth', 'index.html'), 'utf8')).toBe('<p>4</p>');
    await writes.restore();
  });

  test('a folder asked for without { recursive: true } is made at once, with Node’s errors', async () => {
    const dist = path.join(root, 'dist');
    fs.mkdirSync(dist);
    const writes = writeInBackgroundInside(dist);
    await fs.promises.mkdir(path.join(dist, 'plain'));
    expect(fs.existsSync(path.join(dist, 'plain'))).toBe(true);
    await expect(fs.promises.mkdir(path.join(dist, 'plain'))).rejects.toThrow(/EEXIST/);
    await writes.restore();
  });

  test('outside the folder (and beside it: dist-old) Node’s own calls are used', async () => {
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
    const writes = writeInBackgroundInside(path.join(root, 'dist'));
    const elsewhere = path.join(root, 'dist-old', 'index.html');
    await fs.promises.mkdir(path.dirname(elsewhere));
    await fs.promises.writeFile(elsewhere, 'later');
    await writePage(path.join(root, 'dist'), 'inside', 'now');
    await writes.restore();
    expect(reached).toEqual([`mkdir ${path.dirname(elsewhere)}`, `writeFile ${elsewhere}`]);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('later');
    expect(fs.readFileSync(path.join(root, 'dist', 'inside', 'index.html'), 'utf8')).toBe('now');
  });

  test('a page that cannot be written fails the drain and every later call, naming the file', async () => {
    const dist = path.join(root, 'dist');
    fs.mkdirSync(dist);
    // A file where the page's folder should be: the worker cannot make the folder.
    fs.writeFileSync(path.join(dist, 'incidents'), 'not a folder');
    const writes = writeInBackgroundInside(dist);
    await writePage(dist, 'incidents/7', '<p>seven</p>');
    const blocked = path.join(dist, 'incidents', '7', 'index.html');
    await expect(writes.drain()).rejects.toThrow(`could not write ${blocked}`);
    await expect(writePage(dist, 'history', '<p>history</p>')).rejects.toThrow(`could not write ${blocked}`);
    await writes.restore();
    expect(fs.existsSync(path.join(dist, 'history', 'index.html'))).toBe(false);
  });

  test('a page writer that dies fails the drain and every later call instead of hanging the build', async () => {
    const dist = path.join(root, 'dist');
    // Takes one page, then exits without answering.
    const writes = writeInBackgroundInside(dist, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));");
    await writePage(dist, 'first', '<p>first</p>');
    await expect(writes.drain()).rejects.toThrow('the page writer stopped (exit code 3)');
    await expect(writePage(dist, 'second', '<p>second</p>')).rejects.toThrow('the page writer stopped (exit code 3)');
    await writes.restore();
    expect(fs.promises.writeFile).toBe(originals.writeFile);
  });

  test('a page writer that dies while idle fails the next call rather than taking pages it will never write', async () => {
    const dist = path.join(root, 'dist');
    // Answers one page (without writing it), then exits.
    const writes = writeInBackgroundInside(
      dist,
      "const { parentPort } = require('node:worker_threads'); parentPort.on('message', ([, , bytes]) => { parentPort.postMessage([bytes]); setImmediate(() => process.exit(4)); });",
    );
    await writePage(dist, 'first', '<p>first</p>');
    await vi.waitFor(() => expect(writes.drain()).rejects.toThrow('the page writer stopped (exit code 4)'));
    await expect(writePage(dist, 'second', '<p>second</p>')).rejects.toThrow('the page writer stopped (exit code 4)');
    await writes.restore();
  });

  test('restoring puts the original calls back, after the last page is written', async () => {
    const dist = path.join(root, 'dist');
    const writes = writeInBackgroundInside(dist);
    await writePage(dist, 'last', '<p>last</p>');
    await writes.restore();
    expect(fs.promises.mkdir).toBe(originals.mkdir);
    expect(fs.promises.writeFile).toBe(originals.writeFile);
    expect(fs.readFileSync(path.join(dist, 'last', 'index.html'), 'utf8')).toBe('<p>last</p>');
  });
});

describe('the integration', () => {
  const hooksOf = (dist: string) => backgroundPageWrites(dist).hooks as Record<string, (options: unknown) => unknown>;

  test('swaps the calls in at astro:build:start; at astro:build:generated every page is on disk and the calls are back', async () => {
    const dist = path.join(root, 'dist');
    const hooks = hooksOf(dist);
    await hooks['astro:build:start']?.({});
    expect(fs.promises.writeFile).not.toBe(originals.writeFile);
    for (let i = 0; i < 50; i++) await writePage(dist, `incidents/${i}`, `<p>${i}</p>`);
    await hooks['astro:build:generated']?.({});
    expect(fs.promises.writeFile).toBe(originals.writeFile);
    expect(fs.promises.mkdir).toBe(originals.mkdir);
    for (let i = 0; i < 50; i++) expect(fs.readFileSync(path.join(dist, 'incidents', String(i), 'index.html'), 'utf8')).toBe(`<p>${i}</p>`);
    await hooks['astro:build:done']?.({});
    expect(fs.promises.writeFile).toBe(originals.writeFile);
  });

  test('a failed page write fails astro:build:generated, and the calls are back all the same', async () => {
    const dist = path.join(root, 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'incidents'), 'not a folder');
    const hooks = hooksOf(dist);
    await hooks['astro:build:start']?.({});
    await writePage(dist, 'incidents/1', '<p>1</p>');
    await expect(hooks['astro:build:generated']?.({})).rejects.toThrow(/could not write .*incidents.1.index\.html/);
    expect(fs.promises.writeFile).toBe(originals.writeFile);
  });
});

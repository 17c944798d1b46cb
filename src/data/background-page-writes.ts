/**
 * An Astro integration that writes `astro build`'s HTML pages on a worker thread (issue #15).
 *
 * Astro renders and writes its pages one after another on the main thread
 * (astro/dist/core/build/generate.js: `fs.promises.mkdir` for the page's folder, then
 * `fs.promises.writeFile`). Making a folder and a file is kernel work, 0.2–0.5 ms a page on the
 * 2-core virtual machines sitrep is built on: at 10,000 incidents (13,000 pages) 3–7 s of system
 * time during which the renderer waits and the second core has nothing to do. Here the renderer
 * hands each page to a worker thread (postMessage copies the bytes: about 20 µs) and goes on to
 * the next; the worker makes the folder and writes the file with synchronous calls, in order.
 * Measured back to back, the 10,000-incident build took 23–28 s this way against 29–32 s with
 * the synchronous calls on the main thread; the 1,000-incident build did not change.
 *
 * Before this, pages were written with synchronous calls on the main thread, and before that with
 * Astro's own awaited calls (a round trip to libuv's thread pool for each mkdir, open, write and
 * close: 24 s against 15–16 s for 10,000 pages with 1 ms of other work each). Writing behind the
 * renderer with the asynchronous calls was tried too and cost about 6 s more CPU time than the
 * synchronous ones: a promise and a FileHandle per call on the main thread.
 *
 * The rules, from `astro:build:start` until `astro:build:generated`, for paths inside the output
 * folder only (anything elsewhere keeps Node's own calls):
 * - a `.html` file with plain data goes to the worker; nothing reads a page back during the build;
 * - a folder asked for with `{ recursive: true }` is made with the next write into it (by the
 *   worker, for a page). Any other call first makes it here, and a pattern other than "a folder,
 *   then a file in it" stops the deferring for the rest of the build. Node's calls this module does
 *   not wrap (copyFile, streams) would not see a deferred folder: Astro makes them only for
 *   `astro:assets` images, which sitrep's pages do not use;
 * - every other file (the server chunks Astro imports while it renders, the API's JSON, the feeds,
 *   the badges) is written synchronously before the call returns.
 * `astro:build:generated` waits for every page to be on disk and fails the build with the first
 * write that failed, naming the file; a failure also rejects the next call, so a full disk stops
 * the build early. The worker holds at most 16 MB of pages: beyond that the renderer waits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';

type Mkdir = typeof fs.promises.mkdir;
type WriteFile = typeof fs.promises.writeFile;

/** Bytes of pages handed over but not yet written, beyond which the renderer waits. */
const MAX_QUEUED_BYTES = 16 * 2 ** 20;

/**
 * The worker: plain JavaScript evaluated as a script (this module is bundled into the Astro
 * config, so a file beside it may not be there). Each message is `[path, data, bytes]`: it makes
 * the folder, writes the file and answers `[bytes, failure?]`.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
parentPort.on('message', ([target, data, bytes]) => {
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
    parentPort.postMessage([bytes]);
  } catch (error) {
    parentPort.postMessage([bytes, { message: error.message, code: error.code, path: target }]);
  }
});
`;

/** Whether `target` (a path, or a file: URL as Astro passes) lies inside `dir`; its path if so. */
function pathInside(dir: string, target: unknown): string | null {
  let file: string;
  if (typeof target === 'string') file = target;
  else if (target instanceof URL && target.protocol === 'file:') file = fileURLToPath(target);
  else return null;
  const resolved = path.resolve(file);
  const rel = path.relative(dir, resolved);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)) ? resolved : null;
}

/** The first write the worker could not make, as an Error naming the file. */
function writeError(failure: { message: string; code?: string; path: string }): Error {
  const error = new Error(`could not write ${failure.path}: ${failure.message}`) as NodeJS.ErrnoException;
  if (failure.code) error.code = failure.code;
  return error;
}

export interface BackgroundWrites {
  /** Resolves once every page handed over is on disk; rejects with the first failed write. */
  drain(): Promise<void>;
  /** Puts Node's calls back (only those still ours) and stops the worker once it is idle. */
  restore(): Promise<void>;
}

/**
 * Hands `.html` files (and their folders) inside `outDir` to a worker and writes every other file
 * inside it synchronously; calls for paths elsewhere keep Node's own. Exported for the tests, which
 * may pass the worker's code (one that dies, for instance).
 */
export function writeInBackgroundInside(outDir: string, workerSource = WORKER_SOURCE): BackgroundWrites {
  const dir = path.resolve(outDir);
  const promises = fs.promises;
  const { mkdir, writeFile } = promises;
  const worker = new Worker(workerSource, { eval: true });
  // Idle, the worker does not keep the process alive (a failed build still exits); `drain` refs it.
  worker.unref();
  let pending = 0;
  let queuedBytes = 0;
  let failure: Error | null = null;
  let waiters: Array<() => void> = [];
  const wake = () => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  worker.on('message', ([bytes, error]: [number, { message: string; code?: string; path: string } | undefined]) => {
    pending = Math.max(0, pending - 1);
    queuedBytes -= bytes;
    if (error && !failure) failure = writeError(error);
    wake();
  });
  // A worker that dies fails the build (the pages queued, and any handed over later, would never be
  // written) rather than hanging it; stopping it in `restore` is no failure.
  let stopping = false;
  const stopped = (error: Error) => {
    if (!stopping) failure ??= error;
    pending = 0;
    queuedBytes = 0;
    wake();
  };
  worker.on('error', (error) => stopped(error));
  worker.on('exit', (code) => stopped(new Error(`the page writer stopped (exit code ${code}); the pages handed to it may not be on disk`)));
  // The worker is referenced while someone waits for it, so the process does not exit meanwhile.
  let waiting = 0;
  const waitFor = async (done: () => boolean) => {
    if (waiting++ === 0) worker.ref();
    try {
      while (!done() && !failure) await new Promise<void>((resolve) => waiters.push(resolve));
    } finally {
      if (--waiting === 0) worker.unref();
    }
  };
  const send = (file: string, data: string | Uint8Array) => {
    // A string's length stands in for its size in bytes: close enough for a memory bound.
    const bytes = typeof data === 'string' ? data.length : data.byteLength;
    pending += 1;
    queuedBytes += bytes;
    worker.postMessage([file, data, bytes]);
  };

  // The folder Astro asked for before a page: made by the worker with the page written into it
  // (Astro's generatePath always asks for the folder, then writes the file). Anything else first
  // makes it here; a pattern other than "folder, then a file in it" stops the deferring for good.
  let deferred: string | null = null;
  let deferring = true;
  const makeDeferred = () => {
    if (deferred === null) return;
    fs.mkdirSync(deferred, { recursive: true });
    deferred = null;
  };

  const backgroundMkdir = (async (target: fs.PathLike, options?: fs.MakeDirectoryOptions | fs.Mode) => {
    const inside = pathInside(dir, target);
    if (inside === null) return mkdir.call(promises, target, options as fs.MakeDirectoryOptions);
    if (failure) throw failure;
    if (deferred !== null) {
      makeDeferred();
      deferring = false;
    }
    if (deferring && typeof options === 'object' && options.recursive === true && options.mode === undefined) {
      deferred = inside;
      return undefined;
    }
    return fs.mkdirSync(inside, options);
  }) as Mkdir;
  const backgroundWriteFile = (async (target: Parameters<WriteFile>[0], data: Parameters<WriteFile>[1], options?: Parameters<WriteFile>[2]) => {
    const inside = pathInside(dir, target);
    if (inside === null) return writeFile.call(promises, target, data, options);
    if (failure) throw failure;
    if (deferred !== null && path.dirname(inside) !== deferred) {
      makeDeferred();
      deferring = false;
    }
    const plain = typeof data === 'string' || ArrayBuffer.isView(data);
    if (plain && options === undefined && inside.endsWith('.html')) {
      deferred = null;
      // A view of the same bytes: postMessage copies them, and the worker makes the folder.
      const bytes = typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      send(inside, bytes);
      if (queuedBytes > MAX_QUEUED_BYTES) await waitFor(() => queuedBytes <= MAX_QUEUED_BYTES / 2);
      return;
    }
    makeDeferred();
    // Plain data is written now; a stream or an iterable keeps Node's call.
    if (plain) return fs.writeFileSync(inside, data, options as fs.WriteFileOptions);
    return writeFile.call(promises, target, data, options);
  }) as WriteFile;
  promises.mkdir = backgroundMkdir;
  promises.writeFile = backgroundWriteFile;

  const drain = async () => {
    makeDeferred();
    await waitFor(() => pending === 0);
    if (failure) throw failure;
  };
  return {
    drain,
    restore: async () => {
      if (promises.mkdir === backgroundMkdir) promises.mkdir = mkdir;
      if (promises.writeFile === backgroundWriteFile) promises.writeFile = writeFile;
      makeDeferred();
      try {
        await waitFor(() => pending === 0);
      } finally {
        stopping = true;
        await worker.terminate();
      }
    },
  };
}

/** The integration for astro.config.mjs, given the output folder (resolveOutDir()). */
export function backgroundPageWrites(outDir: string): AstroIntegration {
  let writes: BackgroundWrites | null = null;
  const finish = async () => {
    const current = writes;
    writes = null;
    if (!current) return;
    try {
      await current.drain();
    } finally {
      await current.restore();
    }
  };
  return {
    name: 'sitrep:background-page-writes',
    hooks: {
      'astro:build:start': () => {
        writes ??= writeInBackgroundInside(outDir);
      },
      // Every page is on disk before Astro tidies the output folder and reports the build done.
      'astro:build:generated': finish,
      'astro:build:done': finish,
    },
  };
}

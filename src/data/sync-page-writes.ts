/**
 * An Astro integration that makes `astro build` write its pages with synchronous calls (issue #15).
 *
 * Astro writes every page with `fs.promises.mkdir` and `fs.promises.writeFile`
 * (astro/dist/core/build/generate.js), one page after another: a round trip to libuv's thread pool
 * for the mkdir, the open, the write and the close of each, with a promise and a FileHandle apiece.
 * On the 2-core virtual machines sitrep is built and tested on, 10,000 pages with 1 ms of other
 * work each took 24 s written that way against 15–16 s with `mkdirSync` and `writeFileSync`
 * (2.4 s more user time and 4 s more system time). Blocking is harmless here: while Astro writes
 * pages the build does nothing else, and the pages are written one at a time anyway
 * (`build.concurrency` 1). Writing behind the renderer (start the write, return at once) was tried
 * and dropped: on the real 10,000-incident build it cost about 6 s more user time than this.
 *
 * Only calls for paths inside the output folder are changed, and only from `astro:build:start` to
 * `astro:build:done`; everything else (Vite, Astro's own caches) keeps the asynchronous calls. The
 * same bytes are written either way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

type Mkdir = typeof fs.promises.mkdir;
type WriteFile = typeof fs.promises.writeFile;

/** Whether `target` (a path, or a file: URL as Astro passes) lies inside `dir`. */
function isInside(dir: string, target: unknown): boolean {
  let file: string;
  if (typeof target === 'string') file = target;
  else if (target instanceof URL && target.protocol === 'file:') file = fileURLToPath(target);
  else return false;
  const rel = path.relative(dir, path.resolve(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Swaps in the synchronous calls for paths inside `outDir`; returns the function that puts the
 * originals back. Exported for the tests.
 */
export function writeSynchronouslyInside(outDir: string): () => void {
  const dir = path.resolve(outDir);
  const promises = fs.promises;
  const { mkdir, writeFile } = promises;
  const syncMkdir = (async (target: fs.PathLike, options?: fs.MakeDirectoryOptions) =>
    isInside(dir, target) ? fs.mkdirSync(target, options) : mkdir.call(promises, target, options)) as Mkdir;
  const syncWriteFile = (async (target: Parameters<WriteFile>[0], data: Parameters<WriteFile>[1], options?: Parameters<WriteFile>[2]) => {
    // Only plain data: a stream or an iterable keeps the asynchronous call.
    if (isInside(dir, target) && (typeof data === 'string' || ArrayBuffer.isView(data))) {
      fs.writeFileSync(target as fs.PathLike, data, options as fs.WriteFileOptions);
      return;
    }
    return writeFile.call(promises, target, data, options);
  }) as WriteFile;
  promises.mkdir = syncMkdir;
  promises.writeFile = syncWriteFile;
  return () => {
    // Put back only what is still ours, so a later patch by someone else is not undone.
    if (promises.mkdir === syncMkdir) promises.mkdir = mkdir;
    if (promises.writeFile === syncWriteFile) promises.writeFile = writeFile;
  };
}

/** The integration for astro.config.mjs, given the output folder (resolveOutDir()). */
export function syncPageWrites(outDir: string): AstroIntegration {
  let restore: (() => void) | null = null;
  return {
    name: 'sitrep:sync-page-writes',
    hooks: {
      'astro:build:start': () => {
        restore ??= writeSynchronouslyInside(outDir);
      },
      'astro:build:done': () => {
        restore?.();
        restore = null;
      },
    },
  };
}

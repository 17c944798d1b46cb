/**
 * What a page costs a visitor, read from the built files: HTML, CSS and JavaScript bytes (raw and
 * gzipped, as GitHub Pages serves them), inline or in separate files, and the requests needed to
 * render it. Shared by `npm run bench` (figures) and the page-weight budget test (limits).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Window } from 'happy-dom';
import { resolveSitePath } from './static-server.ts';

/** Issue 6's targets, in one place for the test and the bench. */
export const BUDGETS = {
  /** Home page, gzipped, with everything it loads. */
  homeGzip: 25 * 1024,
  /** How many more incidents the long-history build has. */
  extraIncidents: 300,
  /** How much the home page's HTML may change with them (dates and counts, not content). */
  homeGrowthBytes: 64,
} as const;

export interface Bytes {
  readonly raw: number;
  readonly gzip: number;
}

export interface PageWeight {
  /** URL path under the origin. */
  readonly page: string;
  /** The HTML document as served (inline CSS and JS included). */
  readonly html: Bytes;
  /** Inline <style> plus linked stylesheets. */
  readonly css: Bytes;
  /** Inline <script> plus script files. */
  readonly js: Bytes;
  /** The document plus every file it makes the browser fetch to render. */
  readonly total: Bytes;
  /** Requests to render: the document and each stylesheet, script, image or icon it loads. */
  readonly requests: number;
  /** Sub-resources that were not found in the build. */
  readonly missing: readonly string[];
}

const sizeOf = (text: string | Buffer): Bytes => ({ raw: Buffer.byteLength(text), gzip: gzipSync(text).length });
const add = (a: Bytes, b: Bytes): Bytes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
const ZERO: Bytes = { raw: 0, gzip: 0 };

/** Fetched while rendering (feeds behind rel=alternate, lazy images and links are not). */
const RENDER_RESOURCES =
  'link[rel~="stylesheet"][href], link[rel~="icon"][href], link[rel="manifest"][href], link[rel~="preload"][href], script[src], img[src]:not([loading="lazy"]), iframe[src], video[poster]';

export function measurePage(dir: string, base: string, pagePath: string): PageWeight {
  const found = resolveSitePath(dir, base, pagePath);
  if (found.kind !== 'file') throw new Error(`${pagePath} is not a page of the build in ${dir}`);
  const html = readFileSync(found.file);
  const doc = new new Window().DOMParser().parseFromString(html.toString('utf8'), 'text/html') as unknown as Document;

  let css = [...doc.querySelectorAll('style')].reduce((sum, el) => add(sum, sizeOf(el.textContent ?? '')), ZERO);
  let js = [...doc.querySelectorAll('script:not([src])')].reduce((sum, el) => add(sum, sizeOf(el.textContent ?? '')), ZERO);
  let total = sizeOf(html);
  let requests = 1;
  const missing: string[] = [];
  for (const el of doc.querySelectorAll(RENDER_RESOURCES)) {
    const ref = el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('poster') ?? '';
    const url = new URL(ref, `http://site${pagePath}`);
    if (url.protocol === 'data:') continue;
    requests += 1;
    const file = url.host === 'site' ? resolveSitePath(dir, base, url.pathname) : undefined;
    if (file?.kind !== 'file') {
      missing.push(ref);
      continue;
    }
    const bytes = sizeOf(readFileSync(file.file));
    total = add(total, bytes);
    if (el.tagName === 'SCRIPT') js = add(js, bytes);
    if (el.tagName === 'LINK' && /stylesheet/.test(el.getAttribute('rel') ?? '')) css = add(css, bytes);
  }
  return { page: pagePath, html: sizeOf(html), css, js, total, requests, missing };
}

/** The URL path of the biggest page under `history/`. */
export function largestHistoryPage(dir: string, base: string): string {
  const pages = listFiles(path.join(dir, 'history')).filter((f) => f.endsWith('index.html'));
  if (pages.length === 0) throw new Error(`no history pages in ${dir}`);
  const biggest = pages.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
  return `${base}${path.relative(dir, path.dirname(biggest)).split(path.sep).join('/')}/`;
}

/** Size and file count of everything that would be published (the build's own note excluded). */
export function measureSite(dir: string): { files: number; raw: number; htmlPages: number } {
  const files = listFiles(dir).filter((f) => path.basename(f) !== '.sitrep-build.json');
  return { files: files.length, raw: files.reduce((sum, f) => sum + statSync(f).size, 0), htmlPages: files.filter((f) => f.endsWith('.html')).length };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** `12.3 KB` (1 KB = 1024 bytes, as the budgets are written). */
export const formatKb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

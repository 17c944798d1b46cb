/**
 * Link integrity of the built demo under its sub-path, read from the files (no browser needed):
 * every internal link, asset and fragment resolves the way the static server (and GitHub Pages)
 * would answer it, nothing escapes the base path, every page can be reached from the home page,
 * and every page has a title, a description and a canonical URL that is its own address.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildDemoSite, listHtmlFiles, pagePathOf, SITE_BASE, SITE_URL } from '../../scripts/lib/site/demo-site.ts';
import { resolveSitePath } from '../../scripts/lib/site/static-server.ts';

const SITE_ORIGIN = new URL(SITE_URL).origin;

function parse(html: string): Document {
  const window = new Window();
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** Every URL a page refers to: links, assets, srcset candidates. */
function referencesOf(doc: Document): { attr: string; ref: string }[] {
  const refs: { attr: string; ref: string }[] = [];
  for (const el of doc.querySelectorAll('[href], [src], [srcset], [action], [poster]')) {
    for (const attr of ['href', 'src', 'action', 'poster']) {
      const value = el.getAttribute(attr);
      if (value !== null) refs.push({ attr: `${el.tagName.toLowerCase()}[${attr}]`, ref: value });
    }
    const srcset = el.getAttribute('srcset');
    if (srcset)
      for (const candidate of srcset.split(',')) refs.push({ attr: `${el.tagName.toLowerCase()}[srcset]`, ref: candidate.trim().split(/\s+/)[0] ?? '' });
  }
  return refs;
}

describe('links, assets and page metadata of the built demo', () => {
  let dir: string;
  let files: string[];
  const docs = new Map<string, Document>();
  const page = (file: string): Document => {
    const cached = docs.get(file);
    if (cached) return cached;
    const doc = parse(readFileSync(path.join(dir, file), 'utf8'));
    docs.set(file, doc);
    return doc;
  };
  /** The built HTML file a URL path lands on, or undefined when it would be a 404. */
  const landsOn = (pathname: string): string | undefined => {
    let found = resolveSitePath(dir, SITE_BASE, pathname);
    if (found.kind === 'redirect') found = resolveSitePath(dir, SITE_BASE, found.location);
    return found.kind === 'file' ? path.relative(dir, found.file).split(path.sep).join('/') : undefined;
  };

  beforeAll(async () => {
    dir = await buildDemoSite();
    files = listHtmlFiles(dir);
  });

  test('every internal link, asset and #fragment resolves under the sub-path', () => {
    expect(files.length).toBeGreaterThan(30);
    const broken: string[] = [];
    let checked = 0;
    for (const file of files) {
      // The 404 page is served at any address; its links are written from the base, like all others.
      const here = `${SITE_ORIGIN}${pagePathOf(file)}`;
      for (const { attr, ref } of referencesOf(page(file))) {
        const url = new URL(ref, here);
        if (url.origin !== SITE_ORIGIN || !/^https?:$/.test(url.protocol)) continue;
        checked += 1;
        if (!url.pathname.startsWith(SITE_BASE)) {
          broken.push(`${file}: ${attr}="${ref}" leaves the base path ${SITE_BASE}`);
          continue;
        }
        const target = landsOn(url.pathname);
        if (!target) broken.push(`${file}: ${attr}="${ref}" → 404`);
        else if (url.hash && target.endsWith('.html')) {
          const id = decodeURIComponent(url.hash.slice(1));
          if (!page(target).getElementById(id)) broken.push(`${file}: ${attr}="${ref}" → no element #${id} in ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(files.length * 5);
  });

  test('every page can be reached from the home page by following links', () => {
    const seen = new Set<string>(['index.html']);
    const queue = ['index.html'];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      for (const { ref } of referencesOf(page(file))) {
        const url = new URL(ref, `${SITE_ORIGIN}${pagePathOf(file)}`);
        const target = url.origin === SITE_ORIGIN ? landsOn(url.pathname) : undefined;
        if (target?.endsWith('.html') && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    // The 404 page is reached by mistyping, not by a link. Listed exactly, so any new orphan
    // makes this test speak up.
    const KNOWN_ORPHANS = ['404.html'];
    expect(files.filter((file) => !seen.has(file))).toEqual(KNOWN_ORPHANS);
  });

  test('every page has a title, a description and a canonical URL that is its own address', () => {
    const problems: string[] = [];
    const titles = new Map<string, string>();
    for (const file of files) {
      const doc = page(file);
      const title = doc.querySelector('head > title')?.textContent?.trim() ?? '';
      const description = doc.querySelector('head > meta[name="description"]')?.getAttribute('content')?.trim() ?? '';
      const canonical = doc.querySelectorAll('head > link[rel="canonical"]');
      if (!title) problems.push(`${file}: no <title>`);
      if (description.length < 20) problems.push(`${file}: description missing or too short: "${description}"`);
      if (canonical.length !== 1) problems.push(`${file}: ${canonical.length} canonical links`);
      // Without one, browsers fetch /favicon.ico from the origin's root, outside the base path:
      // a 404 on every visit to a project site (Lighthouse counts it as a console error).
      if (!doc.querySelector('head > link[rel~="icon"][href]')) problems.push(`${file}: no <link rel="icon">`);
      const href = canonical[0]?.getAttribute('href') ?? '';
      const expected = `${SITE_ORIGIN}${pagePathOf(file)}`;
      if (href !== expected) problems.push(`${file}: canonical ${href}, expected ${expected}`);
      else if (landsOn(new URL(href).pathname) !== file) problems.push(`${file}: canonical ${href} does not serve this page`);
      const other = titles.get(title);
      if (other && file !== '404.html') problems.push(`${file}: same title as ${other}: "${title}"`);
      titles.set(title, file);
    }
    expect(problems).toEqual([]);
  });

  test('the check would notice a broken link (resolution is not vacuous)', () => {
    expect(landsOn(`${SITE_BASE}incidents/412/`)).toBe('incidents/412/index.html');
    expect(landsOn(`${SITE_BASE}incidents/412`)).toBe('incidents/412/index.html');
    expect(landsOn(`${SITE_BASE}incidents/999999/`)).toBeUndefined();
    expect(landsOn('/incidents/412/')).toBeUndefined();
  });
});

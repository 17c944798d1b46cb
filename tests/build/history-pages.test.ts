/**
 * The history's page numbers, its severity lists and its filter bar in the real build, read with a
 * DOM parser: 60 incidents, 5 a page (12 history pages), P0 on even numbers and P1 on odd ones,
 * none P2; every incident on the CLI, the even ones on the docs too.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, type FixtureBuild, text } from '../support/build.ts';
import { closed, issue, snapshot } from '../support/records.ts';

const NOW = '2026-11-21T12:00:00Z';
const daysAgo = (days: number): string => new Date(new Date(NOW).getTime() - days * 86_400_000).toISOString();

const incidents = Array.from({ length: 60 }, (_, i) => {
  const n = i + 1;
  const labels = ['incident', n % 2 === 0 ? 'P0' : 'P1', 'component:cli', ...(n % 2 === 0 ? ['component:docs'] : [])];
  return closed(issue({ number: n, title: `Incident ${n}`, createdAt: daysAgo(61 - n), labels }), daysAgo(61 - n - 0.01));
});

let site: FixtureBuild;
beforeAll(async () => {
  site = await buildFixture({
    now: NOW,
    config: {
      title: 'Acme status',
      description: 'Status of Acme widgets.',
      repository: 'acme/widgets',
      site: 'https://acme.github.io/status-sub',
      historyPageSize: 5,
      components: [
        { id: 'cli', name: 'CLI' },
        { id: 'docs', name: 'Documentation' },
        { id: 'site', name: 'Website' },
      ],
    },
    snapshot: snapshot(incidents),
  });
  if (site.code !== 0) throw new Error(`fixture build failed:\n${site.stderr}\n${site.stdout}`);
});

/** The pager as a visitor reads it: « Newer 1 … 4 5 [6] 7 8 … 12 Older », the current page in brackets. */
function readPager(doc: Document): string | null {
  const nav = doc.querySelector('nav.pager');
  if (!nav) return null;
  const numbers = [...nav.querySelectorAll('ol.pages li')].map((li) => {
    const a = li.querySelector('a');
    if (!a) return text(li);
    const label = text(a).replace(/^Page /, '');
    return a.getAttribute('aria-current') === 'page' ? `[${label}]` : label;
  });
  const newer = nav.querySelector('a[rel="prev"]') ? 'Newer' : '-';
  const older = nav.querySelector('a[rel="next"]') ? 'Older' : '-';
  return [newer, ...numbers, older].join(' ');
}

/** Every page of a paged list, from its first page's path, following the numbered pages. */
function walk(first: string): { files: string[]; numbers: number[] } {
  const files: string[] = [];
  const numbers: number[] = [];
  for (let page = 1; ; page += 1) {
    const p = page === 1 ? first : `${first}${page}/`;
    if (!site.exists(p)) break;
    files.push(p);
    numbers.push(...[...site.page(p).querySelectorAll('[data-incident]')].map((c) => Number(c.getAttribute('data-incident'))));
  }
  return { files, numbers };
}

const newestFirst = (numbers: number[]): number[] => [...numbers].sort((a, b) => b - a);

describe('history page numbers', () => {
  test.each([
    { path: 'history/', reads: '- [1] 2 3 … 12 Older' },
    { path: 'history/4/', reads: 'Newer 1 2 3 [4] 5 6 … 12 Older' },
    { path: 'history/6/', reads: 'Newer 1 … 4 5 [6] 7 8 … 12 Older' },
    { path: 'history/12/', reads: 'Newer 1 … 10 11 [12] -' },
  ])('$path reads « $reads »', ({ path, reads }) => {
    expect(readPager(site.page(path))).toBe(reads);
  });

  test('a named nav of plain links: each number links its page, the current one marked, Newer/Older kept', () => {
    const doc = site.page('history/6/');
    const nav = doc.querySelector('nav.pager');
    expect(nav?.getAttribute('aria-label')).toBe('History pages');
    const links = [...(nav?.querySelectorAll('ol.pages a') ?? [])].map((a) => [text(a), a.getAttribute('href')]);
    expect(links).toEqual([
      ['Page 1', `${site.base}/history/`],
      ['Page 4', `${site.base}/history/4/`],
      ['Page 5', `${site.base}/history/5/`],
      ['Page 6', `${site.base}/history/6/`],
      ['Page 7', `${site.base}/history/7/`],
      ['Page 8', `${site.base}/history/8/`],
      ['Page 12', `${site.base}/history/12/`],
    ]);
    expect([...doc.querySelectorAll('[aria-current="page"]')].map((a) => a.getAttribute('href'))).toEqual([`${site.base}/history/6/`]);
    expect(doc.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe(`${site.base}/history/5/`);
    expect(doc.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(`${site.base}/history/7/`);
    expect(doc.querySelectorAll('script[src]')).toHaveLength(0);
  });

  test('every incident once, newest first, across the 12 pages', () => {
    const { files, numbers } = walk('history/');
    expect(files).toHaveLength(12);
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => 60 - i));
  });

  test('a component’s past incidents use the same pager', () => {
    expect(readPager(site.page('components/cli/6/'))).toBe('Newer 1 … 4 5 [6] 7 8 … 12 Older');
    expect(site.page('components/cli/6/').querySelector('nav.pager')?.getAttribute('aria-label')).toBe('CLI: past incident pages');
    expect(site.page('components/cli/').querySelector('nav.pager a[aria-current="page"]')?.getAttribute('href')).toBe(`${site.base}/components/cli/`);
    // One page of past incidents: no pager.
    expect(readPager(site.page('components/site/'))).toBeNull();
  });
});

describe('severity lists', () => {
  test.each([
    { severity: 'P0', slug: 'p0', pages: 6, numbers: newestFirst(Array.from({ length: 30 }, (_, i) => 2 * (i + 1))) },
    { severity: 'P1', slug: 'p1', pages: 6, numbers: newestFirst(Array.from({ length: 30 }, (_, i) => 2 * i + 1)) },
  ])('/history/severity/$slug/: only $severity, newest first, paged like the history', ({ severity, slug, pages, numbers }) => {
    const walked = walk(`history/severity/${slug}/`);
    expect(walked.files).toHaveLength(pages);
    expect(walked.numbers).toEqual(numbers);
    const third = site.page(`history/severity/${slug}/3/`);
    expect(text(third.querySelector('h1'))).toBe(`${severity} incidents (${severity === 'P0' ? 'Critical' : 'Major'})`);
    expect(text(third.querySelector('main'))).toContain(`30 ${severity} incidents, newest first. Page 3 of 6.`);
    expect(readPager(third)).toBe('Newer 1 2 [3] 4 5 6 Older');
    expect(third.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(`${site.base}/history/severity/${slug}/4/`);
    for (const card of third.querySelectorAll('[data-incident]')) expect(text(card.querySelector('.meta'))).toContain(severity);
  });

  test('a severity with no incidents has its page, saying so, and no pager', () => {
    const doc = site.page('history/severity/p2/');
    expect(text(doc.querySelector('main'))).toContain('No P2 incidents.');
    expect(doc.querySelectorAll('[data-incident]')).toHaveLength(0);
    expect(readPager(doc)).toBeNull();
    expect(site.exists('history/severity/p2/2/')).toBe(false);
  });
});

describe('the filter bar', () => {
  /** Each filter link as "text → href", the one in force starred. */
  const readFilters = (doc: Document): string[] =>
    [...doc.querySelectorAll('nav[aria-label="Filter incidents"] a')].map(
      (a) => `${a.getAttribute('aria-current') === 'true' ? '*' : ''}${text(a)} → ${(a.getAttribute('href') ?? '').slice(site.base.length)}`,
    );

  test('history: All, P0, P1, P2 and each component, All marked', () => {
    expect(readFilters(site.page('history/'))).toEqual([
      '*All → /history/',
      'P0 → /history/severity/p0/',
      'P1 → /history/severity/p1/',
      'P2 → /history/severity/p2/',
      'CLI → /components/cli/',
      'Documentation → /components/docs/',
      'Website → /components/site/',
    ]);
  });

  test.each([
    { path: 'history/7/', marked: ['All'] },
    { path: 'history/severity/p0/', marked: ['P0'] },
    { path: 'history/severity/p1/4/', marked: ['P1'] },
    { path: 'history/severity/p2/', marked: ['P2'] },
    { path: 'components/docs/', marked: ['Documentation'] },
    { path: 'components/cli/3/', marked: ['CLI'] },
  ])('$path marks $marked', ({ path, marked }) => {
    const filters = readFilters(site.page(path));
    expect(filters).toHaveLength(7);
    expect(filters.filter((f) => f.startsWith('*')).map((f) => f.slice(1).split(' → ')[0])).toEqual(marked);
  });

  test('every pager and filter link of every history page resolves to a built page', () => {
    const broken: string[] = [];
    const files = site.htmlFiles().filter((f) => f.startsWith('history/') || f.startsWith('components/'));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      for (const a of site.page(file).querySelectorAll('nav.pager a, nav[aria-label="Filter incidents"] a')) {
        const href = a.getAttribute('href') ?? '';
        if (!site.exists(href.slice(site.base.length))) broken.push(`${file} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

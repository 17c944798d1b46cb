import { describe, expect, test } from 'vitest';
import { describeHistoryFilters, incidentsOfSeverity } from '../../src/lib/history-filters.ts';
import type { Incident } from '../../src/lib/incident.ts';
import { describePager, listPagerItems, type PagerItem } from '../../src/lib/pager.ts';
import { makeUrls } from '../../src/lib/urls.ts';

/** « 1 … 4 5 [6] 7 8 … 40 » as a string: the current page in brackets, gaps as "…". */
const show = (items: readonly PagerItem[]): string => items.map((i) => (i.kind === 'gap' ? '…' : i.current ? `[${i.page}]` : String(i.page))).join(' ');

describe('listPagerItems: first, last and two pages either side of the current one', () => {
  test.each([
    { current: 1, last: 1, shows: '[1]' },
    { current: 1, last: 2, shows: '[1] 2' },
    { current: 2, last: 2, shows: '1 [2]' },
    { current: 2, last: 3, shows: '1 [2] 3' },
    { current: 1, last: 5, shows: '[1] 2 3 4 5' },
    { current: 1, last: 6, shows: '[1] 2 3 … 6' },
    { current: 6, last: 6, shows: '1 … 4 5 [6]' },
    { current: 3, last: 7, shows: '1 2 [3] 4 5 6 7' },
    { current: 1, last: 40, shows: '[1] 2 3 … 40' },
    { current: 40, last: 40, shows: '1 … 38 39 [40]' },
    { current: 6, last: 40, shows: '1 … 4 5 [6] 7 8 … 40' },
    // A gap of one page shows that page rather than "…".
    { current: 5, last: 40, shows: '1 2 3 4 [5] 6 7 … 40' },
    { current: 36, last: 40, shows: '1 … 34 35 [36] 37 38 39 40' },
    { current: 4, last: 40, shows: '1 2 3 [4] 5 6 … 40' },
    { current: 37, last: 40, shows: '1 … 35 36 [37] 38 39 40' },
    { current: 20, last: 40, shows: '1 … 18 19 [20] 21 22 … 40' },
  ])('page $current of $last: $shows', ({ current, last, shows }) => {
    expect(show(listPagerItems(current, last))).toBe(shows);
  });

  test('every count up to 30: at most 9 items, first and last always, one current page, a "…" hides two pages or more', () => {
    for (let last = 1; last <= 30; last += 1) {
      for (let current = 1; current <= last; current += 1) {
        const items = listPagerItems(current, last);
        expect(items.length).toBeLessThanOrEqual(9);
        const pages = items.flatMap((i) => (i.kind === 'page' ? [i.page] : []));
        expect(pages[0]).toBe(1);
        expect(pages.at(-1)).toBe(last);
        expect(items.filter((i) => i.kind === 'page' && i.current).map((i) => (i.kind === 'page' ? i.page : 0))).toEqual([current]);
        // Ascending, and a "…" always hides at least two pages.
        for (let k = 1; k < items.length; k += 1) {
          const [before, item, after] = [items[k - 1], items[k], items[k + 1]];
          if (item?.kind === 'gap' && before?.kind === 'page' && after?.kind === 'page') expect(after.page - before.page).toBeGreaterThan(2);
          if (item?.kind === 'page' && before?.kind === 'page') expect(item.page).toBe(before.page + 1);
        }
      }
    }
  });

  test.each([
    { current: 0, last: 3 },
    { current: 4, last: 3 },
    { current: 1.5, last: 3 },
    { current: 1, last: 0 },
  ])('page $current of $last is refused', ({ current, last }) => {
    expect(() => listPagerItems(current, last)).toThrow(RangeError);
  });
});

describe('describePager', () => {
  const href = (n: number) => `/h/${n}/`;

  test('one page: no pager at all', () => {
    expect(describePager('History pages', 1, 1, href)).toBeNull();
  });

  test.each([
    { current: 1, newer: null, older: '/h/2/' },
    { current: 6, newer: '/h/5/', older: '/h/7/' },
    { current: 40, newer: '/h/39/', older: null },
  ])('page $current of 40: Newer $newer, Older $older, links to every shown number', ({ current, newer, older }) => {
    const pager = describePager('History pages', current, 40, href);
    expect(pager).toMatchObject({ label: 'History pages', newer, older });
    for (const link of pager?.links ?? []) if (link.kind === 'page') expect(link.href).toBe(href(link.page));
  });
});

describe('history filters', () => {
  const urls = makeUrls('/quill/status');
  const components = [
    { id: 'cli', name: 'CLI' },
    { id: 'docs', name: 'Docs' },
  ];
  const current = (bar: ReturnType<typeof describeHistoryFilters>) => [...bar.severities, ...bar.components].filter((l) => l.current).map((l) => l.text);

  test('All, each severity and each component, with their URLs', () => {
    const bar = describeHistoryFilters(components, urls, { kind: 'all' });
    expect(bar.severities.map((l) => [l.text, l.href])).toEqual([
      ['All', '/quill/status/history/'],
      ['P0', '/quill/status/history/severity/p0/'],
      ['P1', '/quill/status/history/severity/p1/'],
      ['P2', '/quill/status/history/severity/p2/'],
    ]);
    expect(bar.components.map((l) => [l.text, l.href])).toEqual([
      ['CLI', '/quill/status/components/cli/'],
      ['Docs', '/quill/status/components/docs/'],
    ]);
  });

  test.each([
    { filter: { kind: 'all' } as const, marked: ['All'] },
    { filter: { kind: 'severity', severity: 'P1' } as const, marked: ['P1'] },
    { filter: { kind: 'component', id: 'docs' } as const, marked: ['Docs'] },
  ])('the filter in force is marked, and only it: $marked', ({ filter, marked }) => {
    expect(current(describeHistoryFilters(components, urls, filter))).toEqual(marked);
  });

  test('older pages of a severity list', () => {
    expect(urls.historySeverity('P2', 3)).toBe('/quill/status/history/severity/p2/3/');
    expect(urls.historySeverity('P2', 1)).toBe('/quill/status/history/severity/p2/');
  });

  test('incidentsOfSeverity keeps the order given', () => {
    const incidents = [
      { number: 3, severity: 'P1' },
      { number: 2, severity: 'P0' },
      { number: 1, severity: 'P1' },
    ] as unknown as Incident[];
    expect(incidentsOfSeverity(incidents, 'P1').map((i) => i.number)).toEqual([3, 1]);
    expect(incidentsOfSeverity(incidents, 'P2')).toEqual([]);
  });
});

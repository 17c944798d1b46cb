/**
 * The paged lists as strings (src/lib/list-page-html.ts, issue #15): the history, each severity's
 * history and a component's past incidents. A `diff -r` of the demo build and of a 1,000-incident
 * build showed them byte for byte what the templates wrote, and the build tests read them as a
 * visitor does (tests/build/history-pages.test.ts, site.test.ts); these check the paging and what
 * a string renderer can get wrong on its own: text from the config and the records staying text.
 */
import { describe, expect, test } from 'vitest';
import { describeHistoryFilters } from '../../src/lib/history-filters.ts';
import { componentPageMeta, getUpdatesHtml, historyFiltersHtml, pagerHtml } from '../../src/lib/list-page-html.ts';
import { describePager, pagesOf } from '../../src/lib/pager.ts';
import { makeUrls } from '../../src/lib/urls.ts';
import { parseHtml } from '../support/build.ts';

const HOSTILE = `<img src=x onerror="alert(1)"> & 'quotes' "too"`;
const urls = makeUrls('/status/');

describe('pagesOf', () => {
  test('every item once, in order, `size` to a page; the last page holds the rest', () => {
    const pages = pagesOf(
      Array.from({ length: 23 }, (_, i) => i),
      10,
    );
    expect(pages.map((p) => [p.currentPage, p.lastPage, p.total, p.data.length])).toEqual([
      [1, 3, 23, 10],
      [2, 3, 23, 10],
      [3, 3, 23, 3],
    ]);
    expect(pages.flatMap((p) => p.data)).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  test('an empty list still has its first page, so a filter link never leads to a 404', () => {
    expect(pagesOf([], 25)).toEqual([{ data: [], currentPage: 1, lastPage: 1, total: 0 }]);
  });

  test('a full last page makes no empty page after it', () => {
    expect(pagesOf([1, 2, 3, 4], 2).map((p) => p.data)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

test('the filter bar: component names stay text; the current filter is marked', () => {
  const filters = describeHistoryFilters([{ id: 'cli', name: `CLI ${HOSTILE}` }], urls, { kind: 'component', id: 'cli' });
  const doc = parseHtml(historyFiltersHtml(filters));
  expect(doc.querySelectorAll('img, [onerror]')).toHaveLength(0);
  expect([...doc.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('aria-current')])).toEqual([
    ['All', '/status/history/', null],
    ['P0', '/status/history/severity/p0/', null],
    ['P1', '/status/history/severity/p1/', null],
    ['P2', '/status/history/severity/p2/', null],
    [`CLI ${HOSTILE}`, '/status/components/cli/', 'true'],
  ]);
});

describe('pagerHtml', () => {
  test('one page: nothing at all', () => {
    expect(pagerHtml(describePager('History pages', 1, 1, urls.history))).toBe('');
  });

  test('Newer, the numbers with a gap, Older; the current page marked', () => {
    const doc = parseHtml(pagerHtml(describePager(`Pages ${HOSTILE}`, 2, 9, urls.history)));
    const nav = doc.querySelector('nav.pager');
    expect(nav?.getAttribute('aria-label')).toBe(`Pages ${HOSTILE}`);
    expect(doc.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/status/history/');
    expect(doc.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/status/history/3/');
    expect([...doc.querySelectorAll('ol.pages li')].map((li) => li.textContent)).toEqual(['Page 1', 'Page 2', 'Page 3', 'Page 4', '…', 'Page 9']);
    expect(doc.querySelector('[aria-current="page"]')?.getAttribute('href')).toBe('/status/history/2/');
  });

  test('the first and last pages keep the grid with an empty cell', () => {
    expect(parseHtml(pagerHtml(describePager('p', 1, 2, urls.history))).querySelector('nav > span:first-child')).not.toBeNull();
    expect(parseHtml(pagerHtml(describePager('p', 2, 2, urls.history))).querySelector('nav > span:last-child')).not.toBeNull();
  });
});

test('"Get updates": the subject and the Slack command stay text; the subscribe issue only once there is one', () => {
  const updates = {
    issueUrl: null,
    atom: '/status/feeds/components/cli.atom',
    rss: '/status/feeds/components/cli.rss',
    slackCommand: `/feed subscribe ${HOSTILE}`,
  };
  const without = parseHtml(getUpdatesHtml(updates, HOSTILE));
  expect(without.querySelector('[data-subscribe-issue]')).toBeNull();
  expect(without.querySelector('[data-slack-command]')?.textContent).toBe(`/feed subscribe ${HOSTILE}`);
  const withIssue = parseHtml(getUpdatesHtml({ ...updates, issueUrl: 'https://github.com/acme/widgets/issues/9' }, `CLI ${HOSTILE}`));
  expect(withIssue.querySelector('[data-subscribe-issue]')?.getAttribute('href')).toBe('https://github.com/acme/widgets/issues/9');
  expect(withIssue.querySelector('li')?.textContent).toContain(`incident affecting CLI ${HOSTILE} (click`);
  expect(withIssue.querySelectorAll('img, [onerror]')).toHaveLength(0);
});

test("a component page's title names the page after the first; the description its status", () => {
  const component = { id: 'cli', name: 'CLI', status: 'partial_outage', description: 'The command-line tool.' } as Parameters<typeof componentPageMeta>[0];
  expect(componentPageMeta(component, 1)).toEqual({ title: 'CLI', description: 'CLI: Partial outage. The command-line tool.' });
  expect(componentPageMeta({ ...component, description: undefined }, 3)).toEqual({ title: 'CLI: past incidents, page 3', description: 'CLI: Partial outage.' });
});

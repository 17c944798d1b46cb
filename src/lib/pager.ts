/**
 * The one rule for page numbers (the history, its severity lists and a component's past
 * incidents): the first and the last page, and a window of `PAGER_RADIUS` pages either side of
 * the current one, « 1 … 4 5 [6] 7 8 … 40 ». A gap of a single page shows that page's number: a
 * "…" would take the same room and hide where it leads. And how a list splits into those pages
 * (`pagesOf`): the same page size everywhere, newest first as given.
 */

export const PAGER_RADIUS = 2;

export type PagerItem = { readonly kind: 'page'; readonly page: number; readonly current: boolean } | { readonly kind: 'gap' };

/** The numbers and gaps to show for page `current` of `last` (pages count from 1). */
export function listPagerItems(current: number, last: number, radius: number = PAGER_RADIUS): PagerItem[] {
  if (!Number.isInteger(last) || last < 1) throw new RangeError(`pager: last page must be a whole number ≥ 1, got ${last}`);
  if (!Number.isInteger(current) || current < 1 || current > last) throw new RangeError(`pager: page ${current} is not between 1 and ${last}`);
  const shown = new Set<number>([1, last]);
  for (let page = Math.max(1, current - radius); page <= Math.min(last, current + radius); page += 1) shown.add(page);
  const items: PagerItem[] = [];
  let previous = 0;
  for (const page of [...shown].sort((a, b) => a - b)) {
    if (page - previous === 2) items.push({ kind: 'page', page: page - 1, current: false });
    else if (page - previous > 2) items.push({ kind: 'gap' });
    items.push({ kind: 'page', page, current: page === current });
    previous = page;
  }
  return items;
}

export type PagerLink = { readonly kind: 'page'; readonly page: number; readonly href: string; readonly current: boolean } | { readonly kind: 'gap' };

/** What a pager draws: its accessible name, Newer/Older and the page links. */
export interface PagerView {
  readonly label: string;
  /** The previous (newer) page, null on the first. */
  readonly newer: string | null;
  /** The next (older) page, null on the last. */
  readonly older: string | null;
  readonly links: readonly PagerLink[];
}

/** The pager of page `current` of `last`, or null when there is only one page (nothing to page). */
export function describePager(label: string, current: number, last: number, hrefFor: (page: number) => string): PagerView | null {
  if (last <= 1) return null;
  return {
    label,
    newer: current > 1 ? hrefFor(current - 1) : null,
    older: current < last ? hrefFor(current + 1) : null,
    links: listPagerItems(current, last).map((item) => (item.kind === 'gap' ? item : { ...item, href: hrefFor(item.page) })),
  };
}

/** One page of a paged list (what Astro's `paginate` gave the templates before, issue #15). */
export interface ListPage<T> {
  readonly data: readonly T[];
  /** 1-based. */
  readonly currentPage: number;
  readonly lastPage: number;
  /** Items over all pages. */
  readonly total: number;
}

/** Every page of `items`, `size` to a page; an empty list still has its (empty) first page. */
export function pagesOf<T>(items: readonly T[], size: number): ListPage<T>[] {
  const lastPage = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: lastPage }, (_, i) => ({ data: items.slice(i * size, (i + 1) * size), currentPage: i + 1, lastPage, total: items.length }));
}

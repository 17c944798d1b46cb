/**
 * A time as every page writes it: `<time datetime data-local>` in UTC, which the page script
 * (page-script.ts) turns into the visitor's local time, and optionally "(3 hours ago)" relative to
 * the build's `now` (`data-relative`, recomputed from the visitor's clock). A function rather than
 * a component (issue #15): pages write about 120,000 of them at 10,000 incidents, and an Astro
 * component's per-instance cost was most of their time.
 */
import { formatRelative, formatUtc } from './format.ts';
import { escapeHtml } from './html-escape.ts';

/** The HTML of the time `at`; with `relativeTo` (the build time) also how long before it. */
export function timeHtml(at: string, relativeTo?: string): string {
  const time = `<time datetime="${escapeHtml(at)}" data-local>${escapeHtml(formatUtc(at))}</time>`;
  return relativeTo ? `${time}<span class="muted" data-relative="${escapeHtml(at)}"> (${escapeHtml(formatRelative(at, new Date(relativeTo)))})</span>` : time;
}

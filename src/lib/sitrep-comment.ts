/**
 * Which comment is sitrep's own: one rule for the page (never an update), for acknowledgement
 * (never one, even when sitrep's token belongs to a maintainer), for `npm run announce` (the
 * comment to edit) and for paging (the steps already taken). A leaf module, so the model, the
 * announce plan and the paging plan import it without importing each other. Pure.
 *
 * A marker alone proves nothing (anyone can paste it): callers that act on a marker also check
 * the author — sitrep's login (SITREP_BOT_LOGIN, GITHUB_TOKEN's `github-actions[bot]` by default)
 * or a trusted person.
 */

/** First line of sitrep's status-link comment. */
export const STATUS_COMMENT_MARKER = '<!-- sitrep:status-link -->';
/** Written into that comment once sitrep has pinned the issue (see announce-plan.ts). */
export const PINNED_MARKER = '<!-- sitrep:pinned -->';
/** Start of a paging comment's marker: `<!-- sitrep:page step=0 rotation=US to=carol -->`. */
export const PAGE_MARKER_PREFIX = '<!-- sitrep:page ';
/** Start of a monitor's comment (evidence, change, recovery): `<!-- sitrep-monitor-comment: homepage -->`. */
export const MONITOR_COMMENT_MARKER_PREFIX = '<!-- sitrep-monitor';
/** The login the workflow's GITHUB_TOKEN writes as. */
export const DEFAULT_BOT_LOGIN = 'github-actions[bot]';

/** The comment starts with one of sitrep's markers: a status link, a page or a monitor's note — never an update or an acknowledgement. */
export function carriesSitrepMarker(body: string): boolean {
  const start = body.trimStart();
  return start.startsWith(STATUS_COMMENT_MARKER) || start.startsWith(PAGE_MARKER_PREFIX) || start.startsWith(MONITOR_COMMENT_MARKER_PREFIX);
}

/**
 * Sitrep's status-link comment: starts with the marker and was written by sitrep's login or a
 * trusted person — only those can have written it.
 */
export function isSitrepComment(body: string, bySitrepOrTrusted: boolean): boolean {
  return bySitrepOrTrusted && body.trimStart().startsWith(STATUS_COMMENT_MARKER);
}

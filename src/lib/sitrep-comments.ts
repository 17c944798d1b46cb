/**
 * The hidden markers that start sitrep's own comments, and the one predicate that tells them
 * apart from people's. Leaf module (no imports) so the model, the announce planner and the paging
 * planner can all ask it without import cycles.
 *
 * A marker alone proves nothing (anyone can paste it): callers also check the author — sitrep's
 * login (SITREP_BOT_LOGIN, GITHUB_TOKEN's `github-actions[bot]` by default) or a trusted person.
 */
export const STATUS_LINK_MARKER = '<!-- sitrep:status-link -->';
/** Start of a paging comment's marker: `<!-- sitrep:page step=0 rotation=US to=carol -->`. */
export const PAGE_MARKER_PREFIX = '<!-- sitrep:page ';
/** The login the workflow's GITHUB_TOKEN writes as. */
export const DEFAULT_BOT_LOGIN = 'github-actions[bot]';

/** The comment starts with one of sitrep's markers: it is a status link or a page, never an update or an acknowledgement. */
export function carriesSitrepMarker(body: string): boolean {
  const start = body.trimStart();
  return start.startsWith(STATUS_LINK_MARKER) || start.startsWith(PAGE_MARKER_PREFIX);
}

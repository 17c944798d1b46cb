/**
 * Which comment on an incident issue is sitrep's own: one rule for the page (it is not an update)
 * and for `npm run announce` (it is the comment to edit). A leaf module, so the model and the
 * announce plan both import it without importing each other. Pure.
 */

/** First line of sitrep's status-link comment. */
export const STATUS_COMMENT_MARKER = '<!-- sitrep:status-link -->';
/** Written into that comment once sitrep has pinned the issue (see announce-plan.ts). */
export const PINNED_MARKER = '<!-- sitrep:pinned -->';

/**
 * Sitrep's comment starts with the marker and was written by sitrep's login or a trusted person:
 * anyone can paste the marker, only those can have written sitrep's comment.
 */
export function isSitrepComment(body: string, bySitrepOrTrusted: boolean): boolean {
  return bySitrepOrTrusted && body.trimStart().startsWith(STATUS_COMMENT_MARKER);
}

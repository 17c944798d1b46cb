/**
 * Issue titles as people write them: `` `npm install` fails `` should show code, not backticks
 * (issue #13). Inline only and safe by construction: the whole title is HTML-escaped first, then
 * only code spans and **bold** become tags, so nothing a title holds can open any other element.
 */
import { escapeHtml } from './html-escape.ts';

const BOLD = /\*\*(?=\S)(.+?)(?<=\S)\*\*/g;

/** The title as inline HTML: `code` and **bold**; everything else is text. */
export function renderInlineTitle(title: string): string {
  // Code spans first, so `**` inside code stays literal.
  return escapeHtml(title)
    .split(/(`[^`]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? `<code>${part.slice(1, -1)}</code>` : part.replace(BOLD, '<strong>$1</strong>')))
    .join('');
}

/** The title as plain text (for `<title>`, feeds' summaries): the Markdown marks dropped. */
export function plainTitle(title: string): string {
  return title
    .split(/(`[^`]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? part.slice(1, -1) : part.replace(BOLD, '$1')))
    .join('');
}

/**
 * Bounds on the Markdown sitrep renders. Issue text is untrusted and marked is recursive: 2,000
 * nested quotes overflow its stack and fail the whole build. Text past these bounds is shown as
 * plain text instead (see markdown.ts), with a build-log notice naming the issue. Pure, linear.
 */

/** GitHub caps a body or comment at 65,536 characters; more came from somewhere else. */
export const MAX_MARKDOWN_CHARS = 100_000;
/** Quotes and list markers opened on one line. marked overflows Node's stack at about 1,000–2,000. */
export const MAX_NESTING = 100;
/**
 * How far an inline extension's `start` looks ahead. marked calls it once per inline token with
 * the rest of the paragraph: an unbounded search is quadratic (2 s for 56 KB of `<b>x</b>`).
 */
export const START_WINDOW = 512;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** How many quote and list markers open the line at `start` (stops at the first other character). */
function lineNesting(text: string, start: number): { depth: number; end: number } {
  let i = start;
  let depth = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    const c = text[i];
    if (c === '>') {
      depth++;
      i++;
      continue;
    }
    let j = i;
    if (c === '-' || c === '*' || c === '+') j = i + 1;
    else {
      while (j - i < 9 && isDigit(text.charCodeAt(j))) j++;
      if (j > i && (text[j] === '.' || text[j] === ')')) j++;
      else j = i;
    }
    if (j > i && (text[j] === ' ' || text[j] === '\t')) {
      depth++;
      i = j;
      continue;
    }
    break;
  }
  const newline = text.indexOf('\n', i);
  return { depth, end: newline === -1 ? text.length : newline + 1 };
}

/** Why `markdown` must not go to the Markdown renderer, or null when it may. */
export function exceedsMarkdownLimits(markdown: string): string | null {
  if (markdown.length > MAX_MARKDOWN_CHARS) return `longer than ${MAX_MARKDOWN_CHARS.toLocaleString('en-US')} characters`;
  for (let at = 0; at < markdown.length; ) {
    const { depth, end } = lineNesting(markdown, at);
    if (depth > MAX_NESTING) return `nested more than ${MAX_NESTING} levels deep`;
    at = end;
  }
  return null;
}

/**
 * `pattern`'s first match in the first START_WINDOW characters of `src`, for a marked extension's
 * `start`. With no match there it still answers a cut point inside the window (where the
 * extension's tokenizer then fails harmlessly), so a match further on is found by a later call
 * while no call reads more than the window.
 */
export function startWithinWindow(src: string, pattern: RegExp): number | undefined {
  const window = src.length > START_WINDOW ? src.slice(0, START_WINDOW) : src;
  const match = pattern.exec(window);
  if (match) return match.index;
  return src.length > START_WINDOW ? START_WINDOW / 2 : undefined;
}

/** Text shown instead of Markdown: escaped, one paragraph, line breaks kept. */
export function plainTextHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<p>${escaped.replace(/\r?\n/g, '<br>\n')}</p>`;
}

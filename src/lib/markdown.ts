/**
 * Markdown from GitHub → safe HTML. Every piece of issue text is untrusted: it is rendered with
 * marked (GitHub flavour, plus `#123` and `@user` links) and then passed through sanitize-html with
 * an allowlist. The sanitizer, not the renderer, is the security boundary: raw HTML in the
 * Markdown is kept by marked and judged by the allowlist like everything else. The one way past
 * sanitize-html's parse is plain-markup.ts, itself an allowlist over the whole string (no `<` in the
 * Markdown, no attributes, allowlisted tags nested and closed), whose output is the sanitizer's own.
 */
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { exceedsMarkdownLimits, plainTextHtml, startWithinWindow } from './markdown-limits.ts';
import { ALLOWED_TAGS } from './markdown-tags.ts';
import { proseParagraph, sanitizedWithoutParsing, textWithoutParsing } from './plain-markup.ts';
import { IMAGE_SCHEMES, isSafeLinkUrl, LINK_SCHEMES } from './url-schemes.ts';

export interface MarkdownContext {
  /** Web URL of the GitHub instance, e.g. https://github.com. */
  readonly githubUrl: string;
  /** owner/repo for `#123` links. */
  readonly repository: string;
}

const LOGIN = '[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}';

const issueRef = (ctx: MarkdownContext): TokenizerAndRendererExtension => ({
  name: 'issueRef',
  level: 'inline',
  start: (src) => startWithinWindow(src, /(?:^|[^\w&/])#\d/),
  tokenizer(src) {
    const match = /^#(\d{1,9})\b/.exec(src);
    if (!match) return undefined;
    return { type: 'issueRef', raw: match[0], number: Number(match[1]) };
  },
  renderer: (token) => `<a href="${ctx.githubUrl}/${ctx.repository}/issues/${token['number']}">#${token['number']}</a>`,
});

const mention = (ctx: MarkdownContext): TokenizerAndRendererExtension => ({
  name: 'mention',
  level: 'inline',
  start: (src) => {
    const at = startWithinWindow(src, /(?:^|[^\w`/])@[A-Za-z0-9]/);
    return at === undefined || src[at] === '@' ? at : at + 1;
  },
  tokenizer(src) {
    const match = new RegExp(`^@(${LOGIN})(?![\\w-])`).exec(src);
    if (!match) return undefined;
    return { type: 'mention', raw: match[0], login: match[1] };
  },
  renderer: (token) => `<a href="${ctx.githubUrl}/${token['login']}">@${token['login']}</a>`,
});

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    span: ['class', 'role', 'aria-label'],
  },
  allowedClasses: { span: ['task', 'task-done', 'task-open'] },
  // The same lists the link code decides with (url-schemes.ts): the two cannot disagree.
  allowedSchemes: [...LINK_SCHEMES],
  // Images are fetched by every visitor: only over TLS, never data: or protocol-relative.
  allowedSchemesByTag: { img: [...IMAGE_SCHEMES] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // The page owns h1/h2; issue text starts at h3 so it cannot pose as page structure.
    h1: 'h3',
    h2: 'h3',
    // The href is judged here, once (url-schemes.ts): a refused one is removed, so the sanitizer
    // never has to drop it later, and only a link that keeps its href gets `rel` (on an <a>
    // without href it is invalid HTML, html-validate attribute-misuse).
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      return href !== undefined && href !== '' && isSafeLinkUrl(href)
        ? { tagName, attribs: { ...rest, href, rel: 'nofollow ugc noopener noreferrer' } }
        : { tagName, attribs: rest };
    },
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', referrerpolicy: 'no-referrer' } }),
  },
  // An image whose source did not survive (data:, javascript:, relative) is dropped whole.
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^https:\/\//i.test(frame.attribs['src'] ?? ''),
};
// `rel`, `loading` and `referrerpolicy` are added by transformTags after filtering; allow them through.
SANITIZE.allowedAttributes = {
  ...(SANITIZE.allowedAttributes as Record<string, string[]>),
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'referrerpolicy'],
};

/** Sanitizes HTML with sitrep's allowlist. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/** Told why a text was shown as plain text instead of Markdown (for a build-log notice). */
export type OnPlainText = (why: string) => void;

/** marked's HTML for `markdown`, or null (and `onPlainText` told why) when it is out of bounds. */
function parseWithinLimits(marked: Marked, markdown: string, onPlainText: OnPlainText | undefined): string | null {
  const why = exceedsMarkdownLimits(markdown);
  if (why) {
    onPlainText?.(why);
    return null;
  }
  try {
    // One line of plain prose needs no parser (plain-markup.ts): the same HTML, without marked.
    return proseParagraph(markdown) ?? (marked.parse(markdown) as string);
  } catch (error) {
    // The bounds above keep marked's recursion well inside the stack; this is the backstop.
    onPlainText?.(error instanceof RangeError ? 'too deeply nested to render' : `could not be rendered (${String(error).slice(0, 120)})`);
    return null;
  }
}

/** The Markdown parser sitrep renders issue text with: GitHub flavour, `#123` and `@user` links, task marks. */
export function markdownParser(ctx: MarkdownContext): Marked {
  const marked = new Marked({ gfm: true, breaks: true, async: false });
  marked.use({
    extensions: [issueRef(ctx), mention(ctx)],
    // A `#12` inside link text must stay text: a link cannot contain a link.
    walkTokens(token) {
      if (token.type === 'link') {
        const link = token as Tokens.Link;
        link.tokens = link.tokens.map((t) => (t.type === 'issueRef' || t.type === 'mention' ? { type: 'text', raw: t.raw, text: t.raw } : t));
      }
    },
    renderer: {
      // Task-list boxes become marks, not form controls (forms never survive sanitizing).
      checkbox: ({ checked }) =>
        checked
          ? '<span class="task task-done" role="img" aria-label="done">☑</span> '
          : '<span class="task task-open" role="img" aria-label="to do">☐</span> ',
    },
  });
  return marked;
}

/**
 * Creates a renderer bound to a repository (for `#123` links). Text out of bounds (markdown-limits.ts)
 * is rendered as escaped plain text and `onPlainText` is told why. HTML that plain-markup.ts can
 * vouch for (attribute-less allowlisted tags from Markdown without raw HTML) skips the sanitizer's
 * parse with the same result.
 */
export function createMarkdownRenderer(ctx: MarkdownContext): (markdown: string, onPlainText?: OnPlainText) => string {
  const marked = markdownParser(ctx);
  return (markdown, onPlainText) => {
    const html = parseWithinLimits(marked, markdown, onPlainText);
    return html === null ? plainTextHtml(markdown) : (sanitizedWithoutParsing(markdown, html) ?? sanitize(html));
  };
}

/** One parser for every plain-text rendering (no extensions, no state kept between calls). */
export const PLAIN_MARKED = new Marked({ gfm: true, async: false });

/** Plain text of some Markdown, for feeds, titles and the API: no tags, entities decoded, whitespace folded. */
export function markdownToPlainText(markdown: string, onPlainText?: OnPlainText): string {
  const html = parseWithinLimits(PLAIN_MARKED, markdown, onPlainText);
  if (html === null) return markdown.replace(/[ \t]+/g, ' ').trim();
  // plain-markup.ts vouches for most texts without sanitize-html's parse, with the same result.
  return foldWhitespace(textWithoutParsing(markdown, html) ?? strippedText(html));
}

/** Plain text of some HTML (e.g. a rendered post-mortem): block ends become line breaks. */
export function htmlToPlainText(html: string): string {
  return foldWhitespace(strippedText(html));
}

/** The text of some HTML, tags dropped (block ends as line breaks), entities decoded. */
function strippedText(html: string): string {
  return decodeEntities(sanitizeHtml(html.replace(/<\/(p|li|h\d|tr|blockquote|pre)>/g, '\n'), { allowedTags: [], allowedAttributes: {} }));
}

function foldWhitespace(text: string): string {
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

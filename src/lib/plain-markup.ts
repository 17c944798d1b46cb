/**
 * A way past the sanitizer for the common case, most status updates ("We found the cause and are
 * rolling out a fix."): marked's HTML for Markdown that holds no raw HTML and renders to nothing but
 * attribute-less tags of the allowlist (paragraphs, emphasis, lists, code, quotes, tables). Such
 * HTML is inside the allowlist already; sanitize-html would only re-spell it (`<br>` as `<br />`,
 * `&quot;` as `"`), yet each call costs about 27 µs of setup before it reads a character: 3 s of a
 * 10,000-incident build, where every incident has five texts. The same goes for plain text (feeds,
 * the API, every incident's summary), which sanitize-html otherwise strips of its tags.
 *
 * The check is an allowlist of its own, over the whole string, and anything it does not know sends
 * the text to sanitize-html as before: a `<` anywhere in the Markdown (raw HTML), a tag outside the
 * list, any attribute (links, images, code languages, task boxes, aligned cells, numbered list
 * starts), an entity other than the five marked writes, a bare `>`, or tags that do not nest and
 * close. The marked entities are the only ones accepted, so both outputs are exact: sanitize-html
 * decodes entities and writes back only `&amp;`, `&lt;` and `&gt;`. tests/unit/plain-markup.test.ts
 * holds both results equal to the sanitizer's on thousands of generated texts. Pure, linear.
 */
import { ALLOWED_TAGS } from './markdown-tags.ts';

/**
 * One line of plain prose: it starts with a letter and holds only letters, digits, spaces and
 * punctuation marked gives no meaning to on one line, and no web address marked would link
 * (`www.`, `://`; `@` for e-mail is not allowed at all).
 */
const PROSE = /^\p{L}[\p{L}\p{M}\p{N} ,.;:?!'"()/%-]*$/u;
const LINKED = /www\.|:\/\//i;

/**
 * marked's HTML for `markdown` when it is one line of plain prose (most issue-form answers:
 * "Unsaved code is lost when the tab reloads."), without running marked; null otherwise. The same
 * for every marked configuration sitrep uses: line breaks, extensions and tables need characters
 * prose does not have.
 */
export function proseParagraph(markdown: string): string | null {
  if (!PROSE.test(markdown) || LINKED.test(markdown)) return null;
  return `<p>${markdown.replaceAll("'", '&#39;').replaceAll('"', '&quot;')}</p>\n`;
}

/**
 * Tags the sanitizer keeps as they are when they come without attributes: its allowlist, less `<a>`
 * (rewritten: its href judged, `rel` added) and `<img>` (dropped unless its source is https).
 */
const KEPT = new Set(ALLOWED_TAGS.filter((tag) => tag !== 'a' && tag !== 'img'));
/** Void tags: sanitize-html writes them self-closed. */
const VOID = new Set(['br', 'hr']);
const SPECIAL = /[<>&]/g;
const TAG = /<(\/?)([a-z][a-z0-9]*)>/y;
const ENTITY = /&(amp|lt|gt|quot|#39);/y;

/** How a vetted string is written out: each tag (`closing` for `</…>`) and each entity's name. */
interface Writer {
  tag(name: string, closing: boolean): string;
  readonly entities: Readonly<Record<string, string>>;
}

/** `html` rewritten by `writer` when it passes the allowlist above; null when it does not. */
function rewrite(markdown: string, html: string, writer: Writer): string | null {
  if (markdown.includes('<')) return null;
  const open: string[] = [];
  let out = '';
  let from = 0;
  SPECIAL.lastIndex = 0;
  for (let match = SPECIAL.exec(html); match !== null; match = SPECIAL.exec(html)) {
    const at = match.index;
    out += html.slice(from, at);
    if (match[0] === '<') {
      TAG.lastIndex = at;
      const tag = TAG.exec(html);
      const name = tag?.[2];
      if (!tag || name === undefined || !KEPT.has(name)) return null;
      const closing = tag[1] === '/';
      if (closing && open.pop() !== name) return null;
      if (!closing && !VOID.has(name)) open.push(name);
      out += writer.tag(name, closing);
      from = TAG.lastIndex;
    } else if (match[0] === '&') {
      ENTITY.lastIndex = at;
      const entity = ENTITY.exec(html);
      const written = entity?.[1] === undefined ? undefined : writer.entities[entity[1]];
      if (written === undefined) return null;
      out += written;
      from = ENTITY.lastIndex;
    } else return null;
    SPECIAL.lastIndex = from;
  }
  return open.length === 0 ? out + html.slice(from) : null;
}

/** As sanitize-html writes allowed tags back: void tags self-closed, text escaped for & < > only. */
const AS_SANITIZED: Writer = {
  tag: (name, closing) => (closing ? `</${name}>` : VOID.has(name) ? `<${name} />` : `<${name}>`),
  entities: { amp: '&amp;', lt: '&lt;', gt: '&gt;', quot: '"', '#39': "'" },
};

/** Block ends that become line breaks in plain text (markdown.ts's htmlToPlainText). */
const BLOCK_ENDS = new Set(['p', 'li', 'h3', 'h4', 'h5', 'h6', 'tr', 'blockquote', 'pre']);

/** As plain text: tags dropped, block ends a line break, entities decoded. */
const AS_TEXT: Writer = {
  tag: (name, closing) => (closing && BLOCK_ENDS.has(name) ? '\n' : ''),
  entities: { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" },
};

/**
 * What sanitize-html would return for `html`, marked's rendering of `markdown`, when it can be told
 * without parsing; null when the sanitizer must look.
 */
export function sanitizedWithoutParsing(markdown: string, html: string): string | null {
  return rewrite(markdown, html, AS_SANITIZED);
}

/**
 * The text of `html`, marked's rendering of `markdown`, with tags dropped, block ends as line
 * breaks and entities decoded (before markdown.ts folds its whitespace), when it can be told
 * without parsing; null when the sanitizer must strip it.
 */
export function textWithoutParsing(markdown: string, html: string): string | null {
  return rewrite(markdown, html, AS_TEXT);
}

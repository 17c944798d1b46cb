/**
 * plain-markup.ts lets HTML it can vouch for skip sanitize-html's parse. It must return exactly
 * what the sanitizer would, and decline everything else: checked on hand-written cases, on the
 * XSS corpus's kind of input, and on thousands of generated Markdown texts (a seeded generator, so
 * a failure names a text that can be replayed).
 */
import { describe, expect, test } from 'vitest';
import { createMarkdownRenderer, htmlToPlainText, markdownParser, markdownToPlainText, PLAIN_MARKED, sanitize } from '../../src/lib/markdown.ts';
import { proseParagraph, sanitizedWithoutParsing, textWithoutParsing } from '../../src/lib/plain-markup.ts';

const ctx = { githubUrl: 'https://github.com', repository: 'acme/widgets' };
const parser = markdownParser(ctx);
const render = createMarkdownRenderer(ctx);
const marked = (markdown: string): string => parser.parse(markdown) as string;

describe('sanitizedWithoutParsing', () => {
  test.each([
    ['a sentence', 'We found the cause and are rolling out a fix.'],
    ['quotes and an ampersand', `It's the "install" step & the cache.`],
    ['emphasis, strong, strike, code', 'Some *em*, **strong**, ~~gone~~ and `npm i -g quill`.'],
    ['line breaks', 'first line\nsecond line'],
    ['paragraphs', 'one\n\ntwo'],
    ['lists, nested', '- a\n- b\n  - c\n\n1. x\n2. y'],
    ['a loose list', '- a\n\n- b'],
    ['a fenced block without a language', '```\nconst a = "b" && c;\n```'],
    ['a quote', '> quoted\n> text'],
    ['headings from h3', '### Cause\n\n#### Detail'],
    ['a rule', 'above\n\n---\n\nbelow'],
    ['a table without alignment', '| a | b |\n|---|---|\n| 1 | "2" |'],
    ['an escaped ampersand entity', 'AT&amp;T and &quot;quoted&quot; and &#39;single&#39;'],
  ])('takes %s, with the sanitizer’s result', (_name, markdown) => {
    const html = marked(markdown);
    const fast = sanitizedWithoutParsing(markdown, html);
    expect(fast).not.toBeNull();
    expect(fast).toBe(sanitize(html));
  });

  test.each([
    ['raw HTML', 'a <em>b</em>'],
    ['an unclosed raw tag', 'a <em>b'],
    ['a stray closing tag', 'a </li></ol> b'],
    ['a comparison in prose', 'if a < b then'],
    ['a link', '[docs](https://example.com)'],
    ['a javascript: link', '[x](javascript:alert(1))'],
    ['an autolink', 'see https://example.com'],
    ['an image', '![x](https://example.com/a.png)'],
    ['an issue reference', 'fixed in #12'],
    ['a mention', 'thanks @ada-l'],
    ['a task list', '- [x] done\n- [ ] to do'],
    ['a numbered list starting past 1', '3. three\n4. four'],
    ['a code block with a language', '```js\nx\n```'],
    ['an h1 (the sanitizer makes it h3)', '# Title'],
    ['an aligned table', '| a |\n|:-:|\n| 1 |'],
    ['a named entity', 'caf&eacute; &copy;'],
    ['a numeric entity', '&#60;script&#62;'],
  ])('declines %s', (_name, markdown) => {
    expect(sanitizedWithoutParsing(markdown, marked(markdown))).toBeNull();
  });

  test.each([
    ['an attribute', '<p class="x">a</p>'],
    ['a tag outside the list', '<p><script>alert(1)</script></p>'],
    ['an unclosed tag', '<p><em>a</p>'],
    ['a closed void tag', '<p>a</br></p>'],
    ['a bare >', '<p>a > b</p>'],
    ['a bare &', '<p>a & b</p>'],
    ['an uppercase tag', '<P>a</P>'],
    ['a tag left open', '<p>a'],
  ])('declines HTML with %s, even when the Markdown has no <', (_name, html) => {
    expect(sanitizedWithoutParsing('plain', html)).toBeNull();
  });
});

/** mulberry32: a small seeded generator, so every run sees the same texts. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Markdown's constructs and the characters marked escapes: text made of these may take the shortcut. */
const PLAIN_PIECES = [
  'word',
  'fix',
  ' ',
  ' ',
  ' ',
  '\n',
  '\n\n',
  '*',
  '**',
  '_',
  '~~',
  '`',
  '```\n',
  '> ',
  '- ',
  '1. ',
  '### ',
  '---\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n',
  '"',
  "'",
  '&',
  '&amp;',
  '&quot;',
  '&#39;',
  '>',
  '\\',
  '  \n',
  '\t',
  '    ',
  'é',
  '😀',
  '\u00a0',
];
/** Pieces the shortcut must decline: raw HTML, links, images, references, task boxes, other entities. */
const OTHER_PIECES = [
  '<',
  '<em>',
  '</em>',
  '</p>',
  '[x](https://example.com)',
  '![i](https://example.com/i.png)',
  'https://example.com',
  '@ada-l',
  '#12',
  '- [ ] ',
  '3. ',
  '# ',
  '&copy;',
  '&#60;',
  '```js\n',
  '| a |\n|:-:|\n| 1 |\n',
];

function generated(random: () => number, pieces: readonly string[], count: number): string[] {
  return Array.from({ length: count }, () => {
    let text = '';
    const length = 1 + Math.floor(random() * 24);
    for (let i = 0; i < length; i += 1) text += pieces[Math.floor(random() * pieces.length)];
    return text;
  });
}

/** How many of `texts` took each shortcut; each text's HTML and plain text are checked against the sanitizer's. */
function shortcutsTaken(texts: readonly string[]): { html: number; text: number } {
  const taken = { html: 0, text: 0 };
  for (const markdown of texts) {
    const html = marked(markdown);
    const expected = sanitize(html);
    const fast = sanitizedWithoutParsing(markdown, html);
    if (fast !== null) {
      taken.html += 1;
      expect(fast, JSON.stringify(markdown)).toBe(expected);
    }
    expect(render(markdown), JSON.stringify(markdown)).toBe(expected);

    const plainHtml = PLAIN_MARKED.parse(markdown) as string;
    if (textWithoutParsing(markdown, plainHtml) !== null) taken.text += 1;
    expect(markdownToPlainText(markdown), JSON.stringify(markdown)).toBe(htmlToPlainText(plainHtml));
  }
  return taken;
}

describe('with the shortcuts, HTML and plain text are what the sanitizer makes of marked’s HTML', () => {
  test('on 3,000 generated texts of Markdown’s constructs and escaped characters, most taking the shortcuts', () => {
    const taken = shortcutsTaken(generated(seeded(15), PLAIN_PIECES, 3_000));
    expect(taken.html).toBeGreaterThan(1_500);
    expect(taken.text).toBeGreaterThan(1_500);
  });

  test('on 3,000 generated texts that also hold raw HTML, links, references and entities, a few taking them', () => {
    const taken = shortcutsTaken(generated(seeded(16), [...PLAIN_PIECES, ...OTHER_PIECES], 3_000));
    for (const count of [taken.html, taken.text]) {
      expect(count).toBeGreaterThan(50);
      expect(count).toBeLessThan(2_000);
    }
  });
});

test('plain text of a plain update, without the sanitizer', () => {
  const markdown = `It's "fixed" & **not** broken.`;
  // marked's `<p>…</p>\n`: the block end and marked's own line break, folded by markdownToPlainText.
  expect(textWithoutParsing(markdown, PLAIN_MARKED.parse(markdown) as string)).toBe(`It's "fixed" & not broken.\n\n`);
  expect(markdownToPlainText(markdown)).toBe(`It's "fixed" & not broken.`);
  expect(markdownToPlainText(`### Cause\n\n- one\n- two`)).toBe('Cause\none\ntwo');
});

describe('proseParagraph', () => {
  test.each([
    "We're looking into reports about this. ",
    'Unsaved code is lost when the tab reloads.',
    'Retry in a few minutes, or use the previous version.',
    'Status: 50% of installs (on npm) fail - see the "install" step; why? unknown!',
    'Café déjà vu, naïve 2nd try',
  ])('writes marked’s HTML for %j without marked', (markdown) => {
    expect(proseParagraph(markdown)).toBe(marked(markdown));
    expect(proseParagraph(markdown)).toBe(PLAIN_MARKED.parse(markdown));
  });

  test.each([
    ['a list', '1. one'],
    ['a leading space', ' indented'],
    ['two lines', 'one\ntwo'],
    ['a web address', 'see www.example.com'],
    ['a URL', 'see https://example.com'],
    ['an e-mail address', 'mail ops@example.com'],
    ['emphasis', 'a *b* c'],
    ['an underscore', 'snake_case'],
    ['an ampersand', 'A & B'],
    ['a tab', 'a\tb'],
    ['an empty text', ''],
  ])('leaves %s to marked', (_name, markdown) => {
    expect(proseParagraph(markdown)).toBeNull();
  });

  test('agrees with both of sitrep’s marked configurations on 3,000 generated lines, and the renderers with the sanitizer', () => {
    const prose = ['We', "we're", 'fix', 'é', 'x', '2', ' ', ' ', ',', '.', ':', ';', '(', ')', '/', '%', '-', '"', '!', '?', 'www', '//', 'http'];
    const pieces = [...prose, ...prose, ...prose, '\t', '_', '*', '#1', '@a', '&', '<', '\n'];
    let taken = 0;
    // Half the lines start with a word, as prose does.
    for (const markdown of generated(seeded(17), pieces, 3_000).map((text, i) => (i % 2 === 0 ? `We${text}` : text))) {
      const html = proseParagraph(markdown);
      if (html !== null) {
        taken += 1;
        expect(html, JSON.stringify(markdown)).toBe(marked(markdown));
        expect(html, JSON.stringify(markdown)).toBe(PLAIN_MARKED.parse(markdown));
      }
      expect(render(markdown), JSON.stringify(markdown)).toBe(sanitize(marked(markdown)));
      expect(markdownToPlainText(markdown), JSON.stringify(markdown)).toBe(htmlToPlainText(PLAIN_MARKED.parse(markdown) as string));
    }
    expect(taken).toBeGreaterThan(450);
    expect(taken).toBeLessThan(2_700);
  });
});

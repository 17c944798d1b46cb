/**
 * Every piece of issue text is untrusted. This corpus holds well-known XSS vectors (OWASP's filter
 * evasion cheat sheet and friends); none may leave anything executable in the output.
 */

import { Window } from 'happy-dom';
import { describe, expect, test } from 'vitest';
import { createMarkdownRenderer, markdownToPlainText, sanitize } from '../../src/lib/markdown.ts';
import { isSafeLinkUrl } from '../../src/lib/url-schemes.ts';

const render = createMarkdownRenderer({ githubUrl: 'https://github.com', repository: 'acme/widgets' });

const XSS_VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src="jav&#x09;ascript:alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="  JAVASCRIPT:alert(1)">x</a>',
  '<a href="java\u0000script:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '[md](javascript:alert(1))',
  '[md](<javascript:alert(1)>)',
  '[md](JaVaScRiPt:alert(1))',
  '![img](javascript:alert(1))',
  '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<form action="https://evil.example"><input name=p><button>go</button></form>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="position:fixed;inset:0">overlay</p>',
  '<style>body{display:none}</style>',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>alert(1)</script>',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<img src="https://ok.example/a.png" onload="alert(1)">',
  '<a href="//evil.example/x">protocol-relative</a>',
  // Scheme obfuscation that browsers (and sanitize-html) read through: the link code must agree.
  '<a href="java&#x09;script:alert(1)">tab entity</a>',
  '<a href="java&#x0A;script:alert(1)">newline entity</a>',
  '<a href="java&#x0D;script:alert(1)">carriage return entity</a>',
  '<a href="java\u0001script:alert(1)">control character</a>',
  '<a href="java\u001fscript:alert(1)">unit separator</a>',
  '<a href="&#x01;javascript:alert(1)">leading control entity</a>',
  '<a href="java<!-- -->script:alert(1)">comment inside</a>',
  '<a href="\\\\evil.example/x">backslash-relative</a>',
  '<a href="/\\evil.example/x">mixed-slash-relative</a>',
  '<a href="javascript&colon;alert(1)">named colon</a>',
  '[md](java&#x09;script:alert(1))',
  '[md](java%09script:alert(1))',
  '<img src="java&#x09;script:alert(1)">',
];

function parse(html: string): Document {
  const window = new Window();
  window.document.body.innerHTML = html;
  return window.document as unknown as Document;
}

describe('sanitizer: known XSS vectors render inert', () => {
  test.each(XSS_VECTORS.map((vector) => ({ vector })))('$vector', ({ vector }) => {
    const html = render(vector);
    const doc = parse(html);
    expect(doc.querySelectorAll('script, iframe, object, embed, form, input, button, style, link, meta, base, svg, math, video, source').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name, `attribute on <${el.tagName}>`).not.toMatch(/^on|^style$|^srcdoc$|^background$/i);
        if (['href', 'src'].includes(attr.name)) {
          // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore control characters in URLs, so must the check.
          expect(attr.value.replace(/[\s\u0000-\u001f]/g, '')).toMatch(/^(https:|http:|mailto:|#|[^:]*$)/i);
          expect(attr.value).not.toMatch(/^\/\//);
        }
      }
    }
    // Images load only over https.
    for (const img of doc.querySelectorAll('img')) expect(img.getAttribute('src')).toMatch(/^https:\/\//);
    // The link code and the sanitizer decide alike: `rel` only on a link that kept its href
    // (a lone `rel` is invalid HTML), so no link is left half-judged.
    for (const a of doc.querySelectorAll('a')) expect(a.hasAttribute('rel'), a.outerHTML).toBe(a.hasAttribute('href'));
  });
});

describe('one scheme decision for links', () => {
  test.each([
    { href: 'https://ok.example/a', kept: true },
    { href: 'http://ok.example/a', kept: true },
    { href: 'mailto:ops@example.com', kept: true },
    { href: '/relative/path', kept: true },
    { href: '#section', kept: true },
    { href: 'java\tscript:alert(1)', kept: false },
    { href: 'java\u0000script:alert(1)', kept: false },
    { href: ' \u0001JavaScript:alert(1)', kept: false },
    { href: 'data:text/html,x', kept: false },
    { href: 'vbscript:x', kept: false },
    { href: '//evil.example', kept: false },
    { href: '\\\\evil.example', kept: false },
    { href: 'ja<!-- x -->vascript:alert(1)', kept: false },
  ])('$href → kept: $kept', ({ href, kept }) => {
    expect(isSafeLinkUrl(href)).toBe(kept);
    const a = parse(sanitize(`<a href="${href.replace(/"/g, '&quot;')}">x</a>`)).querySelector('a');
    expect(a?.hasAttribute('href')).toBe(kept);
    expect(a?.hasAttribute('rel')).toBe(kept);
  });
});

describe('GitHub-flavoured rendering', () => {
  test.each([
    { name: 'issue reference', md: 'see #12', contains: '<a href="https://github.com/acme/widgets/issues/12" rel="nofollow ugc noopener noreferrer">#12</a>' },
    { name: 'mention', md: 'thanks @octo-cat', contains: '<a href="https://github.com/octo-cat" rel="nofollow ugc noopener noreferrer">@octo-cat</a>' },
    { name: 'autolink', md: 'https://example.com/x', contains: '<a href="https://example.com/x"' },
    { name: 'table', md: '| a | b |\n|---|---|\n| 1 | 2 |', contains: '<td>1</td>' },
    { name: 'task list', md: '- [x] done\n- [ ] open', contains: 'aria-label="done">☑</span>' },
    { name: 'strikethrough', md: '~~gone~~', contains: '<del>gone</del>' },
    { name: 'h1 demoted below the page headings', md: '# Title', contains: '<h3>Title</h3>' },
  ])('$name', ({ md, contains }) => {
    expect(render(md)).toContain(contains);
  });

  test.each([
    { name: 'not inside code', md: '`#12 @bob`', notContains: '<a' },
    { name: 'not inside a link', md: '[see #12](https://example.com)', notContains: 'issues/12' },
    { name: 'not an email', md: 'mail bob@example.com', notContains: 'github.com/example' },
    { name: 'not an entity', md: 'a &#12; b', notContains: 'issues/12' },
  ])('$name', ({ md, notContains }) => {
    expect(render(md)).not.toContain(notContains);
  });

  test('links are marked as user content', () => {
    expect(render('[x](https://example.com)')).toContain('rel="nofollow ugc noopener noreferrer"');
  });
});

describe('markdownToPlainText', () => {
  test.each([
    { md: '**Bold** and `code`', expected: 'Bold and code' },
    { md: '<script>alert(1)</script>Hello', expected: 'Hello' },
    { md: 'a &amp; b < c', expected: 'a & b < c' },
    { md: '- one\n- two', expected: 'one\ntwo' },
  ])('$md', ({ md, expected }) => {
    expect(markdownToPlainText(md)).toBe(expected);
  });
});

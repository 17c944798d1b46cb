import { expect, test } from 'vitest';
import { plainTitle, renderInlineTitle } from '../../src/lib/inline-title.ts';

test.each([
  { title: 'Installs fail', html: 'Installs fail', plain: 'Installs fail' },
  { title: '`npm install` fails', html: '<code>npm install</code> fails', plain: 'npm install fails' },
  { title: '**All** builds red', html: '<strong>All</strong> builds red', plain: 'All builds red' },
  { title: '`**not bold**` in code', html: '<code>**not bold**</code> in code', plain: '**not bold** in code' },
  { title: '<script>alert(1)</script> & "x"', html: '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;', plain: '<script>alert(1)</script> & "x"' },
  { title: '`<img src=x onerror=alert(1)>`', html: '<code>&lt;img src=x onerror=alert(1)&gt;</code>', plain: '<img src=x onerror=alert(1)>' },
  { title: 'a lone ` backtick', html: 'a lone ` backtick', plain: 'a lone ` backtick' },
])('$title', ({ title, html, plain }) => {
  expect(renderInlineTitle(title)).toBe(html);
  expect(plainTitle(title)).toBe(plain);
});

import { describe, expect, test } from 'vitest';
import { escapeHtml } from '../../src/lib/html-escape.ts';

describe('escapeHtml', () => {
  test.each([
    ['plain text', 'plain text'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`" onmouseover='x'`, '&quot; onmouseover=&#39;x&#39;'],
    ['a && b', 'a &amp;&amp; b'],
    ['&amp; already', '&amp;amp; already'],
  ])('%s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

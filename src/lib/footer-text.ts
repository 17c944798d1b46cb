/**
 * The configured `footer` text as inline HTML (issue #13, "Your brand"). The config is written by
 * a maintainer, but it is still text from a file, and a copied snippet must not run: only inline
 * Markdown — links, `code`, **bold**, _emphasis_ — becomes markup. Raw HTML is shown as text
 * (escaped), and sanitize-html with a four-tag allowlist is the backstop. Links keep their href
 * only for http, https and mailto (url-schemes.ts decides). Pure.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './html-escape.ts';
import { isSafeLinkUrl, LINK_SCHEMES } from './url-schemes.ts';

const marked = new Marked({ gfm: true, async: false });
marked.use({
  renderer: {
    // `<b>hi</b>` in the footer reads as written, not as markup.
    html: ({ text }) => escapeHtml(text),
    // Inline only: an image would be a request to wherever the text points.
    image: ({ text }) => escapeHtml(text),
  },
});

const FOOTER_SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['a', 'code', 'strong', 'em'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: [...LINK_SCHEMES],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs['href'];
      return { tagName, attribs: href !== undefined && href !== '' && isSafeLinkUrl(href) ? { href } : {} };
    },
  },
};

/** The footer as safe inline HTML. */
export function renderFooterText(markdown: string): string {
  return sanitizeHtml(marked.parseInline(markdown) as string, FOOTER_SANITIZE);
}

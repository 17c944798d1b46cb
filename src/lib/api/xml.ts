/**
 * Escaping for the XML and HTML the feeds and badges carry. Issue titles and comments are
 * untrusted text, and GitHub accepts characters that XML 1.0 forbids anywhere in a document.
 */

// Control characters other than tab and line breaks, U+FFFE/U+FFFF and unpaired surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: XML 1.0 forbids them.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text without the characters XML forbids. */
export const stripXmlInvalid = (text: string): string => text.replace(XML_INVALID, '');

/** Text as XML (or HTML) character data or an attribute value. */
export function escapeXml(text: string): string {
  return stripXmlInvalid(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** HTML that is also safe inside a CDATA section (`]]>` would end it; `&gt;` means the same in HTML). */
export const toCdataSafe = (html: string): string => stripXmlInvalid(html).replace(/]]>/g, ']]&gt;');

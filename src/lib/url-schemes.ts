/**
 * Which URLs may be links: one decision, used by the Markdown sanitizer (its `allowedSchemes`),
 * by the link code that adds `rel` and by the config schema. Pure.
 *
 * A URL is read the way a browser reads it: C0 control characters and spaces are ignored
 * (`java&#x09;script:` is `javascript:`), and so are HTML comments inside it. sanitize-html
 * cleans hrefs the same way (launder's `cleanHref`) before checking the scheme; deciding here
 * first, with the same cleaning and the same scheme list, means the two can never disagree.
 */

/** Schemes a link in issue text may use; anything else loses its href. */
export const LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];
/** Images are fetched by every visitor: only over TLS. */
export const IMAGE_SCHEMES: readonly string[] = ['https'];
/** URLs in content/status.yml (`site`, `githubUrl`, `components[].url`). */
export const CONFIG_URL_SCHEMES: readonly string[] = ['http', 'https'];

/** The URL as a browser sees it: control characters, spaces and embedded comments removed. */
export function cleanUrl(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters browsers skip.
  let clean = url.replace(/[\u0000-\u0020]+/g, '');
  for (let start = clean.indexOf('<!--'); start !== -1; start = clean.indexOf('<!--')) {
    const end = clean.indexOf('-->', start + 4);
    if (end === -1) break;
    clean = clean.slice(0, start) + clean.slice(end + 3);
  }
  return clean;
}

/**
 * The lower-case scheme; '' for a protocol-relative URL (`//host`, `\\host`); null for a relative
 * one. A colon before the first `/`, `?` or `#` makes the text before it a scheme even when it is
 * not a valid one (`java%09script:`): RFC 3986 forbids that colon in a relative reference, so such
 * a URL is never treated as harmlessly relative.
 */
export function urlScheme(url: string): string | null {
  const clean = cleanUrl(url);
  const colon = clean.indexOf(':');
  const pathStart = clean.search(/[/?#\\]/);
  if (colon !== -1 && (pathStart === -1 || colon < pathStart)) return clean.slice(0, colon).toLowerCase();
  return /^[/\\]{2}/.test(clean) ? '' : null;
}

/** A relative URL, or one of `schemes`; never protocol-relative (it could point anywhere). */
export function isAllowedUrl(url: string, schemes: readonly string[]): boolean {
  const scheme = urlScheme(url);
  return scheme === null || schemes.includes(scheme);
}

/** Whether a link in issue text keeps its href. */
export function isSafeLinkUrl(url: string): boolean {
  return isAllowedUrl(url, LINK_SCHEMES);
}

/** An absolute http(s) URL, as the config needs (relative URLs have no meaning there). */
export function isHttpUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme !== null && CONFIG_URL_SCHEMES.includes(scheme) && /^https?:\/\//i.test(url.trim());
}

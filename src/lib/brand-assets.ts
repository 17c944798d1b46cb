/**
 * `logo` and `favicon` in content/status.yml name either a file in the project's `public/`
 * folder (`logo.svg`, `/logo.svg` and `img/logo.svg` all mean a path under public/, served under
 * the site's base path) or an https:// URL. One reading of such a reference, used by the schema,
 * by the build's file check (src/data/brand-files.ts) and by the header. Pure.
 */
import { IMAGE_SCHEMES, isAllowedUrl, urlScheme } from './url-schemes.ts';

/** Path segments of letters, digits, `.`, `_`, `-`, none starting with a dot: no `..`, no hidden files. */
const PUBLIC_PATH = /^\/?(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Extensions a logo may have (what browsers show in an `<img>`). */
export const LOGO_EXTENSIONS: readonly string[] = ['svg', 'png', 'jpg', 'jpeg', 'webp', 'gif', 'avif'];
/** Extensions a favicon may have, with the `type` of its `<link rel="icon">`. */
export const FAVICON_TYPES: Readonly<Record<string, string>> = { svg: 'image/svg+xml', png: 'image/png', ico: 'image/x-icon' };

export type AssetRef = { readonly kind: 'public'; readonly file: string } | { readonly kind: 'url'; readonly url: string };

/**
 * Reads a reference: `{ kind: 'public', file }` with the path under public/ (no leading slash),
 * `{ kind: 'url' }` for an https URL, or null when it is neither (an http:, data: or javascript:
 * URL, a `..` path, a protocol-relative `//host/x`).
 */
export function readAssetRef(ref: string): AssetRef | null {
  const scheme = urlScheme(ref);
  if (scheme !== null)
    return scheme !== '' && isAllowedUrl(ref, IMAGE_SCHEMES) && /^https:\/\/[^/\s]+/i.test(ref) && URL.canParse(ref) ? { kind: 'url', url: ref } : null;
  return PUBLIC_PATH.test(ref) ? { kind: 'public', file: ref.replace(/^\//, '') } : null;
}

/** The lower-case extension of a file or a URL's path ('' when it has none). */
export function extensionOf(ref: AssetRef): string {
  const path = ref.kind === 'public' ? ref.file : new URL(ref.url).pathname;
  const match = /\.([A-Za-z0-9]+)$/.exec(path);
  return match ? (match[1] ?? '').toLowerCase() : '';
}

/** Where the page loads it from: a public/ file under the site's base path, or the URL itself. */
export function assetHref(ref: AssetRef, fileUnderBase: (file: string) => string): string {
  return ref.kind === 'public' ? fileUnderBase(ref.file) : ref.url;
}

/**
 * The "Your brand" keys of content/status.yml (issue #13): `logo`, `favicon`, `accent`, header
 * `links` and `footer`, so an adopter never edits src/ to look like their project.
 */
import { z } from 'astro/zod';
import { extensionOf, FAVICON_TYPES, LOGO_EXTENSIONS, readAssetRef } from '../brand-assets.ts';
import { isHexColour } from '../contrast.ts';
import { isHttpUrl } from '../url-schemes.ts';

/** Header links a header can hold before it wraps into a second line on a phone. */
export const MAX_HEADER_LINKS = 6;
/** Longest header link text. */
export const MAX_LINK_TEXT = 40;
/** Longest footer text. */
export const MAX_FOOTER = 500;

const ASSET = 'use a file in public/ (e.g. "logo.svg") or an https:// URL';

/** A file in public/ or an https URL; `checkUrlExtension` off accepts any https URL (logos are often served without one). */
function assetSchema(extensions: readonly string[], checkUrlExtension: boolean) {
  return z.string().superRefine((value, ctx) => {
    const ref = readAssetRef(value);
    if (!ref) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: ASSET });
      return;
    }
    if ((ref.kind === 'public' || checkUrlExtension) && !extensions.includes(extensionOf(ref))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `use a ${extensions.map((e) => `.${e}`).join(', ')} file` });
    }
  });
}

/** Shown in the header before the title (its alt text is the title). */
export const LogoSchema = assetSchema(LOGO_EXTENSIONS, false);

/** `<link rel="icon">` on every page; its type comes from the extension, so a URL needs one too. */
export const FaviconSchema = assetSchema(Object.keys(FAVICON_TYPES), true);

/**
 * Link and accent colour. Hex only: it is the syntax sitrep can check for contrast without a CSS
 * engine. `null` is what YAML makes of an unquoted `#0b5fff` (a comment), hence the hint.
 */
export const AccentSchema = z.preprocess(
  (value) => (value === null ? '' : value),
  z.string().refine(isHexColour, 'use a quoted hex colour, "#rgb" or "#rrggbb", e.g. accent: "#0b5fff" (unquoted, # starts a YAML comment)'),
);

export const HeaderLinkSchema = z
  .object({
    /** What the link says, e.g. "Discord". */
    text: z.string().trim().min(1, 'give the link a text').max(MAX_LINK_TEXT, `keep it to ${MAX_LINK_TEXT} characters`),
    /** Where it goes: http(s) only, as every URL in the config. */
    url: z.string().url().refine(isHttpUrl, 'use an http:// or https:// URL'),
  })
  .strict();

/** Links after the navigation, e.g. to the project's chat or home page. */
export const HeaderLinksSchema = z.array(HeaderLinkSchema).max(MAX_HEADER_LINKS, `list at most ${MAX_HEADER_LINKS} header links`);

/** Footer text: plain text with inline Markdown links, `code`, **bold** and _emphasis_ (src/lib/footer-text.ts). */
export const FooterSchema = z.string().trim().min(1, 'leave footer out, or give it a text').max(MAX_FOOTER, `keep it to ${MAX_FOOTER} characters`);

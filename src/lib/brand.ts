/**
 * What the "Your brand" keys put on every page (issue #13), decided once for the build: the logo
 * and favicon references, the accent shade per theme and its CSS, the header links and the
 * footer's HTML. site-chrome-html.ts only draws this. Pure.
 */
import { type AccentShades, accentCss, deriveAccentShades } from './accent.ts';
import { type AssetRef, extensionOf, FAVICON_TYPES, readAssetRef } from './brand-assets.ts';
import { renderFooterText } from './footer-text.ts';
import type { Notice } from './notice.ts';
import type { SiteConfig } from './schema/config.ts';

export interface BrandView {
  readonly logo: AssetRef | null;
  readonly favicon: { readonly ref: AssetRef; readonly type: string } | null;
  readonly accent: AccentShades | null;
  /** `:root{--link:…}` for both themes; null without `accent`. */
  readonly accentCss: string | null;
  readonly links: readonly { readonly text: string; readonly url: string }[];
  /** Safe inline HTML (src/lib/footer-text.ts); null without `footer`. */
  readonly footerHtml: string | null;
}

/** The brand of a validated config, and the build-log notes it needs (an accent that was shaded). */
export function buildBrand(config: SiteConfig): { brand: BrandView; notices: Notice[] } {
  const accent = config.accent ? deriveAccentShades(config.accent) : null;
  const favicon = config.favicon ? readAssetRef(config.favicon) : null;
  return {
    brand: {
      logo: config.logo ? readAssetRef(config.logo) : null,
      favicon: favicon ? { ref: favicon, type: FAVICON_TYPES[extensionOf(favicon)] ?? 'image/x-icon' } : null,
      accent,
      accentCss: accent ? accentCss(accent) : null,
      links: config.links,
      footerHtml: config.footer ? renderFooterText(config.footer) : null,
    },
    notices: (accent?.notes ?? []).map((message) => ({ where: 'accent', message })),
  };
}

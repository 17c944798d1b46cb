/**
 * The configured `accent` colour per theme (issue #13, "Your brand"). Links must stay readable:
 * WCAG AA asks 4.5:1 for text, and a link may sit on any of the page's backgrounds (the page,
 * cards, notices, the status banner). Rather than refuse a brand colour, each theme gets the
 * given colour where it passes and, where it fails, the nearest shade that passes: darkened
 * towards black in the light theme, lightened towards white in the dark one. The build log says
 * so. Pure.
 */
import { contrastRatio, formatHexColour, mixColours, parseHexColour, type Rgb } from './contrast.ts';

/** WCAG 2.2 AA, success criterion 1.4.3, for normal-size text. */
export const LINK_CONTRAST = 4.5;

export type Theme = 'light' | 'dark';

/**
 * Every background a link can sit on, per theme: the custom properties of src/styles/global.css
 * (`--bg`, `--card`, `--warn-bg` and the banner tones). tests/unit/accent.test.ts reads the
 * stylesheet and fails if the two drift apart.
 */
export const THEME_BACKGROUNDS: Readonly<Record<Theme, Readonly<Record<string, string>>>> = {
  light: {
    '--bg': '#ffffff',
    '--card': '#f6f8fa',
    '--warn-bg': '#fff3c4',
    '--ok-bg': '#dafbe1',
    '--minor-bg': '#fff3c4',
    '--major-bg': '#ffe2c7',
    '--critical-bg': '#ffd8d9',
    '--maint-bg': '#dbe9ff',
  },
  dark: {
    '--bg': '#0f1216',
    '--card': '#171b21',
    '--warn-bg': '#352a07',
    '--ok-bg': '#10301b',
    '--minor-bg': '#352a07',
    '--major-bg': '#3b2210',
    '--critical-bg': '#42151a',
    '--maint-bg': '#142844',
  },
};

const TOWARDS: Readonly<Record<Theme, Rgb>> = { light: { r: 0, g: 0, b: 0 }, dark: { r: 255, g: 255, b: 255 } };

export interface ThemeAccent {
  /** The colour links use in this theme, `#rrggbb`. */
  readonly colour: string;
  /** Its lowest contrast against the theme's backgrounds. */
  readonly ratio: number;
  /** The given colour's lowest contrast, before any adjustment. */
  readonly givenRatio: number;
  readonly adjusted: boolean;
}

export interface AccentShades {
  readonly light: ThemeAccent;
  readonly dark: ThemeAccent;
  /** One line per adjusted theme, for the build log. */
  readonly notes: readonly string[];
}

/** Lowest contrast of `colour` against every background of `theme`. */
export function worstContrast(colour: Rgb, theme: Theme): number {
  return Math.min(...Object.values(THEME_BACKGROUNDS[theme]).map((bg) => contrastRatio(colour, parseHexColour(bg))));
}

/** The accent as given where it reaches 4.5:1, else the least-changed shade (1% steps) that does. */
export function shadeForTheme(accent: string, theme: Theme): ThemeAccent {
  const given = parseHexColour(accent);
  const givenRatio = worstContrast(given, theme);
  for (let step = 0; step <= 100; step++) {
    const shade = mixColours(given, TOWARDS[theme], step / 100);
    const ratio = worstContrast(shade, theme);
    if (ratio >= LINK_CONTRAST) return { colour: formatHexColour(shade), ratio, givenRatio, adjusted: step > 0 };
  }
  // Unreachable: black and white both pass against the backgrounds above (the tests check it).
  throw new Error(`no shade of ${accent} reaches ${LINK_CONTRAST}:1 in the ${theme} theme`);
}

/** A ratio as people write it, rounded down so 4.49 never reads as 4.5. */
export const formatRatio = (ratio: number): string => `${Math.floor(ratio * 10) / 10}:1`;

/** The accent for both themes, with a build-log note for each theme where it had to change. */
export function deriveAccentShades(accent: string): AccentShades {
  const light = shadeForTheme(accent, 'light');
  const dark = shadeForTheme(accent, 'dark');
  const notes = (['light', 'dark'] as const)
    .map((theme) => ({ theme, shade: theme === 'light' ? light : dark }))
    .filter(({ shade }) => shade.adjusted)
    .map(
      ({ theme, shade }) =>
        `"${accent}" has ${formatRatio(shade.givenRatio)} against the ${theme} theme's backgrounds (links need ${LINK_CONTRAST}:1); ` +
        `the ${theme} theme uses ${shade.colour} (${formatRatio(shade.ratio)}) instead`,
    );
  return { light, dark, notes };
}

/**
 * The CSS that sets `--link` (links, focus rings, the latest-news bar) for each theme. `html:root`
 * outranks global.css's `:root` whichever order the two style elements land in. The colours are
 * `#rrggbb` from formatHexColour, nothing else, so the text is safe to inline.
 */
export function accentCss(shades: AccentShades): string {
  return `html:root{--link:${shades.light.colour}}@media (prefers-color-scheme: dark){html:root{--link:${shades.dark.colour}}}`;
}

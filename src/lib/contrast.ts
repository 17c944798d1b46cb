/**
 * WCAG 2.x contrast maths for the configured accent colour (issue #13, "Your brand"). Pure.
 * Relative luminance and contrast ratio as defined in WCAG 2.2 (§ "relative luminance",
 * https://www.w3.org/TR/WCAG22/#dfn-relative-luminance); axe-core computes the same numbers.
 */

/** A colour as 0–255 channels. */
export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Whether `text` is a colour sitrep can check: `#rgb` or `#rrggbb`. */
export function isHexColour(text: string): boolean {
  return HEX.test(text);
}

/** `#rgb` or `#rrggbb` → channels; throws on anything else (the config schema refuses it first). */
export function parseHexColour(text: string): Rgb {
  if (!HEX.test(text)) throw new Error(`not a hex colour: ${JSON.stringify(text)}`);
  const hex = text.length === 4 ? [...text.slice(1)].map((c) => c + c).join('') : text.slice(1);
  return { r: Number.parseInt(hex.slice(0, 2), 16), g: Number.parseInt(hex.slice(2, 4), 16), b: Number.parseInt(hex.slice(4, 6), 16) };
}

/** `#rrggbb`, lower case. */
export function formatHexColour({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

const linear = (channel: number): number => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `colour` moved a fraction `t` (0–1) of the way towards `target`. */
export function mixColours(colour: Rgb, target: Rgb, t: number): Rgb {
  const at = (from: number, to: number): number => Math.round(from + (to - from) * t);
  return { r: at(colour.r, target.r), g: at(colour.g, target.g), b: at(colour.b, target.b) };
}

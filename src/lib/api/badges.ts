/**
 * Shields-style ("flat") SVG badges: `status | operational` for the page, `CLI | major outage`
 * per component. White text on colours chosen for at least 4.5:1 contrast (WCAG AA), a `<title>`
 * and `aria-label` for screen readers. Stale or incomplete data shows "unknown", never a green
 * "operational" that nobody checked.
 */
import type { ComponentStatus } from '../severity.ts';
import { COMPONENT_STATUS_TEXT } from '../severity.ts';
import type { SiteModel } from '../site-model.ts';
import { escapeXml } from './xml.ts';

export interface Badge {
  readonly label: string;
  readonly message: string;
  /** Background of the message half. */
  readonly color: string;
  /** Read by screen readers and shown on hover. */
  readonly title: string;
}

export const LABEL_COLOR = '#4a5058';
export const BADGE_COLORS: Readonly<Record<ComponentStatus | 'unknown', string>> = {
  operational: '#1a7f37',
  under_maintenance: '#1f5fbf',
  degraded_performance: '#8a5a00',
  partial_outage: '#b35900',
  major_outage: '#b4121b',
  unknown: '#57606a',
};

/** The page's badge, or a component's. */
export function describeBadge(model: SiteModel, componentId?: string): Badge {
  const component = componentId === undefined ? undefined : model.components.find((c) => c.id === componentId);
  const status = component ? component.status : model.banner.status;
  const label = component ? component.name : 'status';
  const subject = component ? `${model.config.title}, ${component.name}` : model.config.title;
  const { doubt } = model.banner;
  if (status === 'operational' && doubt) {
    return { label, message: 'unknown', color: BADGE_COLORS.unknown, title: `${subject}: unknown (${doubt})` };
  }
  const message = COMPONENT_STATUS_TEXT[status].toLowerCase();
  return { label, message, color: BADGE_COLORS[status], title: `${subject}: ${message}` };
}

// Advance widths of Verdana at 11px (the font shields uses), for the characters badges mostly
// carry; anything else counts as a wide letter, so a badge errs towards room to spare.
const WIDTHS: Readonly<Record<string, number>> = {
  ' ': 3.9,
  '!': 4.3,
  '&': 8.1,
  '(': 5,
  ')': 5,
  ',': 3.6,
  '-': 5,
  '.': 3.6,
  '/': 5,
  ':': 4.7,
  _: 7,
  a: 6.7,
  b: 6.8,
  c: 5.8,
  d: 6.8,
  e: 6.6,
  f: 3.8,
  g: 6.8,
  h: 7,
  i: 3,
  j: 3.8,
  k: 6.5,
  l: 3,
  m: 10.7,
  n: 7,
  o: 6.7,
  p: 6.8,
  q: 6.8,
  r: 4.7,
  s: 5.8,
  t: 4.3,
  u: 7,
  v: 6.5,
  w: 9,
  x: 6.5,
  y: 6.5,
  z: 5.8,
  A: 7.5,
  B: 7.6,
  C: 7.7,
  D: 8.5,
  E: 7,
  F: 6.3,
  G: 8.5,
  H: 8.3,
  I: 4.6,
  J: 5,
  K: 7.6,
  L: 6.1,
  M: 9.3,
  N: 8.2,
  O: 8.6,
  P: 6.6,
  Q: 8.6,
  R: 7.6,
  S: 7.5,
  T: 6.8,
  U: 8,
  V: 7.5,
  W: 10.9,
  X: 7.5,
  Y: 6.8,
  Z: 7.5,
};
const DIGIT = 7;
const OTHER = 8;
const WIDE = 11;

/** Estimated width in pixels of `text` in 11px Verdana. */
export function estimateTextWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (/[0-9]/.test(ch)) width += DIGIT;
    else if (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]|\p{Extended_Pictographic}/u.test(ch)) width += WIDE;
    else width += WIDTHS[ch] ?? OTHER;
  }
  return width;
}

const PADDING = 6;

export function renderBadgeSvg(badge: Badge): string {
  const lw = Math.round(estimateTextWidth(badge.label) + 2 * PADDING);
  const mw = Math.round(estimateTextWidth(badge.message) + 2 * PADDING);
  const w = lw + mw;
  const title = escapeXml(badge.title);
  const text = (x: number, value: string): string =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">${escapeXml(value)}</text><text x="${x}" y="14">${escapeXml(value)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" viewBox="0 0 ${w} 20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="${LABEL_COLOR}"/><rect x="${lw}" width="${mw}" height="20" fill="${badge.color}"/><rect width="${w}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="11">`,
    `${text(lw / 2, badge.label)}${text(lw + mw / 2, badge.message)}`,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

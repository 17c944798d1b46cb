/** Badges: readable colours, honest messages, escaped text, a parseable SVG. */
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';
import { describe, expect, test } from 'vitest';
import { BADGE_COLORS, describeBadge, estimateTextWidth, LABEL_COLOR, renderBadgeSvg } from '../../src/lib/api/badges.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { config, issue, snapshot } from '../support/records.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const model = (issues: unknown[], takenAt = '2026-11-21T11:55:00Z') =>
  buildSiteModel({ config: config(), snapshot: SnapshotSchema.parse(snapshot(issues, { takenAt })), postmortemFiles: [], now: NOW, demo: false });

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('colours', () => {
  test.each(Object.entries({ label: LABEL_COLOR, ...BADGE_COLORS }).map(([name, color]) => ({ name, color })))(
    'white on $name ($color) reaches 4.5:1',
    ({ color }) => {
      expect(contrast('#ffffff', color)).toBeGreaterThanOrEqual(4.5);
    },
  );
});

describe('what a badge says', () => {
  test.each([
    { name: 'all well', issues: [], takenAt: undefined, message: 'operational', title: 'Acme status: operational' },
    {
      name: 'a P1',
      issues: [issue({ number: 1, labels: ['incident', 'P1'] })],
      takenAt: undefined,
      message: 'partial outage',
      title: 'Acme status: partial outage',
    },
    {
      name: 'stale, nothing known',
      issues: [],
      takenAt: '2026-11-21T08:00:00Z',
      message: 'unknown',
      title: 'Acme status: unknown (no data since 21 Nov 2026, 08:00 UTC)',
    },
    {
      name: 'stale, but an outage is known',
      issues: [issue({ number: 1, labels: ['incident', 'P0'] })],
      takenAt: '2026-11-21T08:00:00Z',
      message: 'major outage',
      title: 'Acme status: major outage',
    },
    {
      name: 'unreadable records',
      issues: [{ number: 9, title: null }],
      takenAt: undefined,
      message: 'unknown',
      title: 'Acme status: unknown (some records could not be read)',
    },
  ])('$name → $message', ({ issues, takenAt, message, title }) => {
    expect(describeBadge(model(issues, takenAt))).toMatchObject({ label: 'status', message, title });
  });

  test("a component's badge follows the component, not the page", () => {
    const m = model([issue({ number: 1, labels: ['incident', 'P0', 'component:npm'] })]);
    expect(describeBadge(m, 'npm')).toMatchObject({ label: 'npm packages', message: 'major outage', color: BADGE_COLORS.major_outage });
    expect(describeBadge(m, 'cli')).toMatchObject({ label: 'CLI', message: 'operational', color: BADGE_COLORS.operational });
  });
});

describe('the SVG', () => {
  const parse = (svg: string) => new DOMParser({ onError: onWarningStopParsing }).parseFromString(svg, 'image/svg+xml');

  test('escapes text and stays parseable', () => {
    const svg = renderBadgeSvg({ label: 'A&B <x>', message: '"ok"', color: '#1a7f37', title: 'A&B <x>: "ok"' });
    const root = parse(svg).documentElement;
    expect(root?.getAttribute('aria-label')).toBe('A&B <x>: "ok"');
    expect(root?.getElementsByTagName('title')[0]?.textContent).toBe('A&B <x>: "ok"');
    expect(Array.from(root?.getElementsByTagName('text') ?? []).map((t) => t.textContent)).toEqual(['A&B <x>', 'A&B <x>', '"ok"', '"ok"']);
  });

  test.each([
    { short: 'ok', long: 'degraded performance' },
    { short: 'iii', long: 'WWW' },
    { short: 'CLI', long: '文档站点' },
  ])('"$long" is wider than "$short"', ({ short, long }) => {
    expect(estimateTextWidth(long)).toBeGreaterThan(estimateTextWidth(short));
    const width = (text: string) =>
      Number(parse(renderBadgeSvg({ label: 'status', message: text, color: '#000000', title: text })).documentElement?.getAttribute('width'));
    expect(width(long)).toBeGreaterThan(width(short));
  });
});

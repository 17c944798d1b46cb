/**
 * The banner is decided once (src/lib/banner.ts) and only drawn by the page, the badges and the
 * status API: its wording is tested here, the page's wiring in tests/build/bad-input.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { deriveBanner } from '../../src/lib/banner.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { closed, config, issue, snapshot } from '../support/records.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const quiet = [closed(issue({ number: 1, createdAt: '2026-11-19T10:00:00Z' }), '2026-11-19T11:00:00Z')];
const bannerOf = (issues: unknown[], takenAt: string) =>
  buildSiteModel({ config: config(), snapshot: SnapshotSchema.parse(snapshot(issues, { takenAt })), postmortemFiles: [], now: NOW, demo: false }).banner;

describe('the banner never says all is well on stale or incomplete data', () => {
  test.each([
    { name: 'fresh, nothing active', issues: quiet, takenAt: '2026-11-21T11:58:00Z', tone: 'operational', text: 'All systems operational', doubt: null },
    {
      name: 'stale, nothing active',
      issues: quiet,
      takenAt: '2026-11-21T09:00:00Z',
      tone: 'unknown',
      text: 'No incidents reported as of 21 Nov 2026, 09:00 UTC — this status may be out of date',
      doubt: 'no data since 21 Nov 2026, 09:00 UTC',
    },
    {
      name: 'an unreadable record',
      issues: [...quiet, { number: 5, title: 'broken', state: 'weird' }],
      takenAt: '2026-11-21T11:58:00Z',
      tone: 'unknown',
      text: 'No known incidents, but some records could not be read',
      doubt: 'some records could not be read',
    },
    {
      name: 'an unreadable record and stale',
      issues: [...quiet, { number: 5, title: 'broken', state: 'weird' }],
      takenAt: '2026-11-21T09:00:00Z',
      tone: 'unknown',
      text: 'No known incidents, but some records could not be read',
      doubt: 'some records could not be read',
    },
    {
      name: 'stale, but an outage is known',
      issues: [issue({ number: 2, labels: ['incident', 'P0'] })],
      takenAt: '2026-11-21T09:00:00Z',
      tone: 'major_outage',
      text: 'Major outage',
      doubt: 'no data since 21 Nov 2026, 09:00 UTC',
    },
  ])('$name → $tone', ({ issues, takenAt, tone, text, doubt }) => {
    expect(bannerOf(issues, takenAt)).toMatchObject({ tone, text, doubt });
  });

  test('the stale sentence the page swaps in names the data time as every surface writes it', () => {
    const banner = deriveBanner({ status: 'operational', text: 'All systems operational', incomplete: false }, false, '2026-11-21T09:00:00.000Z');
    expect(banner).toMatchObject({ asOf: '21 Nov 2026, 09:00 UTC', text: 'All systems operational', tone: 'operational' });
    expect(banner.staleText).toBe('No incidents reported as of 21 Nov 2026, 09:00 UTC — this status may be out of date');
  });
});

/** The pure Statuspage mapping (src/lib/api): rules as tables, no build. */
import { describe, expect, test } from 'vitest';
import { assignGroupIds } from '../../src/lib/api/components.ts';
import { createApiContext, derivePageId, toApiTime } from '../../src/lib/api/context.ts';
import { listIncidentEvents, listMaintenanceEvents } from '../../src/lib/api/events.ts';
import { deriveApiStatus } from '../../src/lib/api/status.ts';
import { buildStatuspageApi } from '../../src/lib/api/statuspage.ts';
import { deriveBanner } from '../../src/lib/banner.ts';
import type { Maintenance } from '../../src/lib/maintenance.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { CONFIG, fixtureSnapshot, NOW } from '../api/fixture.ts';
import { closed, comment, config, event, issue, snapshot } from '../support/records.ts';

const model = (issues: unknown[]) =>
  buildSiteModel({ config: config(), snapshot: SnapshotSchema.parse(snapshot(issues)), postmortemFiles: [], now: new Date(NOW), demo: false });
const onlyIncident = (record: ReturnType<typeof issue>) => {
  const found = model([record]).incidents[0];
  if (!found) throw new Error('not published');
  return found;
};

describe('status rollup', () => {
  const overall = (status: 'operational' | 'under_maintenance' | 'degraded_performance' | 'partial_outage' | 'major_outage', incomplete = false) => ({
    status,
    text: '',
    incomplete,
  });
  test.each([
    { name: 'nothing wrong', overall: overall('operational'), stale: false, indicator: 'none', description: 'All Systems Operational' },
    { name: 'maintenance only', overall: overall('under_maintenance'), stale: false, indicator: 'maintenance', description: 'Service Under Maintenance' },
    { name: 'P2', overall: overall('degraded_performance'), stale: false, indicator: 'minor', description: 'Minor Service Outage' },
    { name: 'P1', overall: overall('partial_outage'), stale: false, indicator: 'major', description: 'Partial System Outage' },
    { name: 'P0', overall: overall('major_outage'), stale: false, indicator: 'critical', description: 'Major System Outage' },
    {
      name: 'unreadable records',
      overall: overall('operational', true),
      stale: false,
      indicator: 'none',
      description: 'No Known Incidents, but Some Records Could Not Be Read',
    },
    {
      name: 'stale',
      overall: overall('operational'),
      stale: true,
      indicator: 'none',
      description: 'All Systems Operational (as of 21 Nov 2026, 09:00 UTC; may be out of date)',
    },
    {
      name: 'stale outage',
      overall: overall('partial_outage'),
      stale: true,
      indicator: 'major',
      description: 'Partial System Outage (as of 21 Nov 2026, 09:00 UTC; may be out of date)',
    },
  ])('$name → $indicator', ({ overall, stale, indicator, description }) => {
    expect(deriveApiStatus({ banner: deriveBanner(overall, stale, '2026-11-21T09:00:00.000Z') })).toEqual({ indicator, description });
  });
});

describe('ids', () => {
  test.each([
    { repository: 'quill-lang/quill', id: 'quill-lang-quill' },
    { repository: 'Acme/Widgets.js', id: 'acme-widgets-js' },
  ])('page id of $repository is $id', ({ repository, id }) => {
    expect(derivePageId(repository)).toBe(id);
  });

  test('group ids never collide with a component or another group', () => {
    const ids = assignGroupIds(['Web', 'Web!', 'Tools', 'Web'], ['group-tools', 'cli']);
    expect([...ids.entries()]).toEqual([
      ['Web', 'group-web'],
      ['Web!', 'group-web-2'],
      ['Tools', 'group-tools-2'],
    ]);
  });

  test.each([
    { input: '2026-11-21T10:04:05Z', output: '2026-11-21T10:04:05.000Z' },
    { input: '2026-11-21T12:04:05+02:00', output: '2026-11-21T10:04:05.000Z' },
  ])('timestamp $input → $output', ({ input, output }) => {
    expect(toApiTime(input)).toBe(output);
  });
});

describe('incident events (the updates and feed entries)', () => {
  const opened = '2026-11-21T08:00:00Z';
  const nine = Date.parse('2026-11-21T09:00:00Z') / 1000;
  test.each([
    {
      name: 'a label change without a comment gets a stock update',
      record: issue({ number: 1, createdAt: opened, events: [event('labeled', '2026-11-21T09:00:00Z', { label: 'identified' })] }),
      story: [
        ['1-opened', 'investigating'],
        [`1-label-${nine}`, 'identified'],
      ],
    },
    {
      name: '"Status: resolved" then closing is one update',
      record: closed(
        issue({ number: 2, createdAt: opened, comments: [comment({ id: 7, at: '2026-11-21T09:00:00Z', body: 'Status: resolved\n\nFixed.' })] }),
        '2026-11-21T09:01:00Z',
      ),
      story: [
        ['2-opened', 'investigating'],
        ['7', 'resolved'],
      ],
    },
    {
      name: 'closing without a word says it was resolved',
      record: closed(issue({ number: 3, createdAt: opened }), '2026-11-21T09:00:00Z'),
      story: [
        ['3-opened', 'investigating'],
        [`3-closed-${nine}`, 'resolved'],
      ],
    },
    {
      name: 'closed as not planned is withdrawn',
      record: closed(issue({ number: 4, createdAt: opened }), '2026-11-21T09:00:00Z', 'not_planned'),
      story: [
        ['4-opened', 'investigating'],
        [`4-closed-${nine}`, 'withdrawn'],
      ],
    },
  ])('$name', ({ record, story }) => {
    expect(listIncidentEvents(onlyIncident(record)).map((e) => [e.id, e.status])).toEqual(story);
  });

  test("the opening is the form's text, and an empty report still says something", () => {
    const [withText] = listIncidentEvents(onlyIncident(issue({ number: 5 })));
    const [empty] = listIncidentEvents(onlyIncident(issue({ number: 6, body: null })));
    expect(withText?.text).toBe('Something is broken.');
    expect(empty?.text).toBe('We are investigating reports of a problem.');
    expect(empty?.html).toBe('<p>We are investigating reports of a problem.</p>');
  });
});

describe('maintenance events', () => {
  const window = (overrides: Partial<Maintenance>): Maintenance => ({
    number: 9,
    title: 'Upgrade',
    url: 'https://github.com/acme/widgets/issues/9',
    status: 'scheduled',
    scheduledFor: '2026-11-21T11:00:00.000Z',
    scheduledUntil: '2026-11-21T13:00:00.000Z',
    components: ['cli'],
    impactHtml: '<p>Slow &amp; steady.</p>',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    updates: [],
    ...overrides,
  });
  test.each([
    {
      name: 'scheduled',
      m: window({ status: 'scheduled', scheduledFor: '2026-11-22T11:00:00.000Z', scheduledUntil: '2026-11-22T12:00:00.000Z' }),
      story: ['scheduled'],
    },
    { name: 'in progress', m: window({ status: 'in_progress' }), story: ['scheduled', 'in_progress'] },
    {
      name: 'completed on time',
      m: window({ status: 'completed', scheduledUntil: '2026-11-21T11:30:00.000Z' }),
      story: ['scheduled', 'in_progress', 'completed'],
    },
    {
      name: 'closed before it began',
      m: window({
        status: 'completed',
        scheduledFor: '2026-11-22T11:00:00.000Z',
        scheduledUntil: '2026-11-22T12:00:00.000Z',
        updatedAt: '2026-11-21T09:00:00.000Z',
      }),
      story: ['scheduled', 'completed'],
    },
    {
      name: 'cancelled',
      m: window({
        status: 'cancelled',
        scheduledFor: '2026-11-22T11:00:00.000Z',
        scheduledUntil: '2026-11-22T12:00:00.000Z',
        updatedAt: '2026-11-21T09:00:00.000Z',
      }),
      story: ['scheduled', 'completed'],
    },
  ])('$name → $story', ({ m, story }) => {
    const events = listMaintenanceEvents(m, new Date(NOW).toISOString());
    expect(events.map((e) => e.status)).toEqual(story);
  });

  test('the first update states the window and the expected impact as plain text', () => {
    const [first] = listMaintenanceEvents(window({}), new Date(NOW).toISOString());
    expect(first?.text).toBe('Scheduled for 21 Nov 2026, 11:00 UTC to 21 Nov 2026, 13:00 UTC. Slow & steady.');
  });

  test("a comment takes the window's state at the time it was posted", () => {
    const m = window({
      status: 'in_progress',
      updates: [
        {
          id: 77,
          author: 'maint',
          createdAt: '2026-11-21T11:30:00.000Z',
          html: '<p>Halfway.</p>',
          text: 'Halfway.',
          url: 'https://github.com/acme/widgets/issues/9#issuecomment-77',
        },
      ],
    });
    expect(listMaintenanceEvents(m, new Date(NOW).toISOString()).map((e) => [e.id, e.status, e.componentStatus])).toEqual([
      ['9-scheduled', 'scheduled', 'operational'],
      ['9-in-progress', 'in_progress', 'under_maintenance'],
      ['77', 'in_progress', 'under_maintenance'],
    ]);
  });
});

describe('the whole API', () => {
  const build = () =>
    buildStatuspageApi(
      createApiContext(
        buildSiteModel({ config: config(CONFIG), snapshot: SnapshotSchema.parse(fixtureSnapshot()), postmortemFiles: [], now: new Date(NOW), demo: false }),
        '/status/',
      ),
    );

  test('is deterministic: the same input gives byte-identical files', () => {
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
  });

  test('every timestamp carries milliseconds and an offset', () => {
    const stamps = JSON.stringify(build()).match(/"(?:[a-z_]+_at|scheduled_(?:for|until))":"[^"]*"/g) ?? [];
    expect(stamps.length).toBeGreaterThan(100);
    for (const stamp of stamps) expect(stamp).toMatch(/"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"$/);
  });
});

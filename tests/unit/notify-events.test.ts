import { describe, expect, test } from 'vitest';
import { listNotifyEvents } from '../../src/lib/notify/events.ts';
import { composeMessage } from '../../src/lib/notify/message.ts';
import type { SiteConfig } from '../../src/lib/schema/config.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { makeUrls } from '../../src/lib/urls.ts';
import { closed, comment, config, event, formBody, issue, outsider, snapshot } from '../support/records.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const epoch = (iso: string): number => Date.parse(iso) / 1000;
const modelOf = (issues: unknown[], cfg: SiteConfig = config(), now = NOW) =>
  buildSiteModel({ config: cfg, snapshot: SnapshotSchema.parse(snapshot(issues)), postmortemFiles: [], now, demo: false });
const eventsOf = (issues: unknown[], now = NOW) => listNotifyEvents(modelOf(issues, config(), now), now).map((e) => ({ id: e.id, kinds: [...e.kinds] }));

const maintenance = (number: number, start: string, end: string, extra: Partial<Parameters<typeof issue>[0]> = {}) =>
  issue({
    number,
    labels: ['maintenance'],
    body: formBody({ 'Window start (UTC)': start, 'Window end (UTC)': end, 'Affected components': '- [X] CLI' }),
    createdAt: '2026-11-19T09:00:00Z',
    ...extra,
  });

describe('events of the incident process', () => {
  test.each([
    { name: 'declared', issues: [issue({ number: 1 })], events: [{ id: 'incident-1:declared', kinds: ['declared'] }] },
    {
      name: 'status label by a maintainer',
      issues: [issue({ number: 1, labels: ['incident', 'identified'], events: [event('labeled', '2026-11-20T10:30:00Z', { label: 'identified' })] })],
      events: [
        { id: 'incident-1:declared', kinds: ['declared'] },
        { id: `incident-1:status:identified:${epoch('2026-11-20T10:30:00Z')}`, kinds: ['status_changed'] },
      ],
    },
    {
      name: 'a status label by an outsider changes nothing',
      issues: [issue({ number: 1, events: [event('labeled', '2026-11-20T10:30:00Z', { label: 'identified', actor: outsider() })] })],
      events: [{ id: 'incident-1:declared', kinds: ['declared'] }],
    },
    {
      name: 'a plain update',
      issues: [issue({ number: 1, comments: [comment({ id: 71, at: '2026-11-20T10:20:00Z', body: 'Still looking.' })] })],
      events: [
        { id: 'incident-1:declared', kinds: ['declared'] },
        { id: 'incident-1:update:71', kinds: ['update'] },
      ],
    },
    {
      name: 'an update that moves the status is one event of both kinds',
      issues: [issue({ number: 1, comments: [comment({ id: 72, at: '2026-11-20T10:20:00Z', body: 'Status: identified\nThe CDN.' })] })],
      events: [
        { id: 'incident-1:declared', kinds: ['declared'] },
        { id: 'incident-1:update:72', kinds: ['update', 'status_changed'] },
      ],
    },
    {
      name: "an outsider's comment is no update",
      issues: [issue({ number: 1, comments: [comment({ id: 73, at: '2026-11-20T10:20:00Z', author: outsider() })] })],
      events: [{ id: 'incident-1:declared', kinds: ['declared'] }],
    },
    {
      name: 'resolved',
      issues: [closed(issue({ number: 1 }), '2026-11-20T11:00:00Z')],
      events: [
        { id: 'incident-1:declared', kinds: ['declared'] },
        { id: `incident-1:resolved:${epoch('2026-11-20T11:00:00Z')}`, kinds: ['resolved'] },
      ],
    },
    {
      name: 'withdrawn',
      issues: [closed(issue({ number: 1 }), '2026-11-20T11:00:00Z', 'not_planned')],
      events: [
        { id: 'incident-1:declared', kinds: ['declared'] },
        { id: `incident-1:withdrawn:${epoch('2026-11-20T11:00:00Z')}`, kinds: ['withdrawn'] },
      ],
    },
    {
      name: 'reopened, then resolved again: two distinct resolutions',
      issues: [
        {
          ...closed(issue({ number: 1 }), '2026-11-20T11:00:00Z'),
          state: 'closed',
          closedAt: '2026-11-20T13:00:00Z',
          events: [
            event('closed', '2026-11-20T11:00:00Z', { stateReason: 'completed' }),
            event('reopened', '2026-11-20T12:00:00Z'),
            event('closed', '2026-11-20T13:00:00Z', { stateReason: 'completed' }),
          ],
        },
      ],
      events: [
        { id: 'incident-1:declared', kinds: ['declared'] },
        { id: `incident-1:resolved:${epoch('2026-11-20T11:00:00Z')}`, kinds: ['resolved'] },
        { id: `incident-1:reopened:${epoch('2026-11-20T12:00:00Z')}`, kinds: ['status_changed'] },
        { id: `incident-1:resolved:${epoch('2026-11-20T13:00:00Z')}`, kinds: ['resolved'] },
      ],
    },
    { name: "an outsider's form submission is not published, so not announced", issues: [issue({ number: 1, author: outsider() })], events: [] },
    { name: 'embargoed', issues: [issue({ number: 1, labels: ['incident', 'embargoed'] })], events: [] },
    { name: 'maintenance not yet started', issues: [maintenance(5, '2026-11-21 14:00', '2026-11-21 15:00')], events: [] },
    {
      name: 'maintenance in progress',
      issues: [maintenance(5, '2026-11-21 11:00', '2026-11-21 13:00')],
      events: [{ id: 'maintenance-5:started', kinds: ['maintenance_started'] }],
    },
    {
      name: 'maintenance over',
      issues: [maintenance(5, '2026-11-21 09:00', '2026-11-21 10:00')],
      events: [
        { id: 'maintenance-5:started', kinds: ['maintenance_started'] },
        { id: 'maintenance-5:ended', kinds: ['maintenance_ended'] },
      ],
    },
    {
      name: 'maintenance cancelled before it started',
      issues: [closed(maintenance(5, '2026-11-21 14:00', '2026-11-21 15:00'), '2026-11-21T10:00:00Z', 'not_planned')],
      events: [],
    },
  ])('$name', ({ issues, events }) => {
    expect(eventsOf(issues)).toEqual(events);
  });

  test('ids are stable across builds and later changes', () => {
    const first = eventsOf([issue({ number: 1, comments: [comment({ id: 71, at: '2026-11-20T10:20:00Z' })] })]).map((e) => e.id);
    const later = eventsOf(
      [closed(issue({ number: 1, comments: [comment({ id: 71, at: '2026-11-20T10:20:00Z' })] }), '2026-11-21T11:00:00Z')],
      new Date('2026-11-21T12:30:00Z'),
    ).map((e) => e.id);
    expect(later.slice(0, first.length)).toEqual(first);
  });

  test('a maintenance start depends on now', () => {
    const m = maintenance(5, '2026-11-21 14:00', '2026-11-21 15:00');
    expect(eventsOf([m], new Date('2026-11-21T13:59:00Z'))).toEqual([]);
    expect(eventsOf([m], new Date('2026-11-21T14:00:00Z')).map((e) => e.id)).toEqual(['maintenance-5:started']);
  });
});

describe('the message of an event', () => {
  const cfg = config({
    oncall: { rotations: [{ name: 'Europe', start: '03:00', end: '15:00', responders: ['alice', 'bob'] }] },
  });
  const model = modelOf(
    [
      issue({
        number: 12,
        title: 'Installs fail',
        labels: ['incident', 'P0', 'component:cli', 'component:docs'],
        comments: [comment({ id: 90, at: '2026-11-20T10:20:00Z', body: `Status: identified\n**Bad** ${'x'.repeat(2000)}` })],
      }),
    ],
    cfg,
  );
  const ctx = { config: cfg, urls: makeUrls('/status-sub'), absolute: (p: string) => new URL(p, 'https://acme.github.io').href, now: NOW };
  const [declared, update] = listNotifyEvents(model, NOW).map((e) => composeMessage(e, ctx));

  test.each([
    { field: 'headline', declared: 'Incident declared', update: 'Update: now Identified' },
    { field: 'severity', declared: 'P0 · Critical', update: 'P0 · Critical' },
    { field: 'title', declared: 'Installs fail', update: 'Installs fail' },
    { field: 'status', declared: 'Investigating', update: 'Identified' },
    { field: 'onCall', declared: 'Europe: alice, bob', update: 'Europe: alice, bob' },
    { field: 'link', declared: 'https://acme.github.io/status-sub/incidents/12/', update: 'https://acme.github.io/status-sub/incidents/12/' },
  ] as const)('$field', ({ field, declared: d, update: u }) => {
    expect(declared?.[field]).toBe(d);
    expect(update?.[field]).toBe(u);
  });

  test('components by name, in config order', () => {
    expect(update?.components).toEqual(['CLI', 'Documentation']);
  });

  test('the latest update is plain text, capped', () => {
    expect(update?.update.startsWith('Bad x')).toBe(true);
    expect([...(update?.update ?? '')].length).toBe(600);
    expect(update?.update.endsWith('…')).toBe(true);
  });

  test('nobody on call outside every window', () => {
    const night = composeMessage(listNotifyEvents(model, NOW)[0]!, { ...ctx, now: new Date('2026-11-21T20:00:00Z') });
    expect(night.onCall).toBeNull();
  });
});

import { describe, expect, test } from 'vitest';
import type { NotifyEvent } from '../../src/lib/notify/events.ts';
import { channelWants, DEFAULT_DELIVERY_POLICY, planDue, pruneState, recordAttempt } from '../../src/lib/notify/plan.ts';
import { emptyNotifyState, type NotifyState, NotifyStateSchema } from '../../src/lib/schema/notify-state.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const ev = (id: string, at: string, kinds: NotifyEvent['kinds'] = ['declared'], severity: NotifyEvent['severity'] = 'P1'): NotifyEvent =>
  ({ id, at, kinds, severity, components: [], statusText: '', latestUpdate: '', componentChange: null, subject: undefined as never }) as NotifyEvent;
const policy = DEFAULT_DELIVERY_POLICY;
const fail = { ok: false as const, error: 'HTTP 500 from hooks.example', partsDelivered: 0 };

describe('which events a channel wants', () => {
  test.each([
    { name: 'everything by default', channel: {}, event: ev('a', '', ['update'], 'P2'), wants: true },
    { name: 'event filter', channel: { events: ['resolved' as const] }, event: ev('a', '', ['update']), wants: false },
    {
      name: 'either kind of a two-kind event',
      channel: { events: ['status_changed' as const] },
      event: ev('a', '', ['update', 'status_changed']),
      wants: true,
    },
    { name: 'severity filter', channel: { severities: ['P0' as const] }, event: ev('a', '', ['declared'], 'P1'), wants: false },
    { name: 'maintenance passes a severity filter', channel: { severities: ['P0' as const] }, event: ev('a', '', ['maintenance_started'], null), wants: true },
  ])('$name', ({ channel, event, wants }) => {
    expect(channelWants(channel, event)).toBe(wants);
  });
});

describe('what is due', () => {
  const recent = ev('recent', '2026-11-21T11:00:00Z');
  const old = ev('old', '2026-11-19T11:00:00Z');
  const delivered = recordAttempt(emptyNotifyState(NOW), recent, 'slack', { ok: true, parts: 1 }, NOW, policy).state;
  const failingOld = recordAttempt(emptyNotifyState(NOW), old, 'slack', fail, NOW, policy).state;
  test.each([
    { name: 'a recent event, never tried', state: emptyNotifyState(NOW), due: ['recent'], tooOld: 1 },
    { name: 'delivered is never due again', state: delivered, due: [], tooOld: 1 },
    { name: 'another channel still owes it', state: delivered, target: 'discord', due: ['recent'], tooOld: 1 },
    { name: 'an old event already failing is retried', state: failingOld, due: ['old', 'recent'], tooOld: 0 },
  ])('$name', ({ state, target, due, tooOld }) => {
    const plan = planDue([old, recent], target ?? 'slack', () => true, state, NOW, policy);
    expect(plan.due.map((e) => e.id)).toEqual(due);
    expect(plan.tooOld).toBe(tooOld);
  });
});

describe('retries and giving up', () => {
  test.each([
    { name: 'five failed runs', runs: 5, minutesApart: 5, gaveUpAt: 5 },
    { name: 'six hours of failures', runs: 3, minutesApart: 180, gaveUpAt: 3 },
    { name: 'four failed runs are still retried', runs: 4, minutesApart: 5, gaveUpAt: null },
  ])('$name', ({ runs, minutesApart, gaveUpAt }) => {
    let state: NotifyState = emptyNotifyState(NOW);
    let gaveUp: number | null = null;
    for (let run = 1; run <= runs; run += 1) {
      const at = new Date(NOW.getTime() + (run - 1) * minutesApart * 60_000);
      const result = recordAttempt(state, ev('e', '2026-11-21T11:00:00Z'), 'slack', fail, at, policy);
      state = result.state;
      if (result.gaveUp && gaveUp === null) gaveUp = run;
    }
    expect(gaveUp).toBe(gaveUpAt);
    expect(state.deliveries['e']?.channels['slack']?.status).toBe(gaveUpAt ? 'gave_up' : 'failing');
    expect(NotifyStateSchema.parse(state)).toEqual(state);
  });

  test('records of events older than a week are pruned', () => {
    const state = recordAttempt(emptyNotifyState(NOW), ev('e', '2026-11-10T11:00:00Z'), 'slack', { ok: true, parts: 1 }, NOW, policy).state;
    expect(Object.keys(pruneState(state, NOW, policy).deliveries)).toEqual([]);
    expect(Object.keys(pruneState(state, new Date('2026-11-12T00:00:00Z'), policy).deliveries)).toEqual(['e']);
  });
});

import { describe, expect, test } from 'vitest';
import { deriveStatusTimeline, readCommentStatus, statusAt } from '../../src/lib/timeline.ts';
import { closed, comment, config, event, issue, outsider } from '../support/records.ts';

const labels = config().labels;
const T0 = '2026-11-20T10:00:00Z';
const t = (minutes: number): string => new Date(new Date(T0).getTime() + minutes * 60_000).toISOString();
const statuses = (i: ReturnType<typeof issue>) => deriveStatusTimeline(i, labels).map((c) => `${c.status}@${c.source}`);

describe('readCommentStatus', () => {
  test.each([
    { body: 'Status: identified\n\nFound it', expected: 'identified' },
    { body: '**Status:** monitoring', expected: 'monitoring' },
    { body: '  status: INVESTIGATING', expected: 'investigating' },
    { body: 'Status: resolved', expected: 'resolved' },
    { body: 'We are investigating.\nStatus: identified', expected: undefined },
    { body: 'Status: fixed', expected: undefined },
  ])('$body → $expected', ({ body, expected }) => {
    expect(readCommentStatus(body)).toBe(expected);
  });
});

describe('deriveStatusTimeline', () => {
  test.each([
    { name: 'new issue is investigating', record: issue({ number: 1 }), expected: ['investigating@opened'] },
    {
      name: 'status labels move it on',
      record: issue({ number: 1, events: [event('labeled', t(5), { label: 'identified' }), event('labeled', t(9), { label: 'monitoring' })] }),
      expected: ['investigating@opened', 'identified@label', 'monitoring@label'],
    },
    {
      name: 'a status label from an outsider is ignored',
      record: issue({ number: 1, events: [event('labeled', t(5), { label: 'identified', actor: outsider() })] }),
      expected: ['investigating@opened'],
    },
    {
      name: 'trusted comment with Status: line',
      record: issue({ number: 1, comments: [comment({ at: t(3), body: 'Status: identified\n\nDNS' })] }),
      expected: ['investigating@opened', 'identified@comment'],
    },
    {
      name: "an outsider's Status: comment is ignored",
      record: issue({ number: 1, comments: [comment({ at: t(3), body: 'Status: monitoring', author: outsider() })] }),
      expected: ['investigating@opened'],
    },
    { name: 'closing resolves', record: closed(issue({ number: 1 }), t(30)), expected: ['investigating@opened', 'resolved@closed'] },
    {
      name: 'closed as not planned is withdrawn',
      record: closed(issue({ number: 1 }), t(30), 'not_planned'),
      expected: ['investigating@opened', 'withdrawn@closed'],
    },
    {
      name: 'reopening returns to the last active status',
      record: {
        ...issue({
          number: 1,
          events: [event('labeled', t(5), { label: 'identified' }), event('closed', t(10), { stateReason: 'completed' }), event('reopened', t(20))],
        }),
      },
      expected: ['investigating@opened', 'identified@label', 'resolved@closed', 'identified@reopened'],
    },
    {
      name: 'closed without a close event (events not synced) still resolves',
      record: { ...issue({ number: 1 }), state: 'closed' as const, stateReason: 'completed' as const, closedAt: t(40) },
      expected: ['investigating@opened', 'resolved@closed'],
    },
    {
      name: 'open issue with a status label but no events trusts the label',
      record: issue({ number: 1, labels: ['incident', 'monitoring'] }),
      expected: ['investigating@opened', 'monitoring@label'],
    },
    {
      name: 'Status: resolved in a comment does not resolve an open issue',
      record: issue({ number: 1, comments: [comment({ at: t(3), body: 'Status: resolved' })] }),
      expected: ['investigating@opened'],
    },
    {
      name: 'a label added after closing does not reopen',
      record: { ...closed(issue({ number: 1 }), t(10)), events: [event('closed', t(10)), event('labeled', t(12), { label: 'monitoring' })] },
      expected: ['investigating@opened', 'resolved@closed'],
    },
  ])('$name', ({ record, expected }) => {
    expect(statuses(record)).toEqual(expected);
  });

  test('events and comments are merged in time order', () => {
    const record = issue({
      number: 1,
      comments: [comment({ at: t(20), body: 'Status: monitoring' })],
      events: [event('labeled', t(10), { label: 'identified' })],
    });
    expect(statuses(record)).toEqual(['investigating@opened', 'identified@label', 'monitoring@comment']);
  });

  test('statusAt gives the status in force at a time', () => {
    const timeline = deriveStatusTimeline(issue({ number: 1, events: [event('labeled', t(10), { label: 'identified' })] }), labels);
    expect(statusAt(timeline, t(5))).toBe('investigating');
    expect(statusAt(timeline, t(10))).toBe('identified');
    expect(statusAt(timeline, t(99))).toBe('identified');
  });
});

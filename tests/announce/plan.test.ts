/** The announce rules as tables: which comment is sitrep's, what to pin and unpin, what to write. */
import { describe, expect, test } from 'vitest';
import {
  type AnnounceIncident,
  findSitrepComment,
  planComments,
  planPins,
  renderStatusComment,
  type SitrepComment,
  toAnnounceIncidents,
} from '../../src/lib/announce-plan.ts';
import type { Incident } from '../../src/lib/incident.ts';
import { PINNED_MARKER, STATUS_COMMENT_MARKER } from '../../src/lib/sitrep-comment.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number): string => new Date(NOW.getTime() - days * DAY).toISOString();

function incident(number: number, severity: AnnounceIncident['severity'], state: AnnounceIncident['state'] = 'active', endedDaysAgo = 1): AnnounceIncident {
  return {
    number,
    severity,
    state,
    startedAt: ago(30 - number / 10),
    endedAt: state === 'active' ? null : ago(endedDaysAgo),
    pageUrl: `https://s.example/incidents/${number}/`,
    postmortemUrl: null,
  };
}
const pinnedIssue = (number: number) => ({ number, id: `I_${number}` });
const ours = (id: number, pinned = false): SitrepComment => ({ id, body: `${STATUS_COMMENT_MARKER}\n${pinned ? `${PINNED_MARKER}\n` : ''}text`, pinned });

describe('findSitrepComment', () => {
  const isSitrep = (login: string) => login === 'github-actions[bot]' || login === 'maintainer-mia';
  test.each([
    { case: 'the bot’s marked comment', comments: [{ id: 1, author: 'github-actions[bot]', body: `${STATUS_COMMENT_MARKER}\nx` }], found: 1 },
    {
      case: 'a trusted person’s marked comment (a personal token)',
      comments: [{ id: 2, author: 'maintainer-mia', body: `  ${STATUS_COMMENT_MARKER}\nx` }],
      found: 2,
    },
    { case: 'an outsider pasting the marker', comments: [{ id: 3, author: 'drive-by-dan', body: `${STATUS_COMMENT_MARKER}\n${PINNED_MARKER}` }], found: null },
    { case: 'the marker quoted further down', comments: [{ id: 4, author: 'maintainer-mia', body: `see above\n${STATUS_COMMENT_MARKER}` }], found: null },
    {
      case: 'the first of two',
      comments: [
        { id: 5, author: 'github-actions[bot]', body: STATUS_COMMENT_MARKER },
        { id: 6, author: 'github-actions[bot]', body: STATUS_COMMENT_MARKER },
      ],
      found: 5,
    },
  ])('$case', ({ comments, found }) => {
    expect(findSitrepComment(comments, isSitrep)?.id ?? null).toBe(found);
  });

  test('reads the pin marker', () => {
    expect(findSitrepComment([{ id: 1, author: 'github-actions[bot]', body: `${STATUS_COMMENT_MARKER}\n${PINNED_MARKER}\nx` }], isSitrep)).toEqual({
      id: 1,
      body: expect.any(String),
      pinned: true,
    });
  });
});

describe('planPins', () => {
  test.each([
    { case: 'pins an active P0 when there is room', incidents: [incident(7, 'P0')], pinned: [], comments: {}, pin: [7], unpin: [], notPinned: [] },
    { case: 'never pins a P2', incidents: [incident(7, 'P2')], pinned: [], comments: {}, pin: [], unpin: [], notPinned: [] },
    {
      case: 'leaves an already pinned incident alone',
      incidents: [incident(7, 'P1')],
      pinned: [7],
      comments: { 7: ours(70, true) },
      pin: [],
      unpin: [],
      notPinned: [],
    },
    {
      case: 'unpins its own pin once resolved',
      incidents: [incident(7, 'P1', 'resolved')],
      pinned: [7],
      comments: { 7: ours(70, true) },
      pin: [],
      unpin: [7],
      notPinned: [],
    },
    {
      case: 'unpins its own pin when downgraded to P2',
      incidents: [incident(7, 'P2')],
      pinned: [7],
      comments: { 7: ours(70, true) },
      pin: [],
      unpin: [7],
      notPinned: [],
    },
    {
      case: 'unpins its own pin when no longer published (embargoed)',
      incidents: [],
      pinned: [7],
      comments: { 7: ours(70, true) },
      pin: [],
      unpin: [7],
      notPinned: [],
    },
    {
      case: 'never unpins a pin it did not make',
      incidents: [incident(7, 'P1', 'resolved')],
      pinned: [7],
      comments: { 7: ours(70) },
      pin: [],
      unpin: [],
      notPinned: [],
    },
    {
      case: 'no room among three human pins',
      incidents: [incident(7, 'P0')],
      pinned: [1, 2, 3],
      comments: {},
      pin: [],
      unpin: [],
      notPinned: [[7, 'no-room']],
    },
    {
      case: 'makes room by unpinning its own resolved pin first',
      incidents: [incident(7, 'P0'), incident(3, 'P1', 'resolved')],
      pinned: [1, 2, 3],
      comments: { 3: ours(30, true) },
      pin: [7],
      unpin: [3],
      notPinned: [],
    },
    {
      case: 'P0 before P1, newest first, while room lasts',
      incidents: [incident(4, 'P1'), incident(5, 'P0'), incident(6, 'P1')],
      pinned: [1],
      comments: {},
      pin: [5, 6],
      unpin: [],
      notPinned: [[4, 'no-room']],
    },
    {
      case: 'does not pin again what someone unpinned by hand',
      incidents: [incident(7, 'P0')],
      pinned: [],
      comments: { 7: ours(70, true) },
      pin: [],
      unpin: [],
      notPinned: [[7, 'unpinned-by-hand']],
    },
  ])('$case', ({ incidents, pinned, comments, pin, unpin, notPinned }) => {
    const plan = planPins({ incidents, pinned: pinned.map(pinnedIssue), sitrepComments: new Map(Object.entries(comments).map(([n, c]) => [Number(n), c])) });
    expect(plan.pin).toEqual(pin);
    expect(plan.unpin.map((p) => p.number)).toEqual(unpin);
    expect(plan.notPinned.map((n) => [n.number, n.why])).toEqual(notPinned);
  });

  test('says which issues hold the pins when there is no room', () => {
    const plan = planPins({ incidents: [incident(9, 'P1')], pinned: [1, 2, 3].map(pinnedIssue), sitrepComments: new Map() });
    expect(plan.notPinned[0]?.reason).toBe(
      '#9 (P1) not pinned: the repository already has 3 pinned issues (#1, #2, #3), and sitrep unpins only issues it pinned itself; unpin one to make room',
    );
  });
});

describe('planComments', () => {
  const plan = (
    incidents: AnnounceIncident[],
    comments: Record<number, SitrepComment> = {},
    pins: { pinned?: number[]; unpinned?: number[] } = {},
    maxWrites?: number,
  ) =>
    planComments({
      incidents,
      sitrepComments: new Map(Object.entries(comments).map(([n, c]) => [Number(n), c])),
      pinnedNow: new Set(pins.pinned ?? []),
      unpinnedNow: new Set(pins.unpinned ?? []),
      now: NOW,
      ...(maxWrites !== undefined ? { maxWrites } : {}),
    });

  test.each([
    { case: 'creates one for an active incident', incident: incident(7, 'P2'), existing: null, write: 'create' },
    { case: 'creates one for an incident resolved 6 days ago', incident: incident(7, 'P2', 'resolved', 6), existing: null, write: 'create' },
    { case: 'creates none for an incident resolved 8 days ago', incident: incident(7, 'P2', 'resolved', 8), existing: null, write: null },
    { case: 'edits an out-of-date one, however old', incident: incident(7, 'P2', 'resolved', 400), existing: ours(70), write: 'edit' },
    {
      case: 'leaves an up-to-date one alone',
      incident: incident(7, 'P2'),
      existing: { id: 70, body: renderStatusComment(incident(7, 'P2'), false), pinned: false },
      write: null,
    },
    {
      case: 'ignores line-ending differences',
      incident: incident(7, 'P2'),
      existing: { id: 70, body: `${renderStatusComment(incident(7, 'P2'), false).replace(/\n/g, '\r\n')}\n`, pinned: false },
      write: null,
    },
  ])('$case', ({ incident: i, existing, write }) => {
    const { writes } = plan([i], existing ? { [i.number]: existing } : {});
    expect(writes.map((w) => (w.commentId === null ? 'create' : 'edit'))).toEqual(write ? [write] : []);
  });

  test.each([
    { case: 'pinned this run', existing: null, pins: { pinned: [7] }, marker: true },
    { case: 'pinned before, still', existing: ours(70, true), pins: {}, marker: true },
    { case: 'unpinned by sitrep this run', existing: ours(70, true), pins: { unpinned: [7] }, marker: false },
    { case: 'never pinned', existing: null, pins: {}, marker: false },
  ])('the pin marker: $case', ({ existing, pins, marker }) => {
    const i = incident(7, 'P0');
    const body = plan([i], existing ? { 7: existing } : {}, pins).writes[0]?.body ?? existing?.body ?? '';
    expect(body.includes(PINNED_MARKER)).toBe(marker);
  });

  test('active incidents first, then the most recently ended; the rest deferred', () => {
    const { writes, deferred } = plan([incident(1, 'P2', 'resolved', 3), incident(2, 'P2'), incident(3, 'P2', 'resolved', 1), incident(4, 'P1')], {}, {}, 3);
    expect(writes.map((w) => w.number)).toEqual([4, 2, 3]);
    expect(deferred).toBe(1);
  });
});

describe('renderStatusComment', () => {
  test.each([
    { state: 'active' as const, text: /^\*\*Status page:\*\* this incident is on the \[status page\]\(https:\/\/s\.example\/incidents\/7\/\)/m },
    { state: 'resolved' as const, text: /^\*\*Resolved\.\*\* The \[status page\]/m },
    { state: 'withdrawn' as const, text: /^\*\*Withdrawn\*\* \(closed as not planned\)/m },
  ])('$state', ({ state, text }) => {
    const body = renderStatusComment(incident(7, 'P1', state), false);
    expect(body.split('\n')[0]).toBe(STATUS_COMMENT_MARKER);
    expect(body).toMatch(text);
    expect(body).not.toContain(PINNED_MARKER);
  });

  test('links the post-mortem once there is one', () => {
    expect(renderStatusComment({ ...incident(7, 'P1', 'resolved'), postmortemUrl: 'https://s.example/postmortems/7/' }, false)).toContain(
      'Post-mortem: https://s.example/postmortems/7/',
    );
  });
});

test('toAnnounceIncidents links pages under the published base path', () => {
  const base = {
    number: 12,
    severity: 'P1',
    active: false,
    withdrawn: false,
    startedAt: ago(2),
    resolvedAt: ago(1),
    withdrawnAt: null,
    updatedAt: ago(1),
  } as unknown as Incident;
  expect(toAnnounceIncidents([base], new Set([12]), 'https://acme.github.io/status')).toEqual([
    {
      number: 12,
      severity: 'P1',
      state: 'resolved',
      startedAt: ago(2),
      endedAt: ago(1),
      pageUrl: 'https://acme.github.io/status/incidents/12/',
      postmortemUrl: 'https://acme.github.io/status/postmortems/12/',
    },
  ]);
  expect(toAnnounceIncidents([base], new Set(), 'https://status.acme.org')[0]?.pageUrl).toBe('https://status.acme.org/incidents/12/');
});

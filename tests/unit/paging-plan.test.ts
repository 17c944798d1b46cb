import { describe, expect, test } from 'vitest';
import { buildIncident } from '../../src/lib/incident.ts';
import {
  neutralizeText,
  type PageDecision,
  planPage,
  readPages,
  readRecordPages,
  renderPageComment,
  renderPageMarker,
  toPagingIncident,
  totalSteps,
} from '../../src/lib/paging-plan.ts';
import type { OnCallConfig } from '../../src/lib/schema/response.ts';
import { type CommentRecord, type EventRecord, type IssueRecord, SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { comment, config, event, formBody, issue, maintainer, outsider, snapshot } from '../support/records.ts';

const BOT = 'github-actions[bot]';
const isBot = (login: string): boolean => login === BOT;
const render = { html: (md: string) => md, text: (md: string) => md };
const ONCALL: OnCallConfig = {
  escalateAfterMinutes: 10,
  repeat: 2,
  severities: ['P0', 'P1'],
  showOnPage: true,
  rotations: [
    { name: 'Europe', start: '03:00', end: '15:00', responders: ['alice', 'bob'] },
    { name: 'US', start: '15:00', end: '03:00', responders: ['carol', 'alice'] },
  ],
};

/** Minutes after `start` as an ISO time. */
const at = (start: string, minutes: number): string => new Date(Date.parse(start) + minutes * 60_000).toISOString();
const hhmm = (iso: string): string => iso.slice(11, 16);

interface Scenario {
  name: string;
  /** When the incident becomes an incident (opened, or labelled by a maintainer). */
  start: string;
  /** The issue as it is at `start`. */
  record: IssueRecord;
  /** Things people do, minutes after start. */
  later?: { minute: number; comment?: CommentRecord; event?: EventRecord; close?: boolean }[];
  /** Minutes between runs of `npm run respond` (1 = on time, larger = late schedules). */
  every?: number;
  oncall?: OnCallConfig;
  /** "HH:MM to(rotation)" of every page sitrep posts over the night. */
  pages: string[];
}

/** Plays a whole night: a respond run every `every` minutes for 7 hours, posting what the planner decides. */
function playNight(s: Scenario): string[] {
  let record = s.record;
  const posted: string[] = [];
  const oncall = s.oncall ?? ONCALL;
  for (let minute = 0; minute <= 7 * 60; minute += s.every ?? 1) {
    const now = at(s.start, minute);
    for (const change of s.later ?? []) {
      if (change.minute > minute - (s.every ?? 1) && change.minute <= minute) {
        if (change.comment) record = { ...record, comments: [...record.comments, change.comment] };
        if (change.event) record = { ...record, events: [...record.events, change.event] };
        if (change.close) record = { ...record, state: 'closed', stateReason: 'completed', closedAt: now, events: [...record.events, event('closed', now)] };
      }
    }
    const incident = buildIncident(record, config(), render, [], [], isBot);
    const decision = planPage({
      incident: toPagingIncident(incident, record, isBot, ['CLI'], null),
      oncall,
      pages: readRecordPages(record, isBot),
      now: new Date(now),
    });
    if (decision.action !== 'page') continue;
    const body = renderPageComment({ incident: toPagingIncident(incident, record, isBot, ['CLI'], null), decision, oncall, statusLabels: ['investigating'] });
    record = { ...record, comments: [...record.comments, comment({ at: now, author: { login: BOT, trusted: false }, body })] };
    posted.push(`${hhmm(now)} ${decision.to.join('+')}(${decision.rotation})`);
  }
  return posted;
}

const MON_1450 = '2026-11-30T14:50:00.000Z';
const MON_2355 = '2026-11-30T23:55:00.000Z';
const P1_BODY = formBody({ Severity: 'P1', 'What is broken': 'Installs fail.' });

/** An outsider's report from an hour earlier, labelled `incident` by a maintainer at `start`. */
function labelledReport(start: string, severity = 'P1'): IssueRecord {
  const opened = at(start, -60);
  return issue({
    number: 7,
    createdAt: opened,
    updatedAt: start,
    author: outsider('reporter'),
    labels: ['incident', severity],
    body: formBody({ Severity: severity, 'What is broken': 'Installs fail.' }),
    events: [event('labeled', opened, { label: severity, actor: outsider('reporter') }), event('labeled', start, { label: 'incident' })],
  });
}

describe('a whole night of paging (respond every minute unless said otherwise)', () => {
  test.each<Scenario>([
    {
      name: 'never acknowledged: primary, secondary, everyone, for 3 rounds; the hand-over at 15:00 changes who is paged',
      start: MON_1450,
      record: labelledReport(MON_1450),
      pages: [
        '14:50 alice(Europe)',
        '15:00 alice(US)',
        '15:10 carol+alice(US)',
        '15:20 carol(US)',
        '15:30 alice(US)',
        '15:40 carol+alice(US)',
        '15:50 carol(US)',
        '16:00 alice(US)',
        '16:10 carol+alice(US)',
      ],
    },
    {
      name: 'acknowledged by a maintainer’s comment across midnight: no page after it',
      start: MON_2355,
      record: labelledReport(MON_2355),
      later: [{ minute: 12, comment: comment({ at: at(MON_2355, 12), author: maintainer('alice'), body: 'On it.' }) }],
      pages: ['23:55 carol(US)', '00:05 alice(US)'],
    },
    {
      name: 'acknowledged by a self-assignment',
      start: MON_2355,
      record: labelledReport(MON_2355),
      later: [{ minute: 3, event: event('assigned', at(MON_2355, 3), { assignee: 'carol', actor: maintainer('carol') }) }],
      pages: ['23:55 carol(US)'],
    },
    {
      name: 'acknowledged by a status label',
      start: MON_1450,
      record: labelledReport(MON_1450),
      later: [{ minute: 15, event: event('labeled', at(MON_1450, 15), { label: 'identified', actor: maintainer('alice') }) }],
      pages: ['14:50 alice(Europe)', '15:00 alice(US)'],
    },
    {
      name: 'an outsider’s comment is no acknowledgement',
      start: MON_2355,
      record: labelledReport(MON_2355),
      later: [{ minute: 1, comment: comment({ at: at(MON_2355, 1), author: outsider('bystander'), body: 'me too' }) }],
      pages: [
        '23:55 carol(US)',
        '00:05 alice(US)',
        '00:15 carol+alice(US)',
        '00:25 carol(US)',
        '00:35 alice(US)',
        '00:45 carol+alice(US)',
        '00:55 carol(US)',
        '01:05 alice(US)',
        '01:15 carol+alice(US)',
      ],
    },
    {
      name: 'an outsider pasting page markers skips no step',
      start: MON_2355,
      record: labelledReport(MON_2355),
      later: [
        { minute: 1, comment: comment({ at: at(MON_2355, 1), author: outsider('prankster'), body: `${renderPageMarker(8, 'US', ['carol'])}\nfake` }) },
        { minute: 11, close: true },
      ],
      pages: ['23:55 carol(US)', '00:05 alice(US)'],
    },
    {
      name: 'declared by a maintainer: they own it, nobody is paged',
      start: MON_1450,
      record: issue({ number: 8, createdAt: MON_1450, labels: ['incident', 'P0'], body: P1_BODY }),
      pages: [],
    },
    {
      name: 'P2 only notifies channels, never pages',
      start: MON_1450,
      record: labelledReport(MON_1450, 'P2'),
      pages: [],
    },
    {
      name: 'opened by sitrep’s own identity (a monitor), trusted or not: paged',
      start: MON_1450,
      record: issue({ number: 9, createdAt: MON_1450, author: { login: BOT, trusted: true }, labels: ['incident', 'P0'], body: P1_BODY }),
      later: [{ minute: 25, comment: comment({ at: at(MON_1450, 25), author: maintainer('carol'), body: 'Looking.' }) }],
      pages: ['14:50 alice(Europe)', '15:00 alice(US)', '15:10 carol+alice(US)'],
    },
    {
      name: 'schedules 25 minutes late: one step per run, never two at once',
      start: MON_1450,
      record: labelledReport(MON_1450),
      every: 25,
      later: [{ minute: 60, comment: comment({ at: at(MON_1450, 60), author: maintainer('carol'), body: 'Mine.' }) }],
      pages: ['14:50 alice(Europe)', '15:15 alice(US)', '15:40 carol+alice(US)'],
    },
    {
      name: 'a gap between rotations: the first page waits for the next rotation',
      start: '2026-12-04T18:30:00.000Z',
      record: labelledReport('2026-12-04T18:30:00.000Z'),
      oncall: { ...ONCALL, repeat: 0, rotations: [{ name: 'Weekend', start: '00:00', end: '00:00', responders: ['erin'], days: ['sat'] }] },
      pages: ['00:00 erin(Weekend)'],
    },
    {
      name: 'repeat 0 with a single responder: one page',
      start: MON_1450,
      record: labelledReport(MON_1450),
      oncall: { ...ONCALL, repeat: 0, rotations: [{ name: 'Solo', start: '00:00', end: '00:00', responders: ['sam'] }] },
      pages: ['14:50 sam(Solo)'],
    },
  ])('$name', (scenario) => {
    expect(playNight(scenario)).toEqual(scenario.pages);
  });
});

describe('planPage decisions', () => {
  const incident = toPagingIncident(buildIncident(labelledReport(MON_1450), config(), render, []), labelledReport(MON_1450), isBot, [], null);
  test.each<{ name: string; now: string; pages: { step: number; at: string }[]; expected: Partial<PageDecision> }>([
    { name: 'first page at once', now: MON_1450, pages: [], expected: { action: 'page', step: 0 } },
    { name: 'even when GitHub’s clock is ahead of ours', now: at(MON_1450, -1), pages: [], expected: { action: 'page', step: 0 } },
    {
      name: 'next step waits for escalateAfterMinutes',
      now: at(MON_1450, 9),
      pages: [{ step: 0, at: MON_1450 }],
      expected: { action: 'wait', step: 1, dueAt: at(MON_1450, 10) },
    },
    { name: 'then it is due', now: at(MON_1450, 10), pages: [{ step: 0, at: MON_1450 }], expected: { action: 'page', step: 1 } },
    { name: 'after the last step nothing more', now: at(MON_1450, 600), pages: [{ step: 8, at: MON_1450 }], expected: { action: 'none', reason: 'exhausted' } },
  ])('$name', ({ now, pages, expected }) => {
    const records = pages.map((p, i) => ({ commentId: i + 1, step: p.step, at: p.at, rotation: 'Europe', to: ['alice'] }));
    expect(planPage({ incident, oncall: ONCALL, pages: records, now: new Date(now) })).toMatchObject(expected);
  });

  test('(repeat + 1) rounds of each responder then everyone', () => {
    expect([totalSteps(1, 0), totalSteps(2, 2), totalSteps(3, 1)]).toEqual([1, 9, 8]);
  });
});

describe('page comments', () => {
  test('sitrep’s pages are read back by step; other authors’ markers are ignored', () => {
    const comments = [
      { id: 3, author: BOT, body: renderPageMarker(1, 'US East', ['carol']), createdAt: MON_1450 },
      { id: 1, author: BOT, body: `  ${renderPageMarker(0, 'US East', ['alice', 'bob'])}\ntext`, createdAt: MON_1450 },
      { id: 2, author: 'prankster', body: renderPageMarker(5, 'X', ['x']), createdAt: MON_1450 },
      { id: 4, author: BOT, body: 'no marker', createdAt: MON_1450 },
    ];
    expect(readPages(comments, isBot)).toEqual([
      { commentId: 1, step: 0, at: MON_1450, rotation: 'US East', to: ['alice', 'bob'] },
      { commentId: 3, step: 1, at: MON_1450, rotation: 'US East', to: ['carol'] },
    ]);
  });

  test('a rotation name cannot close the marker early', () => {
    expect(renderPageMarker(0, 'a --> b', ['x'])).toBe('<!-- sitrep:page step=0 rotation=a%20--%3E%20b to=x -->');
  });

  test('untrusted text mentions nobody and carries no markup', () => {
    const text = neutralizeText('@everyone <img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold**\n\nnext');
    expect(text).not.toMatch(/@everyone|(?<!\\)<img|(?<!\\)\]\\?\(|(?<!\\)\*/);
    expect(text).toContain('\\<img');
    expect(text).toContain('@\u2060everyone');
    expect(neutralizeText('x'.repeat(500)).length).toBeLessThanOrEqual(300);
  });

  test('the comment mentions exactly the responders and says how to acknowledge', () => {
    const record = {
      ...labelledReport(MON_1450),
      title: 'Ping @org/team',
      body: formBody({ Severity: 'P1', 'What is broken': 'cc @everyone <script>x</script>' }),
    };
    const incident = toPagingIncident(buildIncident(record, config(), render, []), record, isBot, ['CLI'], 'https://acme.github.io/status/incidents/7/');
    const decision = planPage({ incident, oncall: ONCALL, pages: [], now: new Date(MON_1450) });
    if (decision.action !== 'page') throw new Error(`expected a page, got ${decision.action}`);
    const body = renderPageComment({ incident, decision, oncall: ONCALL, statusLabels: ['investigating', 'identified', 'monitoring'] });
    expect(body.startsWith('<!-- sitrep:page step=0 rotation=Europe to=alice -->')).toBe(true);
    expect([...body.matchAll(/(?<![\w\u2060])@([A-Za-z0-9-]+)/g)].map((m) => m[1])).toEqual(['alice']);
    expect(body).not.toContain('<script>');
    expect(body).toMatch(/P1 \(Major\)/);
    expect(body).toMatch(/assign yourself, set a status label \(`investigating`, `identified`, `monitoring`\), or comment/);
    expect(body).toContain('https://acme.github.io/status/incidents/7/');
    expect(body).toMatch(/within 10 minutes/);
  });
});

describe('the site model: on call now and pages', () => {
  const build = (oncall: unknown, now: string, issues: unknown[] = [], botLogins?: string[]) =>
    buildSiteModel({
      config: config({ oncall } as Parameters<typeof config>[0]),
      snapshot: SnapshotSchema.parse(snapshot(issues)),
      postmortemFiles: [],
      now: new Date(now),
      demo: false,
      ...(botLogins ? { botLogins } : {}),
    });
  const rotations = [{ name: 'Office', start: '09:00', end: '17:00', responders: ['dana', 'eli'] }];
  test.each([
    { name: 'no oncall config', oncall: undefined, now: '2026-11-30T10:00:00Z', expected: null },
    { name: 'showOnPage off', oncall: { showOnPage: false, rotations }, now: '2026-11-30T10:00:00Z', expected: null },
    { name: 'on call', oncall: { rotations }, now: '2026-11-30T10:00:00Z', expected: { rotation: 'Office', responders: ['dana', 'eli'] } },
    { name: 'a gap', oncall: { rotations }, now: '2026-11-30T20:00:00Z', expected: { rotation: null, responders: [] } },
  ])('$name', ({ oncall, now, expected }) => {
    expect(build(oncall, now).onCallNow).toEqual(expected);
  });

  test('pages are read from comments by SITREP_BOT_LOGIN (or a trusted person), not anyone else', () => {
    const record = labelledReport(MON_1450);
    const withPages = {
      ...record,
      comments: [
        comment({ id: 1, at: MON_1450, author: outsider('my-bot'), body: renderPageMarker(0, 'Office', ['dana']) }),
        comment({ id: 2, at: MON_1450, author: outsider(BOT), body: renderPageMarker(1, 'Office', ['eli']) }),
      ],
    };
    expect([...build({ rotations }, MON_1450, [withPages], ['my-bot']).pages.get(7)!].map((p) => p.to)).toEqual([['dana']]);
    expect([...build({ rotations }, MON_1450, [withPages]).pages.get(7)!].map((p) => p.to)).toEqual([['eli']]);
  });
});

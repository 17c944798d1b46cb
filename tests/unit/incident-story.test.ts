import { describe, expect, test } from 'vitest';
import { buildIncident } from '../../src/lib/incident.ts';
import { describeClosing, describeNextUpdate, describeStatusChange, findLatestNews } from '../../src/lib/incident-story.ts';
import type { StatusChange } from '../../src/lib/timeline.ts';
import { closed, comment, config, issue } from '../support/records.ts';

const render = { html: (md: string) => `<p>${md}</p>`, text: (md: string) => md };
const T0 = '2026-11-20T09:00:00.000Z';
const t = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const build = (record: ReturnType<typeof issue>) => buildIncident(record, config(), render, []);

describe('describeStatusChange', () => {
  test.each<{ change: StatusChange; text: string }>([
    { change: { status: 'investigating', at: T0, by: 'ada', source: 'opened' }, text: 'Opened by ada' },
    { change: { status: 'identified', at: T0, by: 'grace-h', source: 'label' }, text: 'Identified by grace-h' },
    { change: { status: 'monitoring', at: T0, by: 'grace-h', source: 'comment' }, text: 'Monitoring by grace-h in an update' },
    { change: { status: 'resolved', at: T0, by: 'ada', source: 'closed' }, text: 'Resolved by ada' },
    { change: { status: 'withdrawn', at: T0, by: 'unknown', source: 'closed' }, text: 'Withdrawn' },
    { change: { status: 'identified', at: T0, by: 'ada', source: 'reopened' }, text: 'Reopened by ada (Identified)' },
  ])('$text', ({ change, text }) => {
    expect(describeStatusChange(change)).toBe(text);
  });
});

describe('closing entry and latest news', () => {
  const open = issue({ number: 1, createdAt: T0, comments: [comment({ id: 5, at: t(10), body: 'Looking.' })] });
  test.each([
    { name: 'active: the newest update', record: open, closing: null, latest: 'update' },
    { name: 'resolved: ends with "Resolved"', record: closed(open, t(30)), closing: 'resolved', latest: 'closing' },
    { name: 'a false alarm: ends with "Withdrawn"', record: closed(open, t(30), 'not_planned'), closing: 'withdrawn', latest: 'closing' },
    { name: 'nothing posted yet', record: issue({ number: 2, createdAt: T0 }), closing: null, latest: 'none' },
  ])('$name', ({ record, closing, latest }) => {
    const incident = build(record);
    expect(describeClosing(incident)?.status ?? null).toBe(closing);
    expect(findLatestNews(incident).kind).toBe(latest);
  });
});

describe('describeNextUpdate', () => {
  const promised = issue({ number: 3, createdAt: T0, comments: [comment({ at: t(10), body: 'Rolling back.\nNext update: in 30 minutes' })] });
  test.each([
    { name: 'before the promised time', now: t(39), overdue: false },
    { name: 'after it', now: t(41), overdue: true },
  ])('$name', ({ now, overdue }) => {
    expect(describeNextUpdate(build(promised), now)).toMatchObject({ dueAt: t(40), overdue });
  });

  test('a resolved incident promises nothing', () => {
    expect(describeNextUpdate(build(closed(promised, t(20))), t(90))).toBeNull();
  });
});

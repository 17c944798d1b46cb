import { describe, expect, test } from 'vitest';
import { readCommentFields, readDueTime, readLatestFields } from '../../src/lib/comment-fields.ts';

const T0 = '2026-11-20T09:39:00.000Z';
const t = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe('readCommentFields', () => {
  test.each([
    {
      name: 'all three lines',
      body: 'Deploying.\nWorkaround: pin 1.2.3\nExpected fix: within 2 hours\nNext update: in 30 minutes',
      expected: { workaround: 'pin 1.2.3', eta: 'within 2 hours', nextUpdate: 'in 30 minutes' },
    },
    {
      name: 'bold labels, any case',
      body: '**Expected fix:** tonight\n__workaround__: use `--legacy`',
      expected: { eta: 'tonight', workaround: 'use `--legacy`' },
    },
    { name: 'the last repeated line wins', body: 'Workaround: a\nWorkaround: b', expected: { workaround: 'b' } },
    { name: 'an empty value is ignored', body: 'Workaround:\nNext update:   ', expected: {} },
    { name: 'mid-sentence mentions are not fields', body: 'The workaround: none yet, sorry', expected: {} },
    { name: 'no field lines', body: 'Still looking.', expected: {} },
  ])('$name', ({ body, expected }) => {
    expect(readCommentFields(body)).toEqual(expected);
  });
});

describe('readDueTime', () => {
  test.each([
    { text: 'in 30 minutes', due: t(30) },
    { text: '45 min', due: t(45) },
    { text: 'within 2 hours', due: t(120) },
    { text: 'in 1h', due: t(60) },
    { text: '10:30 UTC', due: '2026-11-20T10:30:00.000Z' },
    { text: 'by 08:00 UTC', due: '2026-11-21T08:00:00.000Z' },
    { text: '2026-11-20T12:00:00Z', due: '2026-11-20T12:00:00.000Z' },
    { text: 'after the deploy', due: null },
    { text: '10:30', due: null },
  ])('$text', ({ text, due }) => {
    expect(readDueTime(text, T0)).toBe(due);
  });
});

describe('readLatestFields', () => {
  const form = { workaround: 'Use the mirror.', eta: 'Unknown' };
  test('the form gives the first value, said at opening', () => {
    expect(readLatestFields(form, T0, [])).toEqual({
      workaround: { markdown: 'Use the mirror.', saidAt: T0 },
      eta: { markdown: 'Unknown', saidAt: T0 },
      nextUpdate: null,
    });
  });

  test('each update with a line replaces it, whatever order they come in', () => {
    const updates = [
      { createdAt: t(20), body: 'Expected fix: within 2 hours' },
      { createdAt: t(10), body: 'Workaround: pin 1.2.3\nExpected fix: tomorrow' },
    ];
    const latest = readLatestFields(form, T0, updates);
    expect(latest.workaround).toEqual({ markdown: 'pin 1.2.3', saidAt: t(10) });
    expect(latest.eta).toEqual({ markdown: 'within 2 hours', saidAt: t(20) });
  });

  test.each([
    {
      name: 'promised in the newest update',
      updates: [{ createdAt: t(5), body: 'Next update: in 30 minutes' }],
      expected: { markdown: 'in 30 minutes', saidAt: t(5), dueAt: t(35) },
    },
    {
      name: 'a later update without a promise keeps none',
      updates: [
        { createdAt: t(5), body: 'Next update: in 30 minutes' },
        { createdAt: t(20), body: 'Fixed the config.' },
      ],
      expected: null,
    },
    {
      name: 'an unreadable time is kept without a due time',
      updates: [{ createdAt: t(5), body: 'Next update: after the deploy' }],
      expected: { markdown: 'after the deploy', saidAt: t(5), dueAt: null },
    },
  ])('next update: $name', ({ updates, expected }) => {
    expect(readLatestFields({ workaround: null, eta: null }, T0, updates).nextUpdate).toEqual(expected);
  });
});

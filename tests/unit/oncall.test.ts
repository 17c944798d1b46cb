import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/data/load-config.ts';
import { findOnCall, findRotationOverlaps, type Rotation } from '../../src/lib/oncall.ts';
import { configProblems, MINIMAL_CONFIG } from '../support/config-text.ts';

const FOLLOW_THE_SUN: Rotation[] = [
  { name: 'Europe', start: '03:00', end: '15:00', responders: ['alice', 'bob'] },
  { name: 'US', start: '15:00', end: '03:00', responders: ['carol', 'alice'] },
];

// 2026-11-30 is a Monday.
describe('findOnCall: follow the sun (Europe 03–15, US 15–03 crossing midnight)', () => {
  test.each([
    { at: '2026-11-30T03:00:00Z', who: 'Europe', why: 'the start minute belongs to the window' },
    { at: '2026-11-30T14:59:00Z', who: 'Europe', why: 'the last minute before the hand-over' },
    { at: '2026-11-30T15:00:00Z', who: 'US', why: 'the end minute belongs to the next window' },
    { at: '2026-11-30T23:59:00Z', who: 'US', why: 'just before midnight' },
    { at: '2026-12-01T00:00:00Z', who: 'US', why: 'midnight: still the window that started yesterday' },
    { at: '2026-12-01T02:59:59Z', who: 'US', why: 'seconds do not move the hand-over' },
    { at: '2026-12-01T03:00:00Z', who: 'Europe', why: 'the morning hand-over' },
    { at: '2026-12-06T23:30:00Z', who: 'US', why: 'a Sunday night crossing into Monday (week wrap)' },
    { at: '2026-11-30T01:00:00Z', who: 'US', why: 'Monday 01:00 belongs to Sunday’s window (week wrap backwards)' },
  ])('$at → $who ($why)', ({ at, who }) => {
    const found = findOnCall({ rotations: FOLLOW_THE_SUN }, new Date(at));
    expect(found?.rotation).toBe(who);
    expect(found?.responders).toEqual(FOLLOW_THE_SUN.find((r) => r.name === who)?.responders);
  });
});

describe('findOnCall: gaps, days and all-day windows', () => {
  const weekdays: Rotation[] = [
    { name: 'Office', start: '08:00', end: '18:00', responders: ['dana'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    { name: 'Weekend', start: '00:00', end: '00:00', responders: ['erin', 'finn'], days: ['sat', 'sun'] },
  ];
  const nights: Rotation[] = [{ name: 'Nights', start: '22:00', end: '06:00', responders: ['gus'], days: ['fri'] }];
  test.each([
    { rotations: weekdays, at: '2026-11-30T07:59:00Z', who: null, why: 'a gap before the office opens' },
    { rotations: weekdays, at: '2026-11-30T08:00:00Z', who: 'Office', why: 'Monday 08:00' },
    { rotations: weekdays, at: '2026-12-04T17:59:00Z', who: 'Office', why: 'Friday 17:59' },
    { rotations: weekdays, at: '2026-12-04T18:00:00Z', who: null, why: 'Friday evening: a gap until the weekend' },
    { rotations: weekdays, at: '2026-12-05T00:00:00Z', who: 'Weekend', why: 'equal start and end: the whole Saturday' },
    { rotations: weekdays, at: '2026-12-06T23:59:00Z', who: 'Weekend', why: 'the end of Sunday' },
    { rotations: weekdays, at: '2026-12-07T00:00:00Z', who: null, why: 'Monday 00:00: the weekend is over' },
    { rotations: nights, at: '2026-12-04T23:00:00Z', who: 'Nights', why: 'Friday night' },
    { rotations: nights, at: '2026-12-05T05:59:00Z', who: 'Nights', why: 'a Friday window runs into Saturday morning' },
    { rotations: nights, at: '2026-12-05T23:00:00Z', who: null, why: 'Saturday night is not a listed start day' },
    { rotations: nights, at: '2026-12-04T05:00:00Z', who: null, why: 'Friday morning belongs to Thursday, not listed' },
  ])('$at → $who ($why)', ({ rotations, at, who }) => {
    expect(findOnCall({ rotations }, new Date(at))?.rotation ?? null).toBe(who);
  });
});

describe('findRotationOverlaps', () => {
  test.each<{ name: string; rotations: Rotation[]; problems: string[] }>([
    { name: 'follow the sun', rotations: FOLLOW_THE_SUN, problems: [] },
    {
      name: 'one hour of double cover',
      rotations: [FOLLOW_THE_SUN[0]!, { ...FOLLOW_THE_SUN[1]!, start: '14:00' }],
      problems: ['rotations "Europe" and "US" overlap (both on call mon 14:00 UTC)'],
    },
    {
      name: 'a midnight-crossing window into the next morning',
      rotations: [
        { name: 'Late', start: '20:00', end: '04:00', responders: ['a'] },
        { name: 'Early', start: '03:00', end: '10:00', responders: ['b'] },
      ],
      problems: ['rotations "Late" and "Early" overlap (both on call tue 03:00 UTC)'],
    },
    {
      name: 'same hours on different days',
      rotations: [
        { name: 'Weekdays', start: '00:00', end: '00:00', responders: ['a'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
        { name: 'Weekend', start: '00:00', end: '00:00', responders: ['b'], days: ['sat', 'sun'] },
      ],
      problems: [],
    },
    {
      name: 'a Sunday night window into Monday meets a Monday window',
      rotations: [
        { name: 'Sunday', start: '22:00', end: '02:00', responders: ['a'], days: ['sun'] },
        { name: 'Monday', start: '01:00', end: '05:00', responders: ['b'], days: ['mon'] },
      ],
      problems: ['rotations "Sunday" and "Monday" overlap (both on call mon 01:00 UTC)'],
    },
    {
      name: 'back to back is no overlap',
      rotations: [
        { name: 'A', start: '00:00', end: '12:00', responders: ['a'] },
        { name: 'B', start: '12:00', end: '00:00', responders: ['b'] },
      ],
      problems: [],
    },
  ])('$name', ({ rotations, problems }) => {
    expect(findRotationOverlaps(rotations)).toEqual(problems);
  });
});

const BASE = MINIMAL_CONFIG;

function problemsOf(yaml: string): readonly string[] {
  return configProblems(BASE + yaml);
}

describe('oncall in content/status.yml', () => {
  test('the issue’s example parses with the defaults filled in', () => {
    const config = parseConfigText(
      `${BASE}oncall:
  escalateAfterMinutes: 10
  rotations:
    - { name: Europe, start: "03:00", end: "15:00", responders: [alice, bob] }
    - { name: US, start: "15:00", end: "03:00", responders: [carol, alice] }
`,
      'status.yml',
    );
    expect(config.oncall).toEqual({ escalateAfterMinutes: 10, repeat: 2, severities: ['P0', 'P1'], showOnPage: true, rotations: FOLLOW_THE_SUN });
  });

  test('days are read as weekdays, whatever their spelling', () => {
    const config = parseConfigText(
      `${BASE}oncall:\n  rotations:\n    - { name: W, start: "09:00", end: "17:00", responders: [a], days: [Monday, TUE] }\n`,
      'status.yml',
    );
    expect(config.oncall?.rotations[0]?.days).toEqual(['mon', 'tue']);
  });

  test.each([
    {
      name: 'overlapping rotations',
      yaml: `oncall:\n  rotations:\n    - { name: Europe, start: "03:00", end: "16:00", responders: [alice] }\n    - { name: US, start: "15:00", end: "03:00", responders: [carol] }\n`,
      problem: 'oncall.rotations: rotations "Europe" and "US" overlap (both on call mon 15:00 UTC)',
    },
    {
      name: 'a time that is not HH:MM',
      yaml: `oncall:\n  rotations:\n    - { name: E, start: "3am", end: "15:00", responders: [alice] }\n`,
      problem: 'oncall.rotations.0.start: expected a UTC time "HH:MM", e.g. "03:00"',
    },
    {
      name: 'a day that is not a weekday',
      yaml: `oncall:\n  rotations:\n    - { name: E, start: "03:00", end: "15:00", responders: [alice], days: [someday] }\n`,
      problem: 'oncall.rotations.0.days.0: expected a weekday (mon … sun), got "someday"',
    },
    {
      name: 'no responders',
      yaml: `oncall:\n  rotations:\n    - { name: E, start: "03:00", end: "15:00", responders: [] }\n`,
      problem: 'oncall.rotations.0.responders: list at least one responder',
    },
    {
      name: 'a severity that does not exist',
      yaml: `oncall:\n  severities: [P3]\n  rotations:\n    - { name: E, start: "03:00", end: "15:00", responders: [alice] }\n`,
      problem: 'oncall.severities.0',
    },
  ])('$name is a config error', ({ yaml, problem }) => {
    const problems = problemsOf(yaml);
    expect(
      problems.some((p) => p.startsWith(problem)),
      problems.join('\n'),
    ).toBe(true);
  });
});

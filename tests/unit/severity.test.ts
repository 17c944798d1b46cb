import { describe, expect, test } from 'vitest';
import { mostSevere, readSeverity, SEVERITY_INFO, worseStatus } from '../../src/lib/severity.ts';

describe('severity mapping (Statuspage vocabulary)', () => {
  test.each([
    { severity: 'P0', impact: 'critical', componentStatus: 'major_outage' },
    { severity: 'P1', impact: 'major', componentStatus: 'partial_outage' },
    { severity: 'P2', impact: 'minor', componentStatus: 'degraded_performance' },
  ] as const)('$severity → $impact, $componentStatus', ({ severity, impact, componentStatus }) => {
    expect(SEVERITY_INFO[severity]).toMatchObject({ impact, componentStatus });
  });
});

describe('readSeverity', () => {
  test.each([
    { value: 'P0 — Extreme or total interruption', expected: 'P0' },
    { value: 'p1', expected: 'P1' },
    { value: 'Severity P2 (minor)', expected: 'P2' },
    { value: 'P3', expected: undefined },
    { value: 'SP0', expected: undefined },
    { value: null, expected: undefined },
  ])('$value → $expected', ({ value, expected }) => {
    expect(readSeverity(value)).toBe(expected);
  });
});

test('mostSevere picks P0 over P1 over P2', () => {
  expect(mostSevere(['P2', 'P0', 'P1'])).toBe('P0');
  expect(mostSevere([])).toBeUndefined();
});

test.each([
  { a: 'operational', b: 'degraded_performance', expected: 'degraded_performance' },
  { a: 'major_outage', b: 'partial_outage', expected: 'major_outage' },
  { a: 'under_maintenance', b: 'operational', expected: 'under_maintenance' },
  { a: 'under_maintenance', b: 'degraded_performance', expected: 'degraded_performance' },
] as const)('worseStatus($a, $b) = $expected', ({ a, b, expected }) => {
  expect(worseStatus(a, b)).toBe(expected);
});

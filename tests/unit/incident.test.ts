import { describe, expect, test } from 'vitest';
import { buildIncident, isTrustedlyLabelled, type Notice } from '../../src/lib/incident.ts';
import { closed, comment, config, event, formBody, issue, outsider } from '../support/records.ts';

const render = { html: (md: string) => `<p>${md}</p>`, text: (md: string) => md };
const T0 = '2026-11-20T10:00:00.000Z';
const t = (minutes: number): string => new Date(new Date(T0).getTime() + minutes * 60_000).toISOString();
const build = (record: ReturnType<typeof issue>, notices: Notice[] = []) => buildIncident(record, config(), render, notices);

describe('severity', () => {
  test.each([
    { name: 'from the P label', labels: ['incident', 'P0'], body: formBody({ Severity: 'P2' }), severity: 'P0', source: 'label' },
    { name: 'most severe of several labels', labels: ['incident', 'P2', 'P1'], body: null, severity: 'P1', source: 'label' },
    { name: 'from the form when unlabelled', labels: ['incident'], body: formBody({ Severity: 'P1 — Major degradation' }), severity: 'P1', source: 'form' },
    { name: 'P2 when neither', labels: ['incident'], body: 'Something broke', severity: 'P2', source: 'default' },
  ])('$name', ({ labels, body, severity, source }) => {
    const notices: Notice[] = [];
    const incident = build(issue({ number: 7, labels, body }), notices);
    expect(incident).toMatchObject({ severity, severitySource: source });
    if (source === 'default') expect(notices).toContainEqual({ where: 'issue #7', message: expect.stringMatching(/assuming P2/) });
  });
});

describe('components', () => {
  test.each([
    { name: 'from component labels', labels: ['incident', 'component:npm'], body: null, expected: ['npm'] },
    {
      name: 'from form checkboxes by name',
      labels: ['incident'],
      body: formBody({ 'Affected components': '- [X] CLI\n- [ ] Website\n- [x] Documentation' }),
      expected: ['cli', 'docs'],
    },
    { name: 'by id in parentheses', labels: ['incident'], body: formBody({ 'Affected components': '- [x] Command line (`cli`)' }), expected: ['cli'] },
    {
      name: 'labels and form merged, in config order',
      labels: ['incident', 'component:site'],
      body: formBody({ 'Affected components': '- [x] CLI' }),
      expected: ['cli', 'site'],
    },
  ])('$name', ({ labels, body, expected }) => {
    expect(build(issue({ number: 1, labels, body })).components).toEqual(expected);
  });

  test('unknown component ids are warned about and left out', () => {
    const notices: Notice[] = [];
    const incident = build(
      issue({ number: 3, labels: ['incident', 'P1', 'component:nope'], body: formBody({ 'Affected components': '- [x] Mainframe' }) }),
      notices,
    );
    expect(incident.components).toEqual([]);
    expect(notices.map((n) => n.message)).toEqual(['label "component:nope" names unknown component "nope"', 'form names unknown component "Mainframe"']);
  });
});

describe('scope fields and description', () => {
  test('form fields become scope, `_No response_` stays empty', () => {
    const body = formBody({
      'What is broken': 'Installs fail',
      'Who is affected': 'Everyone',
      'Workaround or alternatives': '_No response_',
      'Expected fix time': '1 h',
      'Upstream cause links': 'https://status.npmjs.org',
    });
    const incident = build(issue({ number: 1, body }));
    expect(incident.scope).toEqual({
      broken: '<p>Installs fail</p>',
      affected: '<p>Everyone</p>',
      workaround: null,
      eta: '<p>1 h</p>',
      upstream: '<p>https://status.npmjs.org</p>',
    });
    expect(incident.descriptionHtml).toBeNull();
    expect(incident.summary).toBe('Installs fail');
  });

  test('a free-text body renders as the description', () => {
    const incident = build(issue({ number: 1, body: 'The docs are down.' }));
    expect(incident.descriptionHtml).toBe('<p>The docs are down.</p>');
    expect(incident.summary).toBe('The docs are down.');
  });
});

describe('updates', () => {
  test("trusted comments only (not sitrep's own status link), newest first, with the status they carried", () => {
    const record = issue({
      number: 1,
      createdAt: T0,
      comments: [
        comment({ id: 1, at: t(5), body: 'Looking.' }),
        comment({ id: 2, at: t(6), body: 'me too!!', author: outsider() }),
        comment({ id: 3, at: t(10), body: 'Status: identified\n\nFound it.' }),
        comment({ id: 4, at: t(20), body: 'Deploying.' }),
        comment({ id: 5, at: t(21), body: '<!-- sitrep:status-link -->\nFollow this incident on the status page.' }),
      ],
    });
    const incident = build(record);
    expect(incident.updates.map((u) => [u.id, u.status])).toEqual([
      [4, 'identified'],
      [3, 'identified'],
      [1, 'investigating'],
    ]);
    expect(incident.updates[1]?.html).toBe('<p>\nFound it.</p>');
  });
});

describe('acknowledgement, commander and durations', () => {
  test.each([
    { name: 'first trusted comment', comments: [comment({ at: t(7) })], events: [], expected: t(7) },
    { name: 'an outsider comment does not count', comments: [comment({ at: t(2), author: outsider() }), comment({ at: t(9) })], events: [], expected: t(9) },
    { name: 'assignment counts', comments: [comment({ at: t(9) })], events: [event('assigned', t(4), { assignee: 'maint' })], expected: t(4) },
    { name: 'a status label counts', comments: [], events: [event('labeled', t(3), { label: 'identified' })], expected: t(3) },
    { name: 'a non-status label does not', comments: [], events: [event('labeled', t(3), { label: 'P1' })], expected: null },
    { name: 'nobody yet', comments: [], events: [], expected: null },
  ])('acknowledged (an outsider’s report): $name', ({ comments, events, expected }) => {
    expect(build(issue({ number: 1, createdAt: T0, comments, events, author: outsider('reporter') })).acknowledgedAt).toBe(expected);
  });

  const isBot = (login: string): boolean => login === 'github-actions[bot]';
  test.each([
    { name: 'a maintainer declared it: acknowledged at opening', author: { login: 'maint', trusted: true }, expected: T0 },
    { name: 'sitrep’s identity (a monitor) opened it: still measured', author: { login: 'github-actions[bot]', trusted: true }, expected: t(7) },
    { name: 'an outsider opened it: measured', author: outsider('reporter'), expected: t(7) },
  ])('$name', ({ author, expected }) => {
    const record = issue({ number: 1, createdAt: T0, author, comments: [comment({ at: t(7) })] });
    expect(buildIncident(record, config(), render, [], [], isBot).acknowledgedAt).toBe(expected);
  });

  test('commander is the first assignee', () => {
    expect(build(issue({ number: 1, assignees: ['ada', 'bob'] })).commander).toBe('ada');
    expect(build(issue({ number: 1 })).commander).toBeNull();
  });

  test('resolved and withdrawn times', () => {
    const resolved = build(closed(issue({ number: 1, createdAt: T0 }), t(90)));
    expect(resolved).toMatchObject({ status: 'resolved', active: false, resolvedAt: t(90), withdrawnAt: null, withdrawn: false });
    const withdrawn = build(closed(issue({ number: 2, createdAt: T0 }), t(15), 'not_planned'));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', active: false, resolvedAt: null, withdrawnAt: t(15), withdrawn: true });
  });

  test('a reopened incident is active again and marked reopened', () => {
    const record = issue({ number: 1, createdAt: T0, events: [event('closed', t(10)), event('reopened', t(20))] });
    expect(build(record)).toMatchObject({ status: 'investigating', active: true, reopened: true, resolvedAt: null });
  });
});

describe('trust', () => {
  test.each([
    { name: 'trusted author', author: { login: 'm', trusted: true }, events: [], expected: true },
    { name: 'outsider via issue form', author: outsider(), events: [event('labeled', T0, { label: 'incident', actor: outsider() })], expected: false },
    { name: 'outsider, labelled by a maintainer', author: outsider(), events: [event('labeled', t(5), { label: 'incident' })], expected: true },
    { name: 'outsider, other label by a maintainer', author: outsider(), events: [event('labeled', t(5), { label: 'P0' })], expected: false },
  ])('$name', ({ author, events, expected }) => {
    expect(isTrustedlyLabelled(issue({ number: 1, author, events }), 'incident')).toBe(expected);
  });
});

import { describe, expect, test } from 'vitest';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel, readIssues } from '../../src/lib/site-model.ts';
import { groupByMonth } from '../../src/lib/views.ts';
import { closed, config, event, formBody, issue, outsider, snapshot } from '../support/records.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const model = (issues: unknown[], overrides: { takenAt?: string; postmortemFiles?: { incident: number; path: string; markdown: string }[] } = {}) =>
  buildSiteModel({
    config: config(),
    snapshot: SnapshotSchema.parse(snapshot(issues, overrides.takenAt ? { takenAt: overrides.takenAt } : {})),
    postmortemFiles: overrides.postmortemFiles ?? [],
    now: NOW,
    demo: false,
  });

describe('which issues become incidents', () => {
  test.each([
    { name: 'trusted incident', record: issue({ number: 1 }), published: true },
    { name: "outsider's form-labelled issue", record: issue({ number: 1, author: outsider() }), published: false },
    {
      name: "outsider's issue labelled by a maintainer",
      record: issue({ number: 1, author: outsider(), events: [event('labeled', '2026-11-20T10:05:00Z', { label: 'incident' })] }),
      published: true,
    },
    { name: 'embargoed', record: issue({ number: 1, labels: ['incident', 'embargoed'] }), published: false },
    { name: 'pull request', record: issue({ number: 1, isPullRequest: true }), published: false },
    { name: 'no incident label', record: issue({ number: 1, labels: ['bug'] }), published: false },
    { name: 'label case differs', record: issue({ number: 1, labels: ['Incident'] }), published: true },
  ])('$name', ({ record, published }) => {
    expect(model([record]).incidents.map((i) => i.number)).toEqual(published ? [1] : []);
  });
});

describe('overall status', () => {
  test.each([
    {
      name: 'nothing active',
      issues: [closed(issue({ number: 1, labels: ['incident', 'P0'] }), '2026-11-20T11:00:00Z')],
      status: 'operational',
      text: 'All systems operational',
    },
    { name: 'P2 active', issues: [issue({ number: 1, labels: ['incident', 'P2'] })], status: 'degraded_performance', text: 'Degraded performance' },
    { name: 'P1 active', issues: [issue({ number: 1, labels: ['incident', 'P1'] })], status: 'partial_outage', text: 'Partial outage' },
    {
      name: 'worst wins',
      issues: [issue({ number: 1, labels: ['incident', 'P2'] }), issue({ number: 2, labels: ['incident', 'P0'] })],
      status: 'major_outage',
      text: 'Major outage',
    },
    {
      name: 'withdrawn is never downtime',
      issues: [closed(issue({ number: 1, labels: ['incident', 'P0'] }), '2026-11-20T11:00:00Z', 'not_planned')],
      status: 'operational',
      text: 'All systems operational',
    },
  ])('$name → $status', ({ issues, status, text }) => {
    expect(model(issues).overall).toEqual({ status, text, incomplete: false });
  });

  test('a skipped malformed record means the page never claims all is well', () => {
    const m = model([{ number: 9, title: 42 }, closed(issue({ number: 1 }), '2026-11-20T11:00:00Z')]);
    expect(m.overall).toEqual({ status: 'operational', text: 'No known incidents, but some records could not be read', incomplete: true });
    expect(m.skipped).toEqual([{ where: 'issue #9', message: expect.stringContaining('title: expected string, got number') }]);
    expect(m.incidents.map((i) => i.number)).toEqual([1]);
  });
});

describe('components', () => {
  test('a component takes the worst status of its active incidents', () => {
    const m = model([
      issue({ number: 1, labels: ['incident', 'P2', 'component:cli'] }),
      issue({ number: 2, labels: ['incident', 'P1', 'component:cli', 'component:docs'] }),
      closed(issue({ number: 3, labels: ['incident', 'P0', 'component:site'] }), '2026-11-20T11:00:00Z'),
    ]);
    expect(Object.fromEntries(m.components.map((c) => [c.id, c.status]))).toEqual({
      cli: 'partial_outage',
      npm: 'operational',
      docs: 'partial_outage',
      site: 'operational',
    });
    expect(m.groups.map((g) => [g.name, g.status])).toEqual([
      ['Tools', 'partial_outage'],
      ['Web', 'partial_outage'],
      [null, 'operational'],
    ]);
  });

  test('maintenance in progress marks its components', () => {
    const body = formBody({ 'Window start (UTC)': '2026-11-21 11:00', 'Window end (UTC)': '2026-11-21 13:00', 'Affected components': '- [x] Documentation' });
    const m = model([issue({ number: 5, labels: ['maintenance'], body })]);
    expect(m.components.find((c) => c.id === 'docs')?.status).toBe('under_maintenance');
    expect(m.overall.status).toBe('under_maintenance');
    expect(m.maintenances[0]).toMatchObject({ status: 'in_progress', scheduledFor: '2026-11-21T11:00:00.000Z', scheduledUntil: '2026-11-21T13:00:00.000Z' });
  });
});

describe('incidents by component (sliced once, for component pages, feeds and the API)', () => {
  test.each([
    { name: 'each component lists its incidents newest first', component: 'cli', numbers: [2, 1, 4] },
    { name: 'an incident naming two components is in both', component: 'docs', numbers: [2] },
    { name: 'a component without incidents has an empty list', component: 'npm', numbers: [] },
    { name: 'an id that is not configured has none', component: 'nope', numbers: undefined },
  ])('$name', ({ component, numbers }) => {
    const m = model([
      issue({ number: 1, labels: ['incident', 'P2', 'component:cli'], createdAt: '2026-11-21T08:00:00Z' }),
      issue({ number: 2, labels: ['incident', 'P1', 'component:cli', 'component:docs'], createdAt: '2026-11-21T09:00:00Z' }),
      issue({ number: 3, labels: ['incident', 'P1', 'component:site'], createdAt: '2026-11-21T10:00:00Z' }),
      closed(issue({ number: 4, labels: ['incident', 'P0', 'component:cli'], createdAt: '2026-11-19T08:00:00Z' }), '2026-11-19T11:00:00Z'),
    ]);
    expect(m.incidentsByComponent.get(component)?.map((i) => i.number)).toEqual(numbers);
    // The same answer as filtering every incident, which it replaces.
    if (numbers) expect(m.incidentsByComponent.get(component)).toEqual(m.incidents.filter((i) => i.components.includes(component)));
  });
});

describe('lists', () => {
  test('active incidents most severe first; recent = closed in the last 7 days', () => {
    const m = model([
      issue({ number: 1, labels: ['incident', 'P2'], createdAt: '2026-11-21T09:00:00Z' }),
      issue({ number: 2, labels: ['incident', 'P0'], createdAt: '2026-11-21T08:00:00Z' }),
      closed(issue({ number: 3, createdAt: '2026-11-18T08:00:00Z' }), '2026-11-18T09:00:00Z'),
      closed(issue({ number: 4, createdAt: '2026-11-01T08:00:00Z' }), '2026-11-01T09:00:00Z'),
    ]);
    expect(m.active.map((i) => i.number)).toEqual([2, 1]);
    expect(m.recent.map((i) => i.number)).toEqual([3]);
    expect(m.incidents.map((i) => i.number)).toEqual([1, 2, 3, 4]);
  });
});

describe('data age', () => {
  test.each([
    { takenAt: '2026-11-21T11:55:00Z', age: 5, stale: false },
    { takenAt: '2026-11-21T11:30:00Z', age: 30, stale: false },
    { takenAt: '2026-11-21T11:29:00Z', age: 31, stale: true },
  ])('taken at $takenAt → $age min, stale $stale', ({ takenAt, age, stale }) => {
    expect(model([], { takenAt })).toMatchObject({ dataAgeMinutes: age, stale });
  });
});

describe('post-mortem linking', () => {
  test("a trusted post-mortem issue attaches to its incident; an outsider's does not", () => {
    const m = model([
      closed(issue({ number: 1 }), '2026-11-20T11:00:00Z'),
      closed(issue({ number: 2 }), '2026-11-20T11:00:00Z'),
      issue({ number: 10, labels: ['postmortem'], title: 'PM for #1', body: formBody({ Summary: 'x' }) }),
      issue({ number: 11, labels: ['postmortem'], title: 'Fake PM for #2', author: outsider(), body: 'lies' }),
    ]);
    expect([...m.postmortems.keys()]).toEqual([1]);
  });

  test('a file post-mortem attaches too; one naming an unknown incident is reported', () => {
    const m = model([closed(issue({ number: 1 }), '2026-11-20T11:00:00Z')], {
      postmortemFiles: [
        { incident: 1, path: 'content/postmortems/1.md', markdown: '## Summary\n\nx' },
        { incident: 77, path: 'content/postmortems/77.md', markdown: '## Summary\n\ny' },
      ],
    });
    expect([...m.postmortems.keys()]).toEqual([1]);
    expect(m.notices).toContainEqual({ where: 'content/postmortems/77.md', message: 'post-mortem names #77, which is not a published incident' });
  });
});

test.each([
  ['an offset', '2026-11-21T12:00:00+02:00', '2026-11-21T10:00:00.000Z'],
  ['no milliseconds', '2026-11-21T10:00:00Z', '2026-11-21T10:00:00.000Z'],
  ['the canonical form', '2026-11-21T10:00:00.000Z', '2026-11-21T10:00:00.000Z'],
  ['a leap day', '2028-02-29T10:00:00.000Z', '2028-02-29T10:00:00.000Z'],
])('readIssues normalises times so they compare as strings: %s', (_name, createdAt, normalised) => {
  const { issues } = readIssues([issue({ number: 1, createdAt })]);
  expect(issues[0]?.createdAt).toBe(normalised);
});

test('readIssues refuses an impossible date rather than rolling it over', () => {
  const { issues, skipped } = readIssues([issue({ number: 1, createdAt: '2026-02-30T10:00:00.000Z' })]);
  expect(issues).toEqual([]);
  expect(skipped[0]?.message).toMatch(/createdAt/);
});

describe('what the pages list', () => {
  test('post-mortems are paired with their incidents, newest incident first', () => {
    const pm = (n: number) => issue({ number: 100 + n, labels: ['postmortem'], title: `Post-mortem of #${n}`, body: formBody({ Summary: 'Why.' }) });
    const m = model([
      issue({ number: 1, createdAt: '2026-11-01T10:00:00Z' }),
      issue({ number: 2, createdAt: '2026-11-10T10:00:00Z' }),
      issue({ number: 3, createdAt: '2026-11-15T10:00:00Z' }),
      pm(1),
      pm(3),
    ]);
    expect(m.postmortemIndex.map(({ incident, postmortem }) => [incident.number, postmortem.title])).toEqual([
      [3, 'Post-mortem of #3'],
      [1, 'Post-mortem of #1'],
    ]);
  });

  test('history groups incidents by the month they started in', () => {
    const m = model([
      issue({ number: 1, createdAt: '2026-10-31T23:59:00Z' }),
      issue({ number: 2, createdAt: '2026-11-01T00:00:00Z' }),
      issue({ number: 3, createdAt: '2026-11-20T10:00:00Z' }),
    ]);
    expect(groupByMonth(m.incidents).map((g) => [g.month, g.incidents.map((i) => i.number)])).toEqual([
      ['November 2026', [3, 2]],
      ['October 2026', [1]],
    ]);
  });
});

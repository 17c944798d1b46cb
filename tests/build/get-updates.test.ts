/**
 * The "Get updates" sections in the real build: the subscribe issues' links read from the notify
 * record (SITREP_NOTIFY_STATE), the feeds and the Slack command; a component without an issue yet,
 * and a record of another repository, link the feeds only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { describeGetUpdates, readSubscribeIssueUrls } from '../../src/lib/notify/get-updates.ts';
import type { NotifyState } from '../../src/lib/schema/notify-state.ts';
import { makeUrls } from '../../src/lib/urls.ts';
import { buildFixture, type FixtureBuild, text } from '../support/build.ts';
import { issue, snapshot } from '../support/records.ts';

const STATE: NotifyState = {
  schemaVersion: 1,
  updatedAt: '2026-11-21T11:55:00Z',
  deliveries: {},
  subscriptions: {
    repository: 'acme/widgets',
    issues: {
      all: { number: 40, url: 'https://github.com/acme/widgets/issues/40' },
      cli: { number: 41, url: 'https://github.com/acme/widgets/issues/41' },
    },
  },
};

describe('Get updates on the built pages', () => {
  let build: FixtureBuild;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-get-updates-'));
    const statePath = path.join(dir, 'notify-state.json');
    writeFileSync(statePath, JSON.stringify(STATE));
    build = await buildFixture({
      snapshot: snapshot([issue({ number: 1, labels: ['incident', 'P1', 'component:cli'] })]),
      env: { SITREP_NOTIFY_STATE: statePath },
    });
    expect(build.code, build.stderr).toBe(0);
  });

  const section = (page: string) => build.page(page).querySelector('[data-get-updates]');

  test.each([
    {
      page: '',
      issue: 'https://github.com/acme/widgets/issues/40',
      atom: '/status-sub/history.atom',
      rss: '/status-sub/history.rss',
      slack: '/feed subscribe https://acme.github.io/status-sub/history.atom',
    },
    {
      page: 'components/cli/',
      issue: 'https://github.com/acme/widgets/issues/41',
      atom: '/status-sub/feeds/components/cli.atom',
      rss: '/status-sub/feeds/components/cli.rss',
      slack: '/feed subscribe https://acme.github.io/status-sub/feeds/components/cli.atom',
    },
    {
      page: 'components/docs/',
      issue: null,
      atom: '/status-sub/feeds/components/docs.atom',
      rss: '/status-sub/feeds/components/docs.rss',
      slack: '/feed subscribe https://acme.github.io/status-sub/feeds/components/docs.atom',
    },
  ])('$page', ({ page, issue: issueUrl, atom, rss, slack }) => {
    const s = section(page);
    expect(text(s?.querySelector('h2'))).toBe('Get updates');
    expect(s?.querySelector('[data-subscribe-issue]')?.getAttribute('href') ?? null).toBe(issueUrl);
    expect(s?.querySelector('[data-feed="atom"]')?.getAttribute('href')).toBe(atom);
    expect(s?.querySelector('[data-feed="rss"]')?.getAttribute('href')).toBe(rss);
    expect(text(s?.querySelector('[data-slack-command]'))).toBe(slack);
    expect(build.exists(atom.replace('/status-sub/', ''))).toBe(true);
  });
});

describe('which subscribe issues a record gives', () => {
  const urls = makeUrls('/s');
  const absolute = (p: string) => new URL(p, 'https://x.example').href;
  test.each([
    { name: 'this repository', state: STATE, repository: 'Acme/Widgets', cli: 'https://github.com/acme/widgets/issues/41' },
    { name: 'another repository (a copied cache)', state: STATE, repository: 'acme/other', cli: null },
    { name: 'no record', state: null, repository: 'acme/widgets', cli: null },
  ])('$name', ({ state, repository, cli }) => {
    expect(describeGetUpdates('cli', readSubscribeIssueUrls(state, repository), urls, absolute).issueUrl).toBe(cli);
  });
});

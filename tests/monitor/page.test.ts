/**
 * The scheduled run end to end: the monitor opens an incident on the test GitHub server, the real
 * sync reads it, the real `astro build` publishes it — "detected automatically", with evidence —
 * and the component page shows the monitor (last result, inline SVG charts with text, no script),
 * and status.json says when the monitors last ran.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/data/load-config.ts';
import { runSync } from '../../src/github/sync.ts';
import { emptyHistory } from '../../src/lib/monitor/history.ts';
import type { MonitorHistory } from '../../src/lib/schema/monitor-history.ts';
import { writeHistoryAtomically } from '../../src/monitor/history-file.ts';
import { runMonitor } from '../../src/monitor/run-monitor.ts';
import { buildFixture, type FixtureBuild, text } from '../support/build.ts';
import { FakeClock } from '../support/github-repo.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';
import { startTargetServer, type TargetServer } from '../support/monitor-targets.ts';

let github: GitHubTestServer;
let target: TargetServer;
let build: FixtureBuild;
let issueNumber = 0;
const NOW = '2026-11-21T12:00:00Z';

function yaml(targetUrl: string): string {
  return `title: Acme status
description: Status of Acme.
repository: acme/widgets
site: https://acme.github.io/status-sub
components:
  - { id: website, name: Website }
  - { id: docs, name: Docs }
monitors:
  - id: homepage
    name: Homepage
    component: website
    http: { url: "${targetUrl}/500" }
  - id: docs-site
    name: Docs site
    component: docs
    http: { url: "${targetUrl}/up", contains: Welcome }
`;
}

beforeAll(async () => {
  github = await startGitHubServer({ clock: new FakeClock(Date.parse('2026-11-21T10:00:00Z')) });
  github.repo('acme/widgets');
  target = await startTargetServer();
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-monitor-page-'));
  const text = yaml(target.url);
  const config = parseConfigText(text, 'status.yml');
  let history: MonitorHistory = emptyHistory();
  for (const minutes of [50, 55]) {
    const now = new Date(Date.parse(NOW) - (60 - minutes) * 60_000);
    ({ history } = await runMonitor({
      config,
      history,
      model: null,
      token: 't',
      apiUrl: github.url,
      now,
      botLogins: ['github-actions[bot]'],
      env: {},
      retryDelaysMs: [],
      throttle: false,
      warn: () => {},
    }));
  }
  issueNumber = github.repo('acme/widgets').listed()[0]?.number ?? 0;
  const historyFile = path.join(dir, 'monitor-history.json');
  writeHistoryAtomically(historyFile, history, 'monitor-history.json');
  const snapshotPath = path.join(dir, 'snapshot.json');
  await runSync({ config, snapshotPath, token: 't', apiUrl: github.url, timeoutMs: 2_000, retries: 0, now: () => new Date(NOW) });
  build = await buildFixture({ config: text, snapshot: readFileSync(snapshotPath, 'utf8'), now: NOW, env: { SITREP_MONITOR_HISTORY: historyFile } });
  writeFileSync(path.join(dir, 'build.log'), build.stderr);
}, 240_000);

afterAll(async () => {
  await Promise.all([github?.close(), target?.close()]);
});

describe('a monitor-opened incident on the built site', () => {
  test('the build succeeded and the monitor opened one issue', () => {
    expect(build.code, build.stderr).toBe(0);
    expect(issueNumber).toBeGreaterThan(0);
  });

  test('home page: the incident is active, says it was detected automatically and links the evidence', () => {
    const home = build.page('');
    const card = home.querySelector(`[data-incident="${issueNumber}"]`);
    expect(text(card)).toContain('Homepage is down (detected automatically)');
    const detected = card?.querySelector('[data-detected-by="homepage"]');
    expect(text(detected)).toBe('Detected automatically by Homepage (evidence)');
    expect(detected?.querySelector('a')?.getAttribute('href')).toBe(`https://github.com/acme/widgets/issues/${issueNumber}`);
    expect(text(home.querySelector('[data-banner]'))).not.toMatch(/all systems operational/i);
    expect(home.querySelector('[data-monitors-last-run]')?.getAttribute('data-monitors-last-run')).toBe('2026-11-21T11:55:00.000Z');
  });

  test('incident page: the check, the HTTP status and where to see the evidence', () => {
    const page = build.page(`incidents/${issueNumber}/`);
    const detected = page.querySelector('dd[data-detected-by="homepage"]');
    expect(text(detected)).toContain('Detected automatically by the monitor Homepage');
    expect([...(detected?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toEqual([
      `https://github.com/acme/widgets/issues/${issueNumber}`,
      '/status-sub/components/website/#monitors',
    ]);
    expect(text(page.querySelector('.scope'))).toContain('HTTP status: 500');
    expect(page.body.innerHTML).not.toContain('sitrep-monitor');
  });

  test('component page: each monitor with its last result and charts, readable without the picture', () => {
    const page = build.page('components/docs/');
    const monitor = page.querySelector('[data-monitor="docs-site"]');
    expect(monitor?.getAttribute('data-result')).toBe('ok');
    expect(text(monitor)).toMatch(/Passing — HTTP 200 in \d+ ms; last checked 21 Nov 2026, 11:55 UTC/);
    const charts = [...(monitor?.querySelectorAll('svg[role="img"]') ?? [])];
    expect(charts.map((c) => c.getAttribute('data-chart'))).toEqual(['day', 'quarter']);
    const day = charts[0]!;
    expect(day.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(2);
    expect(text(day.querySelector('title'))).toMatch(/^Last 24 hours: 2 checks, 0 not ok; median response \d+ ms, 95th percentile \d+ ms\.$/);
    expect(text(monitor?.querySelector('figcaption'))).toContain('2 checks, 0 not ok');
    const website = build.page('components/website/').querySelector('[data-monitor="homepage"]');
    expect(website?.getAttribute('data-result')).toBe('failed');
    expect(website?.querySelectorAll('svg[data-chart="day"] rect')).toHaveLength(2);
    expect(page.querySelectorAll('script[src]')).toHaveLength(0);
  });

  test('the pages that show monitors are valid HTML (the rules of tests/browser/html-validity.test.ts)', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended', 'html-validate:document'],
      rules: { 'long-title': 'off', 'void-style': 'off' },
    });
    const messages: string[] = [];
    for (const file of ['index.html', 'components/website/index.html', 'components/docs/index.html', `incidents/${issueNumber}/index.html`]) {
      const report = await validator.validateString(readFileSync(path.join(build.outDir, file), 'utf8'), file);
      for (const result of report.results) for (const m of result.messages) messages.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(messages).toEqual([]);
  });

  test('status.json says when the monitors last ran', () => {
    const status = JSON.parse(readFileSync(path.join(build.outDir, 'api/v2/status.json'), 'utf8'));
    expect(status.monitors).toEqual({ last_run_at: '2026-11-21T11:55:00.000Z', inconclusive: null });
    expect(status.status.indicator).toBe('major');
  });
});

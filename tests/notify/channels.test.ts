/**
 * `runNotify` against real webhook receivers on 127.0.0.1: each channel's payload as received,
 * exactly once across runs, a failing channel retried then given up, a hanging one not blocking
 * the others, a missing secret, and no flood of history on the first run.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closed, comment, issue } from '../support/records.ts';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { notifyOnce, notifySeries } from './harness.ts';

const SITE = 'https://acme.github.io/status-sub';
const P0 = issue({ number: 1, title: 'Installs fail', labels: ['incident', 'P0', 'component:cli'], createdAt: '2026-11-21T11:50:00Z' });
const withUpdate = { ...P0, comments: [comment({ id: 501, at: '2026-11-21T12:05:00Z', body: 'Status: identified\nThe CDN lost its certificate.' })] };

const receivers: Record<string, WebhookReceiver> = {};
beforeEach(async () => {
  for (const name of ['slack', 'discord', 'teams', 'ntfy', 'webhook']) receivers[name] = await startReceiver();
});
afterEach(async () => {
  await Promise.all(Object.values(receivers).map((r) => r.close()));
});
const r = (name: string): WebhookReceiver => {
  const receiver = receivers[name];
  if (!receiver) throw new Error(name);
  return receiver;
};

const ALL_CHANNELS = {
  notify: [
    { kind: 'slack' as const, urlEnv: 'SLACK_URL' },
    { kind: 'discord' as const, urlEnv: 'DISCORD_URL' },
    { kind: 'teams' as const, urlEnv: 'TEAMS_URL' },
    { kind: 'ntfy' as const, urlEnv: 'NTFY_URL' },
    { kind: 'webhook' as const, urlEnv: 'HOOK_URL' },
  ],
  oncall: { rotations: [{ name: 'Europe', start: '03:00', end: '15:00', responders: ['alice', 'bob'] }] },
};
const env = () => ({
  SLACK_URL: `${r('slack').url}/services/T0/B0/secret`,
  DISCORD_URL: `${r('discord').url}/api/webhooks/1/secret`,
  TEAMS_URL: `${r('teams').url}/workflows/secret`,
  NTFY_URL: `${r('ntfy').url}/acme-status`,
  HOOK_URL: `${r('webhook').url}/statuspage`,
});

describe('every channel, exactly once', () => {
  test('declared, repeated runs, then an update', async () => {
    const [first, again, later] = await notifySeries([
      { issues: [P0], now: '2026-11-21T12:00:00Z', config: ALL_CHANNELS, env: env() },
      { issues: [P0], now: '2026-11-21T12:05:00Z', config: ALL_CHANNELS, env: env() },
      { issues: [withUpdate], now: '2026-11-21T12:10:00Z', config: ALL_CHANNELS, env: env() },
    ]);
    expect(first?.warnings).toEqual([]);
    expect(again?.summary.targets.every((t) => t.sent.length === 0)).toBe(true);
    expect(later?.summary.targets.map((t) => [t.id, t.sent])).toEqual([
      ['slack:SLACK_URL', ['incident-1:update:501']],
      ['discord:DISCORD_URL', ['incident-1:update:501']],
      ['teams:TEAMS_URL', ['incident-1:update:501']],
      ['ntfy:NTFY_URL', ['incident-1:update:501']],
      ['webhook:HOOK_URL', ['incident-1:update:501']],
    ]);

    const slack = r('slack').bodies<{ text: string }>();
    expect(r('slack').received.map((q) => [q.method, q.path, q.headers['content-type']])).toEqual([
      ['POST', '/services/T0/B0/secret', 'application/json'],
      ['POST', '/services/T0/B0/secret', 'application/json'],
    ]);
    expect(slack[0]?.text.split('\n')).toEqual([
      '*Incident declared · P0 · Critical*',
      '*Installs fail*',
      'Components: CLI',
      'Status: Investigating',
      'Latest update: Something is broken.',
      'On call: Europe: alice, bob',
      `<${SITE}/incidents/1/|Status page>`,
    ]);
    expect(slack[1]?.text).toContain('*Update: now Identified · P0 · Critical*');
    expect(slack[1]?.text).toContain('Latest update: The CDN lost its certificate.');

    const discord = r('discord').bodies<{ content: string; allowed_mentions: unknown }>();
    expect(discord).toHaveLength(2);
    expect(discord[0]?.allowed_mentions).toEqual({ parse: [] });
    expect(discord[0]?.content).toContain('**Installs fail**');
    expect(discord[0]?.content).toContain(`Status page: <${SITE}/incidents/1/>`);

    const teams = r('teams').bodies<{ type: string; attachments: { contentType: string; content: { type: string; actions: { url: string }[] } }[] }>();
    expect(teams).toHaveLength(2);
    expect(teams[0]?.type).toBe('message');
    expect(teams[0]?.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(teams[0]?.attachments[0]?.content.type).toBe('AdaptiveCard');
    expect(teams[0]?.attachments[0]?.content.actions[0]?.url).toBe(`${SITE}/incidents/1/`);

    expect(r('ntfy').received.map((q) => q.path)).toEqual(['/', '/']);
    expect(r('ntfy').bodies()[0]).toMatchObject({
      topic: 'acme-status',
      priority: 5,
      click: `${SITE}/incidents/1/`,
      title: '[P0] Incident declared: Installs fail',
    });

    const hooks = r('webhook').bodies();
    expect(hooks.map((h) => Object.keys(h).sort())).toEqual([
      ['incident', 'meta', 'page'],
      ['component', 'component_update', 'meta', 'page'],
      ['incident', 'meta', 'page'],
    ]);
    expect(hooks[0]).toMatchObject({
      meta: { unsubscribe: `${SITE}/` },
      page: { id: 'acme-widgets', status_indicator: 'critical', status_description: 'Major System Outage' },
      incident: { id: '1', name: 'Installs fail', status: 'investigating', impact: 'critical', shortlink: `${SITE}/incidents/1/`, backfilled: false },
    });
    expect((hooks[0] as { incident: { incident_updates: unknown[] } }).incident.incident_updates).toHaveLength(1);
    expect(hooks[1]).toMatchObject({
      component_update: { component_id: 'cli', old_status: 'operational', new_status: 'major_outage', created_at: '2026-11-21T11:50:00.000Z' },
      component: { id: 'cli', name: 'CLI', status: 'major_outage' },
    });
    const later2 = hooks[2] as { incident: { status: string; incident_updates: { id: string; status: string; body: string }[] } };
    expect(later2.incident.status).toBe('identified');
    expect(later2.incident.incident_updates.map((u) => [u.id, u.status])).toEqual([
      ['501', 'identified'],
      ['1-opened', 'investigating'],
    ]);
    expect(later2.incident.incident_updates[0]?.body).toBe('The CDN lost its certificate.');
  });

  test('resolution sends the component back to operational', async () => {
    const resolved = closed(P0, '2026-11-21T12:20:00Z');
    await notifySeries([
      { issues: [P0], now: '2026-11-21T12:00:00Z', config: { notify: [{ kind: 'webhook', urlEnv: 'HOOK_URL' }] }, env: env() },
      { issues: [resolved], now: '2026-11-21T12:25:00Z', config: { notify: [{ kind: 'webhook', urlEnv: 'HOOK_URL' }] }, env: env() },
    ]);
    const hooks = r('webhook').bodies();
    expect(hooks).toHaveLength(4);
    expect(hooks[2]).toMatchObject({ incident: { status: 'resolved', resolved_at: '2026-11-21T12:20:00.000Z' } });
    expect(hooks[3]).toMatchObject({ component_update: { old_status: 'major_outage', new_status: 'operational' } });
  });

  test("a channel's event and severity filters", async () => {
    const run = await notifyOnce({
      issues: [withUpdate, issue({ number: 2, labels: ['incident', 'P2'], createdAt: '2026-11-21T11:55:00Z' })],
      now: '2026-11-21T12:10:00Z',
      config: { notify: [{ kind: 'slack', urlEnv: 'SLACK_URL', events: ['declared'], severities: ['P0', 'P1'] }] },
      env: env(),
    });
    expect(run.summary.targets[0]?.sent).toEqual(['incident-1:declared']);
    expect(r('slack').received).toHaveLength(1);
  });
});

describe('failures', () => {
  const slackAndDiscord = {
    notify: [
      { kind: 'slack' as const, urlEnv: 'SLACK_URL' },
      { kind: 'discord' as const, urlEnv: 'DISCORD_URL' },
    ],
  };

  test('a failing channel is retried each run, then given up with a warning; the other is served once', async () => {
    r('slack').mode = { kind: 'status', status: 500 };
    const times = ['12:00', '12:05', '12:10', '12:15', '12:20', '12:25'].map((t) => `2026-11-21T${t}:00Z`);
    const runs = await notifySeries(times.map((now) => ({ issues: [P0], now, config: slackAndDiscord, env: env() })));
    expect(r('slack').received).toHaveLength(5);
    expect(r('discord').received).toHaveLength(1);
    const warnings = runs.map((run) => run.warnings);
    expect(warnings.slice(0, 4).map((w) => w.length)).toEqual([1, 1, 1, 1]);
    expect(warnings[0]?.[0]).toMatch(
      /"slack:SLACK_URL": incident-1:declared failed \(HTTP 500 from 127\.0\.0\.1:\d+: invalid_payload\); retrying next run \(attempt 1 of 5\)/,
    );
    expect(warnings[4]?.[0]).toMatch(/gave up on incident-1:declared after 5 failed runs/);
    expect(warnings[5]).toEqual([]);
    // The webhook URL is a secret: never in the log.
    expect(warnings.flat().join('\n')).not.toContain('secret');
    expect(runs[5]?.state.deliveries['incident-1:declared']?.channels).toMatchObject({
      'slack:SLACK_URL': { status: 'gave_up', attempts: 5 },
      'discord:DISCORD_URL': { status: 'delivered', attempts: 1 },
    });
  });

  test('a failed delivery succeeds on a later run, and the events behind it follow in order', async () => {
    r('slack').mode = { kind: 'status', status: 503 };
    const first = await notifyOnce({ issues: [withUpdate], now: '2026-11-21T12:10:00Z', config: slackAndDiscord, env: env() });
    expect(first.summary.targets[0]).toMatchObject({ sent: [], deferred: 1 });
    r('slack').mode = { kind: 'ok' };
    const second = await notifyOnce({ issues: [withUpdate], now: '2026-11-21T12:15:00Z', config: slackAndDiscord, env: env(), state: first.state });
    expect(second.summary.targets[0]?.sent).toEqual(['incident-1:declared', 'incident-1:update:501']);
    expect(r('slack').received).toHaveLength(3);
    expect(r('discord').received).toHaveLength(2);
  });

  test('a hanging receiver costs one timeout and does not hold the others', async () => {
    r('slack').mode = { kind: 'hang' };
    const started = Date.now();
    const timeoutMs = 3_000;
    const run = await notifyOnce({ issues: [withUpdate], now: '2026-11-21T12:10:00Z', config: slackAndDiscord, env: env(), overrides: { timeoutMs } });
    // Discord had both messages while Slack's first request was still hanging…
    expect(
      r('discord')
        .received.map((q) => q.at - started)
        .every((ms) => ms < timeoutMs),
    ).toBe(true);
    expect(r('discord').received).toHaveLength(2);
    // …and Slack cost one timeout, not one per event.
    expect(Date.now() - started).toBeLessThan(timeoutMs * 2);
    expect(run.summary.targets[0]).toMatchObject({
      sent: [],
      deferred: 1,
      failed: [{ event: 'incident-1:declared', error: expect.stringMatching(/timed out/) }],
    });
    expect(r('slack').received).toHaveLength(1);
  });

  test('a missing secret is a warning; the other channels still hear', async () => {
    const run = await notifyOnce({ issues: [P0], now: '2026-11-21T12:00:00Z', config: slackAndDiscord, env: { DISCORD_URL: env().DISCORD_URL } });
    expect(run.warnings).toEqual([expect.stringContaining('SLACK_URL is not set')]);
    expect(run.summary.targets[0]).toMatchObject({ id: 'slack:SLACK_URL', skipped: 'SLACK_URL is not set' });
    expect(r('discord').received).toHaveLength(1);
  });
});

describe('history', () => {
  test('the first run announces the last 24 hours, not a year', async () => {
    const old = [1, 2, 3].map((n) => closed(issue({ number: 10 + n, createdAt: `2026-0${n}-10T10:00:00Z` }), `2026-0${n}-10T12:00:00Z`));
    const run = await notifyOnce({
      issues: [...old, P0],
      now: '2026-11-21T12:00:00Z',
      config: { notify: [{ kind: 'slack', urlEnv: 'SLACK_URL' }] },
      env: env(),
    });
    expect(run.summary.targets[0]).toMatchObject({ sent: ['incident-1:declared'], tooOld: 6 });
    expect(r('slack').received).toHaveLength(1);
  });
});

import { describe, expect, test } from 'vitest';
import { monitorMarker } from '../../src/lib/monitor/marker.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { comment, config, event, formBody, issue, outsider, snapshot } from '../support/records.ts';

const BOT = { login: 'github-actions[bot]', trusted: false };
const body = (marker: string | null) =>
  `${formBody({ Severity: 'P1', 'Affected components': '- [X] Website (`site`)', 'What is broken': 'HTTP 500' })}\n\n${marker ?? ''}`;
const CONFIG = config({ monitors: [{ id: 'homepage', name: 'Homepage', component: 'site', http: { url: 'https://example.org/' } }] } as never);

function model(records: ReturnType<typeof issue>[], monitorBots?: string[]) {
  return buildSiteModel({
    config: CONFIG,
    snapshot: SnapshotSchema.parse(snapshot(records)),
    postmortemFiles: [],
    now: new Date('2026-11-21T12:00:00Z'),
    demo: false,
    ...(monitorBots ? { botLogins: monitorBots } : {}),
  });
}

describe('publishing a monitor’s incidents', () => {
  test.each([
    { name: 'bot author + marker: published, detected automatically', author: BOT, marker: monitorMarker('homepage'), bots: undefined, published: true },
    { name: 'bot author without the marker: not published', author: BOT, marker: null, bots: undefined, published: false },
    { name: 'an outsider pasting the marker: not published', author: outsider(), marker: monitorMarker('homepage'), bots: undefined, published: false },
    {
      name: 'another bot with the marker: not published',
      author: { login: 'renovate[bot]', trusted: false },
      marker: monitorMarker('homepage'),
      bots: undefined,
      published: false,
    },
    {
      name: 'SITREP_TOKEN’s owner as the bot',
      author: { login: 'status-bot', trusted: false },
      marker: monitorMarker('homepage'),
      bots: ['status-bot'],
      published: true,
    },
  ])('$name', ({ author, marker, bots, published }) => {
    const m = model([issue({ number: 7, author, body: body(marker), labels: ['incident', 'P1', 'component:site'] })], bots);
    expect(m.incidents.map((i) => i.number)).toEqual(published ? [7] : []);
    if (published) {
      expect(m.incidents[0]?.detectedBy).toEqual({ monitorId: 'homepage', name: 'Homepage' });
      expect(m.components.find((c) => c.id === 'site')?.status).toBe('partial_outage');
    }
  });

  test('the bot’s comments and labels are not trusted: no updates, no status changes; its close resolves', () => {
    const at = '2026-11-21T10:30:00Z';
    const record = issue({
      number: 8,
      author: BOT,
      body: body(monitorMarker('homepage')),
      labels: ['incident', 'P1', 'component:site'],
      comments: [comment({ at, author: BOT, body: 'Status: identified\nRecovered: passes again.' })],
      events: [event('labeled', at, { actor: BOT, label: 'identified' })],
    });
    const open = model([record]).incidents[0];
    expect(open?.updates).toEqual([]);
    expect(open?.status).toBe('investigating');
    const closedAt = '2026-11-21T11:00:00Z';
    const closed = model([
      {
        ...record,
        state: 'closed',
        stateReason: 'completed',
        closedAt,
        events: [...record.events, event('closed', closedAt, { actor: BOT, stateReason: 'completed' })],
      },
    ]).incidents[0];
    expect(closed?.status).toBe('resolved');
  });
});

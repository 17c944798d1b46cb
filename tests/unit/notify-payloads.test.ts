import { describe, expect, test } from 'vitest';
import { createApiContext } from '../../src/lib/api/context.ts';
import { listNotifyEvents } from '../../src/lib/notify/events.ts';
import { composeMessage, type NotifyMessage } from '../../src/lib/notify/message.ts';
import { buildDiscordPayload, buildNtfyRequest, buildSlackPayload, buildTeamsPayload } from '../../src/lib/notify/payloads.ts';
import { buildStatuspageWebhooks } from '../../src/lib/notify/statuspage-webhook.ts';
import { writeSubscriptionComment } from '../../src/lib/notify/subscriptions.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { comment, config, issue, snapshot } from '../support/records.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const LINK = 'https://acme.github.io/status-sub/incidents/1/';

const HOSTILE = [
  { name: 'Slack specials', text: '<!channel> deploy <!here|here> <@U024BE7LH> <#C123>' },
  { name: 'mass mentions', text: '@everyone @here @channel look' },
  { name: 'Slack link spoofing', text: '<https://evil.example/login|Reset your password>' },
  { name: 'markdown link spoofing', text: '[Reset your password](https://evil.example)' },
  { name: 'HTML and script', text: '<script>alert(1)</script><img src=x onerror=alert(1)>' },
  { name: 'formatting', text: '**urgent** _x_ ~~y~~ `code` > quote # heading' },
  { name: 'person mention and reference', text: 'ping @alice about #12' },
];

/** The message of each event of one incident whose title and update are `text`. */
function messagesFor(text: string): { messages: NotifyMessage[]; webhooks: unknown[] } {
  const cfg = config();
  const record = issue({
    number: 1,
    title: text,
    labels: ['incident', 'P0', 'component:cli'],
    comments: [comment({ id: 5, at: '2026-11-20T10:10:00Z', body: text })],
  });
  const model = buildSiteModel({ config: cfg, snapshot: SnapshotSchema.parse(snapshot([record])), postmortemFiles: [], now: NOW, demo: false });
  const api = createApiContext(model, '/status-sub');
  const events = listNotifyEvents(model, NOW);
  return {
    messages: events.map((e) => composeMessage(e, { config: cfg, urls: api.urls, absolute: api.absolute, now: NOW })),
    webhooks: events.flatMap((e) => buildStatuspageWebhooks(e, api)),
  };
}

const MASS = /@(everyone|here|channel)/i;

describe.each(HOSTILE)('$name in a title and an update', ({ text }) => {
  const { messages, webhooks } = messagesFor(text);
  const update = messages.at(-1);
  if (!update) throw new Error('no update event');

  test('the message carries the raw title (each channel escapes it)', () => {
    expect(update.title).toBe(text);
  });

  test('Slack: no control sequence but our own link, no mass mention', () => {
    const { text: body } = buildSlackPayload(update);
    expect(body).not.toMatch(MASS);
    expect(body.match(/</g)).toEqual(['<']);
    expect(body).toContain(`<${LINK}|Status page>`);
    expect(body).toContain(text.includes('<') ? '&lt;' : '');
  });

  test('Discord: markdown escaped, mentions disabled', () => {
    const payload = buildDiscordPayload(update);
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    expect(payload.content).not.toMatch(MASS);
    expect(payload.content).not.toMatch(/(?<!\\)\[/);
    expect(payload.content).not.toMatch(/(?<!\\)<(?!https:\/\/acme\.github\.io\/)/);
    // Inside our own **bold** wrappers, no formatting character of theirs is left unescaped.
    const lines = payload.content.split('\n').map((l) => l.replace(/^\*\*(.*)\*\*$/, '$1'));
    for (const line of lines) expect(line).not.toMatch(/(?<!\\)[*_~`|]/);
  });

  test('Teams: every text of the card escaped', () => {
    const texts = JSON.stringify(buildTeamsPayload(update));
    const card = JSON.parse(texts) as { attachments: { content: { body: { text?: string; facts?: { value: string }[] }[] } }[] };
    const strings = card.attachments[0]?.content.body.flatMap((b) => [b.text ?? '', ...(b.facts ?? []).map((f) => f.value)]) ?? [];
    for (const s of strings) {
      expect(s).not.toMatch(MASS);
      expect(s).not.toMatch(/(?<!\\)[[<*_`]/);
    }
  });

  test('ntfy: plain text, never markdown, no mass mention', () => {
    const request = buildNtfyRequest('https://ntfy.example/acme-status', update);
    const body = request.body as Record<string, unknown>;
    expect(body['markdown']).toBeUndefined();
    expect(`${body['title']}\n${body['message']}`).not.toMatch(MASS);
  });

  test('Statuspage webhook: plain text, no mass mention', () => {
    const json = JSON.stringify(webhooks);
    expect(json).not.toMatch(MASS);
    const incident = (webhooks[0] as { incident: { name: string } }).incident;
    expect(incident.name).toBe(text.replace(/@(everyone|here|channel)/gi, (m) => `@\u200B${m.slice(1)}`));
  });

  test('subscribe issue comment: GitHub markdown escaped, no @mention, no #reference', () => {
    const body = writeSubscriptionComment(update);
    expect(body).not.toMatch(MASS);
    expect(body).not.toMatch(/@[A-Za-z0-9]/);
    expect(body).not.toMatch(/#\d/);
    expect(body.replace(/^\*\*|\*\*$/gm, '')).not.toMatch(/(?<!\\)[[<_`]/);
  });
});

describe('ntfy', () => {
  const base: NotifyMessage = {
    eventId: 'incident-1:declared',
    headline: 'Incident declared',
    severity: 'P0 · Critical',
    title: 'Installs fail',
    components: ['CLI'],
    status: 'Investigating',
    update: '',
    onCall: null,
    link: LINK,
  };
  test.each([
    { name: 'P0 is urgent', message: base, priority: 5 },
    { name: 'P1 is high', message: { ...base, severity: 'P1 · Major' }, priority: 4 },
    { name: 'P2 is default', message: { ...base, severity: 'P2 · Minor' }, priority: 3 },
    { name: 'resolved P0 is default', message: { ...base, headline: 'Resolved' }, priority: 3 },
    { name: 'maintenance is default', message: { ...base, severity: null, headline: 'Maintenance started' }, priority: 3 },
  ])('$name', ({ message, priority }) => {
    expect((buildNtfyRequest('https://ntfy.example/acme', message).body as { priority: number }).priority).toBe(priority);
  });

  test.each([
    { url: 'https://ntfy.sh/acme-status', post: 'https://ntfy.sh/', topic: 'acme-status' },
    { url: 'https://push.example.org/ntfy/acme?x=1', post: 'https://push.example.org/ntfy/', topic: 'acme' },
  ])('JSON is published to the server root: $url', ({ url, post, topic }) => {
    const request = buildNtfyRequest(url, base);
    expect(request.url).toBe(post);
    expect(request.body).toMatchObject({ topic, click: LINK, title: '[P0] Incident declared: Installs fail' });
  });
});

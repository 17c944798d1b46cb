/**
 * Each chat's request for one message: Slack, Discord and Teams incoming webhooks, and ntfy's
 * JSON publishing. Every untrusted string goes through its channel's escaper (escape.ts); the
 * generic `webhook` (Statuspage's payload) is built in statuspage-webhook.ts.
 */

import { breakMassMentions, escapeCommonMark, escapeDiscord, escapeSlack } from './escape.ts';
import type { NotifyMessage } from './message.ts';

export interface OutgoingRequest {
  readonly url: string;
  /** Sent as JSON. */
  readonly body: unknown;
}

/** The lines every message has, already escaped by `esc`, with the link formatted by `link`. */
function lines(m: NotifyMessage, esc: (s: string) => string): string[] {
  return [
    m.components.length > 0 ? `Components: ${esc(m.components.join(', '))}` : '',
    `Status: ${esc(m.status)}`,
    m.update ? `Latest update: ${esc(m.update)}` : '',
    m.onCall ? `On call: ${esc(m.onCall)}` : '',
  ].filter((l) => l !== '');
}

const heading = (m: NotifyMessage): string => (m.severity ? `${m.headline} · ${m.severity}` : m.headline);

/** https://api.slack.com/messaging/webhooks — mrkdwn text; our own link is the only `<…|…>` in it. */
export function buildSlackPayload(m: NotifyMessage): { text: string; unfurl_links: false; unfurl_media: false } {
  const text = [`*${escapeSlack(heading(m))}*`, `*${escapeSlack(m.title)}*`, ...lines(m, escapeSlack), `<${escapeSlack(m.link)}|Status page>`].join('\n');
  return { text, unfurl_links: false, unfurl_media: false };
}

/** https://discord.com/developers/docs/resources/webhook#execute-webhook — no mention may ping anyone. */
export function buildDiscordPayload(m: NotifyMessage): { content: string; allowed_mentions: { parse: [] } } {
  const content = [`**${escapeDiscord(heading(m))}**`, `**${escapeDiscord(m.title)}**`, ...lines(m, escapeDiscord), `Status page: <${m.link}>`].join('\n');
  return { content, allowed_mentions: { parse: [] } };
}

/**
 * Teams: an Adaptive Card in a message, the shape Teams' "Post to a channel when a webhook request
 * is received" workflow and the older incoming-webhook connectors both accept.
 */
export function buildTeamsPayload(m: NotifyMessage): unknown {
  const facts = [
    ...(m.severity ? [{ title: 'Severity', value: escapeCommonMark(m.severity) }] : []),
    ...(m.components.length > 0 ? [{ title: 'Components', value: escapeCommonMark(m.components.join(', ')) }] : []),
    { title: 'Status', value: escapeCommonMark(m.status) },
    ...(m.onCall ? [{ title: 'On call', value: escapeCommonMark(m.onCall) }] : []),
  ];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: escapeCommonMark(m.headline), weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: escapeCommonMark(m.title), size: 'Medium', weight: 'Bolder', wrap: true },
            { type: 'FactSet', facts },
            ...(m.update ? [{ type: 'TextBlock', text: escapeCommonMark(m.update), wrap: true }] : []),
          ],
          actions: [{ type: 'Action.OpenUrl', title: 'Status page', url: m.link }],
        },
      },
    ],
  };
}

/** ntfy priorities: 5 is "urgent" (P0), 4 "high" (P1), 3 the default. */
const NTFY_PRIORITY: Readonly<Record<string, number>> = { P0: 5, P1: 4, P2: 3 };

/**
 * https://docs.ntfy.sh/publish/#publish-as-json — JSON is posted to the server's root with the
 * topic in the body, so `https://ntfy.sh/acme-status` becomes a POST to `https://ntfy.sh/`.
 * Plain text (no `markdown: true`), so nothing in the message is markup; mass mentions are
 * broken anyway, in case a subscriber forwards it to a chat.
 */
export function buildNtfyRequest(topicUrl: string, m: NotifyMessage): OutgoingRequest {
  const url = new URL(topicUrl);
  const parts = url.pathname.split('/').filter(Boolean);
  const topic = parts.pop() ?? '';
  url.pathname = `/${parts.map((p) => `${p}/`).join('')}`;
  url.search = '';
  const severity = m.severity?.slice(0, 2) ?? '';
  const over = /^(Resolved|Withdrawn|Maintenance ended|Maintenance cancelled)/.test(m.headline);
  return {
    url: url.href,
    body: {
      topic: decodeURIComponent(topic),
      title: breakMassMentions(`${m.severity ? `[${severity}] ` : ''}${m.headline}: ${m.title}`),
      message: [m.title, ...lines(m, (s) => s)].map(breakMassMentions).join('\n'),
      priority: over ? 3 : (NTFY_PRIORITY[severity] ?? 3),
      tags: [over ? 'white_check_mark' : m.severity ? 'rotating_light' : 'wrench'],
      click: m.link,
    },
  };
}

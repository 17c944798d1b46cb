/**
 * Subscriptions with no server: one locked "subscribe" issue per component and one for everything,
 * on which sitrep comments every incident step; whoever subscribes to the issue on GitHub gets
 * GitHub's email or push. This file decides their keys, texts and which events each one hears;
 * src/github/subscriptions.ts finds, creates and comments on them.
 *
 * An issue is sitrep's only when its author is sitrep's login AND its body starts with the hidden
 * marker: a person's issue quoting the marker is never taken over.
 */
import type { SiteConfig } from '../schema/config.ts';
import { escapeGitHubMarkdown } from './escape.ts';
import type { NotifyEvent } from './events.ts';
import type { NotifyMessage } from './message.ts';

export const ALL_KEY = 'all';
const MARKER = /^<!-- sitrep:subscribe:([a-z0-9][a-z0-9-]*) -->/;

export const subscribeMarker = (key: string): string => `<!-- sitrep:subscribe:${key} -->`;

/** The delivery-record id of a subscribe issue. */
export const subscriptionTargetId = (key: string): string => `subscribe:${key}`;

/** `all`, then each component id, in config order. */
export function listSubscriptionKeys(config: Pick<SiteConfig, 'components'>): string[] {
  return [ALL_KEY, ...config.components.map((c) => c.id)];
}

/** The key of a body sitrep wrote, or null. */
export function readSubscribeMarker(body: string | null | undefined): string | null {
  return MARKER.exec(body ?? '')?.[1] ?? null;
}

export interface SubscribeIssueText {
  readonly title: string;
  readonly body: string;
}

/** `pageUrl` and `feedUrl` are absolute: the component's page and Atom feed (or the home page and history feed). */
export function writeSubscribeIssue(key: string, config: Pick<SiteConfig, 'title' | 'components'>, pageUrl: string, feedUrl: string): SubscribeIssueText {
  const component = config.components.find((c) => c.id === key);
  const what = component ? `${component.name}` : `every component of ${config.title}`;
  return {
    title: component ? `Subscribe: ${component.name} status updates` : `Subscribe: all status updates (${config.title})`,
    body: [
      subscribeMarker(key),
      `**Subscribe to this issue to hear of incidents affecting ${escapeGitHubMarkdown(what)}.**`,
      '',
      'Click **Subscribe** in the sidebar: GitHub then emails you, or notifies GitHub Mobile, each time sitrep posts here — when an incident is declared, updated, resolved or withdrawn, and when maintenance starts and ends.',
      '',
      `- Status page: ${pageUrl}`,
      `- Atom feed: ${feedUrl}`,
      `- In Slack: \`/feed subscribe ${feedUrl}\``,
      '',
      'This issue is locked so that only updates appear here; sitrep wrote it and keeps it. Report a problem by opening a new issue.',
    ].join('\n'),
  };
}

/** The "everything" issue hears every event; a component's issue hears those that name it. */
export function subscriptionWants(key: string, event: NotifyEvent): boolean {
  return key === ALL_KEY || event.components.includes(key);
}

/** The comment for one event: GitHub markdown with every untrusted string escaped and no @mention or #reference. */
export function writeSubscriptionComment(m: NotifyMessage): string {
  const esc = escapeGitHubMarkdown;
  return [
    `**${esc(m.severity ? `${m.headline} · ${m.severity}` : m.headline)}: ${esc(m.title)}**`,
    '',
    ...(m.components.length > 0 ? [`- Components: ${esc(m.components.join(', '))}`] : []),
    `- Status: ${esc(m.status)}`,
    ...(m.update ? [`- Latest update: ${esc(m.update)}`] : []),
    `- Details: ${m.link}`,
  ].join('\n');
}

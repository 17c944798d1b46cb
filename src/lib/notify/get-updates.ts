/**
 * The "Get updates" section of the home page (everything) and of each component's page: the
 * subscribe issue on GitHub (when `npm run notify` has created it: the build reads its number from
 * the delivery record), the Atom and RSS feeds, and the Slack command that follows the feed.
 */
import { componentFeedPath, SITE_FEEDS } from '../api/paths.ts';
import type { NotifyState } from '../schema/notify-state.ts';
import type { SiteUrls } from '../urls.ts';
import { ALL_KEY } from './subscriptions.ts';

export interface GetUpdatesView {
  /** The subscribe issue on GitHub; null until `npm run notify` has created it. */
  readonly issueUrl: string | null;
  /** Site paths. */
  readonly atom: string;
  readonly rss: string;
  /** `/feed subscribe https://…/feeds/components/cli.atom` — Slack's RSS app takes Atom too. */
  readonly slackCommand: string;
}

/**
 * The subscribe issues the record holds for this repository (a record from another repository,
 * e.g. a copied cache, is ignored rather than linking someone else's issues).
 */
export function readSubscribeIssueUrls(state: Pick<NotifyState, 'subscriptions'> | null, repository: string): ReadonlyMap<string, string> {
  const subs = state?.subscriptions;
  if (!subs || subs.repository.toLowerCase() !== repository.toLowerCase()) return new Map();
  return new Map(Object.entries(subs.issues).map(([key, issue]) => [key, issue.url]));
}

/** `componentId` null: the whole page. */
export function describeGetUpdates(
  componentId: string | null,
  issues: ReadonlyMap<string, string>,
  urls: SiteUrls,
  absolute: (path: string) => string,
): GetUpdatesView {
  const atom = urls.file(componentId ? componentFeedPath(componentId, 'atom') : SITE_FEEDS.atom);
  const rss = urls.file(componentId ? componentFeedPath(componentId, 'rss') : SITE_FEEDS.rss);
  return { issueUrl: issues.get(componentId ?? ALL_KEY) ?? null, atom, rss, slackCommand: `/feed subscribe ${absolute(atom)}` };
}

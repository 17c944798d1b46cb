/**
 * Atom and RSS feeds of incidents and their updates, site-wide and per component. One entry per
 * event (an incident opening, a status change, a maintainer's update), so a chat integration that
 * posts new entries announces every update; each entry links to the incident's page.
 *
 * The `feed` package writes the XML. Its escaping leaves three gaps that issue text could reach,
 * closed here: characters XML forbids (control characters, lone surrogates) are removed, a second
 * `]]>` inside CDATA is neutralised (the package splits only the first), and Atom titles, which
 * it marks `type="html"`, are HTML-escaped so a title like `<b>` stays text.
 */
import { Feed, type Item } from 'feed';
import type { Incident } from '../incident.ts';
import { SEVERITY_INFO } from '../severity.ts';
import type { SiteModel } from '../site-model.ts';
import type { SiteUrls } from '../urls.ts';
import { componentNames, incidentsForComponent, STATUS_TEXT } from '../views.ts';
import { type ApiContext, createApiContext } from './context.ts';
import { listIncidentEvents } from './events.ts';
import { componentFeedPath, FEED_TYPES, type FeedFormat, SITE_FEEDS } from './paths.ts';
import { escapeXml, stripXmlInvalid, toCdataSafe } from './xml.ts';

/** Entries per feed, newest first: enough for a reader that polls daily. */
export const FEED_LIMIT = 100;

interface Entry {
  readonly id: string;
  readonly title: string;
  readonly html: string;
  readonly link: string;
  readonly at: Date;
  readonly author: string | null;
}

/** The latest time any of an incident's events can have (its events are drawn from these times). */
function latestEventTime(incident: Incident): string {
  let latest = incident.startedAt;
  for (const change of incident.timeline) if (change.at > latest) latest = change.at;
  for (const update of incident.updates) if (update.createdAt > latest) latest = update.createdAt;
  return latest;
}

/**
 * The incidents whose events can be among the newest `limit`: incidents are taken latest event
 * first, and once `limit` events are in hand, one whose latest event is older than the
 * `limit`-th newest of them cannot contribute. A feed at 10,000 incidents expands a few hundred.
 */
function incidentsForNewestEvents(incidents: readonly Incident[], limit: number): Incident[] {
  const byLatest = incidents
    .map((incident) => ({ incident, latest: latestEventTime(incident) }))
    .sort((a, b) => (a.latest < b.latest ? 1 : a.latest > b.latest ? -1 : 0));
  const taken: Incident[] = [];
  const times: number[] = [];
  let cutoff = Number.NEGATIVE_INFINITY;
  for (const { incident, latest } of byLatest) {
    if (times.length >= limit && new Date(latest).getTime() < cutoff) break;
    taken.push(incident);
    for (const event of listIncidentEvents(incident)) times.push(new Date(event.at).getTime());
    if (times.length >= limit) cutoff = [...times].sort((a, b) => b - a)[limit - 1] ?? cutoff;
  }
  return taken;
}

function listEntries(ctx: ApiContext, all: readonly Incident[]): Entry[] {
  const incidents = incidentsForNewestEvents(all, FEED_LIMIT);
  const entries = incidents.flatMap((incident) => {
    const link = ctx.absolute(ctx.urls.incident(incident.number));
    const severity = SEVERITY_INFO[incident.severity];
    const names = componentNames(ctx.model, incident.components);
    const facts = `<p>${escapeXml(`${severity.severity} (${severity.name})${names.length > 0 ? ` · ${names.join(', ')}` : ''}`)} · <a href="${escapeXml(link)}">Incident page</a></p>`;
    return listIncidentEvents(incident).map(
      (event): Entry => ({
        id: `urn:sitrep:${ctx.pageId}:incident:${incident.number}:${event.id}`,
        title: `${STATUS_TEXT[event.status]}: ${incident.title}`,
        html: `${event.html}\n${facts}`,
        link: `${link}${event.anchor}`,
        at: new Date(event.at),
        author: event.author,
      }),
    );
  });
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id)).slice(0, FEED_LIMIT);
}

export interface FeedTarget {
  readonly title: string;
  /** The page the feed follows. */
  readonly home: string;
  /** The feed files, by format (site paths). */
  readonly files: Readonly<Record<FeedFormat, string>>;
  readonly incidents: readonly Incident[];
}

/** The site-wide feed, or one component's. */
export function describeFeed(ctx: ApiContext, componentId?: string): FeedTarget {
  const { model, urls } = ctx;
  if (componentId === undefined) {
    return { title: `${model.config.title}: incidents`, home: urls.home, files: sitePaths(urls), incidents: model.incidents };
  }
  const name = model.config.components.find((c) => c.id === componentId)?.name ?? componentId;
  return {
    title: `${model.config.title}: ${name} incidents`,
    home: urls.component(componentId),
    files: { atom: urls.file(componentFeedPath(componentId, 'atom')), rss: urls.file(componentFeedPath(componentId, 'rss')) },
    incidents: incidentsForComponent(model, componentId),
  };
}

const sitePaths = (urls: SiteUrls): Record<FeedFormat, string> => ({ atom: urls.file(SITE_FEEDS.atom), rss: urls.file(SITE_FEEDS.rss) });

export function renderFeed(ctx: ApiContext, target: FeedTarget, format: FeedFormat): string {
  const { model } = ctx;
  const entries = listEntries(ctx, target.incidents);
  const home = ctx.absolute(target.home);
  const feed = new Feed({
    id: home,
    title: stripXmlInvalid(target.title),
    description: stripXmlInvalid(model.config.description),
    link: home,
    language: 'en',
    // The newest entry, so an unchanged feed stays byte-identical from build to build.
    updated: entries[0]?.at ?? new Date(model.dataAsOf),
    generator: 'sitrep',
    feedLinks: { atom: ctx.absolute(target.files.atom), rss: ctx.absolute(target.files.rss) },
    author: { name: stripXmlInvalid(model.config.title), link: ctx.absolute(ctx.urls.home) },
  });
  for (const entry of entries) {
    const item: Item = {
      id: entry.id,
      // Atom marks titles as HTML; RSS titles are plain text (a `]]>` in one reads as `]]&gt;`).
      title: toCdataSafe(format === 'atom' ? escapeXml(entry.title) : entry.title),
      link: entry.link,
      date: entry.at,
      content: toCdataSafe(entry.html),
      ...(entry.author ? { author: [{ name: entry.author }] } : {}),
    };
    feed.addItem(item);
  }
  return format === 'atom' ? feed.atom1() : feed.rss2();
}

export interface FeedLink {
  readonly type: string;
  readonly title: string;
  readonly href: string;
}

/**
 * `<link rel="alternate">` targets for a page: the site-wide feeds everywhere, and a component's
 * own feeds on its pages.
 */
export function listFeedLinks(ctx: ApiContext, pathname: string): FeedLink[] {
  const targets = [describeFeed(ctx)];
  const page = decodeURI(pathname).replace(/\/?$/, '/');
  // Its first page or an older page of its past incidents (`/components/<id>/2/`).
  const component = ctx.model.components.find(
    (c) => page === ctx.urls.component(c.id) || (/^\d+\/$/.test(page.slice(ctx.urls.component(c.id).length)) && page.startsWith(ctx.urls.component(c.id))),
  );
  if (component) targets.push(describeFeed(ctx, component.id));
  return targets.flatMap((t) => [
    { type: FEED_TYPES.atom, title: `${t.title} (Atom)`, href: t.files.atom },
    { type: FEED_TYPES.rss, title: `${t.title} (RSS)`, href: t.files.rss },
  ]);
}

interface PageFeedLinks {
  readonly base: string;
  readonly ctx: ApiContext;
  /** Each component's page path, worked out once rather than three times per component per page. */
  readonly componentPaths: readonly (readonly [id: string, path: string])[];
  /** The links per matched component id ('' for the site-wide pair): the same for every page. */
  readonly byComponent: Map<string, readonly FeedLink[]>;
}
const pageFeedLinkMemo = new WeakMap<SiteModel, PageFeedLinks>();

/**
 * `listFeedLinks` for the page at `pathname`, memoised per model (issue #15): every page's `<head>`
 * asks, and the answer is one of a handful of lists (the site's feeds, or a component's with them),
 * so the API context and the lists are built once instead of for each of 12,000 pages.
 */
export function pageFeedLinks(model: SiteModel, base: string, pathname: string): readonly FeedLink[] {
  let memo = pageFeedLinkMemo.get(model);
  if (!memo || memo.base !== base) {
    const ctx = createApiContext(model, base);
    memo = { base, ctx, componentPaths: model.components.map((c) => [c.id, ctx.urls.component(c.id)] as const), byComponent: new Map() };
    pageFeedLinkMemo.set(model, memo);
  }
  const page = decodeURI(pathname).replace(/\/?$/, '/');
  // The same match as listFeedLinks: a component's first page or an older one (`/components/<id>/2/`).
  const match = memo.componentPaths.find(([, path]) => page === path || (/^\d+\/$/.test(page.slice(path.length)) && page.startsWith(path)));
  const key = match?.[0] ?? '';
  let links = memo.byComponent.get(key);
  if (!links) {
    links = listFeedLinks(memo.ctx, pathname);
    memo.byComponent.set(key, links);
  }
  return links;
}

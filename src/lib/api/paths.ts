/**
 * Where the machine-readable files live, relative to the site's base. The page files under
 * src/pages/ must sit at these paths; one place names them so that feeds, FeedLinks, the docs'
 * examples and the tests agree.
 */

/** The Statuspage API v2 files, under `api/v2/`. */
export const API_FILES = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const;
export type ApiFile = (typeof API_FILES)[number];

export const apiPath = (file: ApiFile): string => `api/v2/${file}`;

export type FeedFormat = 'atom' | 'rss';

/** Statuspage's own names for the site-wide feeds, so tools that guess them find them. */
export const SITE_FEEDS: Readonly<Record<FeedFormat, string>> = { atom: 'history.atom', rss: 'history.rss' };

export const componentFeedPath = (id: string, format: FeedFormat): string => `feeds/components/${id}.${format}`;

export const SITE_BADGE = 'badge.svg';
export const componentBadgePath = (id: string): string => `badges/${id}.svg`;

export const FEED_TYPES: Readonly<Record<FeedFormat, string>> = { atom: 'application/atom+xml', rss: 'application/rss+xml' };

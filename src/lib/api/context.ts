/**
 * What every machine-readable file shares: the page's identity, absolute URLs and the timestamp
 * form. Built once per build from the site model and the base path Astro serves under.
 */
import type { SiteModel } from '../site-model.ts';
import { makeUrls, type SiteUrls } from '../urls.ts';
import type { ApiPage } from './statuspage-types.ts';

export interface ApiContext {
  readonly model: SiteModel;
  readonly urls: SiteUrls;
  readonly pageId: string;
  readonly page: ApiPage;
  /** A site path (from `urls`) as an absolute URL on the configured origin. */
  readonly absolute: (path: string) => string;
}

/**
 * A stable page id from `owner/repo`: Statuspage ids are opaque strings, and deriving it from
 * the repository keeps it the same across builds and machines.
 */
export function derivePageId(repository: string): string {
  return repository
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * `2026-11-21T10:04:05.000Z`: always milliseconds and an offset, the one form every Statuspage
 * client parses (some reject `…05Z`).
 */
export function toApiTime(iso: string): string {
  return new Date(iso).toISOString();
}

/** `base` as Astro gives it (`import.meta.env.BASE_URL`). */
export function createApiContext(model: SiteModel, base: string): ApiContext {
  const pageId = derivePageId(model.config.repository);
  const origin = new URL(model.config.site).origin;
  return {
    model,
    urls: makeUrls(base),
    pageId,
    page: {
      id: pageId,
      name: model.config.title,
      url: model.config.site.replace(/\/+$/, ''),
      time_zone: 'Etc/UTC',
      // When the data was read from GitHub: the truth about how fresh every file is.
      updated_at: toApiTime(model.dataAsOf),
    },
    absolute: (path) => new URL(path, origin).href,
  };
}

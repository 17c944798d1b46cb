/**
 * The whole HTML document of a page around its content: the head (title, description, canonical
 * link, the chrome's theme and brand tags, feed links, the stylesheet), the header, the notices,
 * the footer and the page script. Every page is this one string: `src/layouts/Base.astro` puts the
 * templates of the few pages that are still Astro pages inside it, and the pages a long history
 * has thousands of — incidents, the history, each severity's history, a component's older pages —
 * are endpoints that write it without Astro's page renderer, which cost 0.3–1.5 ms a page in
 * render contexts and component instances at 10,000 incidents (issue #15). Written as Astro wrote
 * the layout's compressed template, so the pages stayed byte for byte the same. Pure.
 */
import { pageFeedLinks } from './api/feeds.ts';
import { attribute, escapeHtml } from './html-escape.ts';
import { PAGE_SCRIPT } from './page-script.ts';
import { feedLinksHtml, siteChromeHtml } from './site-chrome-html.ts';
import type { SiteModel } from './site-model.ts';
import type { SiteUrls } from './urls.ts';

/** What differs from page to page. */
export interface PageMeta {
  /** The page's path as served (`/repo/history/2/`); it picks the feed links and, by default, the canonical URL. */
  readonly pathname: string;
  /** Page title; the site title is appended. None on the home page. */
  readonly title?: string | undefined;
  /** The configured description when none. */
  readonly description?: string | undefined;
  /** Path of the canonical URL when it is not the page's own (the 404 page). */
  readonly canonicalPath?: string | undefined;
}

/** What is the same for every page of a build, besides the model. */
export interface DocumentContext {
  readonly urls: SiteUrls;
  /** Astro's `base` (`/` or `/repo`), as the feed links take it. */
  readonly base: string;
  /** Astro's `site`, when configured; the config's `site` otherwise. */
  readonly site: string | URL | undefined;
  /** The stylesheet, as the build processed it. */
  readonly css: string;
}

/** The absolute canonical URL of a page: its own path with a trailing slash (files keep theirs), or `canonicalPath`. */
export function canonicalUrl(page: PageMeta, site: string | URL): string {
  const { pathname } = page;
  const path = page.canonicalPath ?? (pathname.endsWith('/') || pathname.includes('.') ? pathname : `${pathname}/`);
  return new URL(path, site).href;
}

/** The page `body` (the content of `<main>` after the notices, already HTML) inside the site's document. */
export function documentHtml(model: SiteModel, context: DocumentContext, page: PageMeta, body: string): string {
  const { config } = model;
  const chrome = siteChromeHtml(model, context.urls);
  const feedLinks = feedLinksHtml(pageFeedLinks(model, context.base, page.pathname));
  const title = page.title ? `${page.title} · ${config.title}` : config.title;
  return (
    '<!DOCTYPE html><html lang="en"> <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><meta name="description"${attribute('content', page.description ?? config.description)}>` +
    `<link rel="canonical"${attribute('href', canonicalUrl(page, context.site ?? config.site))}>${chrome.head}${feedLinks}` +
    `<style>${context.css}</style></head> <body${attribute('data-as-of', model.dataAsOf)}${attribute('data-stale-after', config.staleAfterMinutes)}>` +
    ` <header class="site">${chrome.header}</header> <main class="wrap" id="main"> ${chrome.notices} ${body} </main>` +
    ` <footer class="site">${chrome.footer}</footer> <script>${PAGE_SCRIPT}</script> </body> </html>`
  );
}

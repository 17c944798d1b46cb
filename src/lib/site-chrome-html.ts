/**
 * What every page around its content has that is the same on every page of a build (inside the
 * document, document-html.ts): the head's theme and brand tags, the header and its navigation, the
 * notices (demo data, stale data, unreadable records) and the footer. Written once per build as
 * HTML strings rather than drawn by the layout's template on each of 13,000 pages of a
 * 10,000-incident history (issue #15), where each conditional, list and fragment is work for Astro's
 * renderer. Text is escaped and attributes written as Astro writes them (html-escape.ts) and the
 * whitespace is the template's as Astro compressed it, so the pages are byte for byte the same.
 */
import type { FeedLink } from './api/feeds.ts';
import { assetHref } from './brand-assets.ts';
import { formatUtc } from './format.ts';
import { attribute, escapeHtml as text } from './html-escape.ts';
import type { SiteModel } from './site-model.ts';
import { timeHtml } from './time-html.ts';
import type { SiteUrls } from './urls.ts';

export interface SiteChrome {
  /** After the canonical link: colour scheme, favicon, accent style, robots. */
  readonly head: string;
  /** Inside `<header class="site">`. */
  readonly header: string;
  /** The first things inside `<main>`. */
  readonly notices: string;
  /** Inside `<footer class="site">`. */
  readonly footer: string;
}

/** Neutral grey: it says nothing about the status, so it is never out of date. */
const DEFAULT_FAVICON = `<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%235b6470'/%3E%3C/svg%3E">`;

function headHtml({ brand, demo }: SiteModel, urls: SiteUrls): string {
  // Inline by default, so browsers do not ask for /favicon.ico at the origin root (outside a project site, a 404 on every visit).
  const favicon = brand.favicon
    ? `<link rel="icon"${attribute('href', assetHref(brand.favicon.ref, urls.file))}${attribute('type', brand.favicon.type)} data-brand-favicon>`
    : DEFAULT_FAVICON;
  // The configured accent, shaded per theme for contrast (accent.ts): `#rrggbb` values only.
  const accent = brand.accentCss ? `<style data-brand-accent>${brand.accentCss}</style>` : '';
  return `<meta name="color-scheme" content="light dark">${favicon}${accent}${demo ? '<meta name="robots" content="noindex">' : ''}`;
}

function headerHtml({ brand, config }: SiteModel, urls: SiteUrls): string {
  // With a logo the link's name is the logo's alt text (the title); the visible title beside it is not read twice.
  const name = brand.logo
    ? `<img${attribute('src', assetHref(brand.logo, urls.file))}${attribute('alt', config.title)} data-brand-logo><span aria-hidden="true">${text(config.title)}</span>`
    : text(config.title);
  const links = brand.links.map((link) => `<li><a${attribute('href', link.url)} data-brand-link>${text(link.text)}</a></li>`).join('');
  return (
    ` <div class="wrap">  <a class="brand"${attribute('href', urls.home)}>${name}</a> <nav aria-label="Main"> <ul> ` +
    `<li><a${attribute('href', urls.home)}>Status</a></li> <li><a${attribute('href', urls.history())}>History</a></li> ` +
    `<li><a${attribute('href', urls.postmortems)}>Post-mortems</a></li> <li><a${attribute('href', urls.maintenances)}>Maintenance</a></li> ` +
    `${links} </ul> </nav> </div> `
  );
}

function noticesHtml(model: SiteModel): string {
  const { config } = model;
  const demo = model.demo
    ? `<p class="notice demo" role="note" data-demo-banner>\nDemo data: this page shows made-up incidents of a fictional project. Run <code>npm run sync</code> to build it from your repository.\n</p>`
    : '';
  const age = model.futureData
    ? '<span>, a time after this page was built (the clock where it was synced is wrong)</span>'
    : model.stale
      ? `<span>, ${model.dataAgeMinutes} minutes before this page was built</span>`
      : '';
  const issues = `${config.githubUrl}/${config.repository}/issues?q=label%3A${encodeURIComponent(config.labels.incident)}`;
  // Shown by the page's script too when the visitor's clock says the data has grown old since the build.
  const stale =
    `<p class="notice" role="alert" id="stale-warning"${model.stale ? '' : ' hidden'} data-stale-warning>\n` +
    `This status may be out of date: the data was last updated <time${attribute('datetime', model.dataAsOf)}>${text(formatUtc(model.dataAsOf))}</time>${age}. Check the\n` +
    `<a${attribute('href', issues)}>incident issues on GitHub</a> for the latest.\n</p>`;
  const skipped = model.skipped.length;
  const incomplete =
    skipped > 0
      ? `<p class="notice" role="alert" data-incomplete-warning> ${skipped === 1 ? 'One incident record' : `${skipped} incident records`} could not be read, so this page may be incomplete.\n</p>`
      : '';
  return `${demo} ${stale} ${incomplete}`;
}

function footerHtml(model: SiteModel): string {
  const { brand, config, monitors } = model;
  const lastRun = monitors.lastRunAt
    ? `Monitors last ran ${timeHtml(monitors.lastRunAt)}${monitors.lastRunInconclusive ? text(' (inconclusive: the runner’s network, not counted)') : ''}.`
    : 'Monitors have not run yet.';
  const monitorNote = config.monitors.length > 0 ? `<span${attribute('data-monitors-last-run', monitors.lastRunAt ?? '')}> ${lastRun} </span>` : '';
  return (
    ` <div class="wrap"> ${brand.footerHtml ? `<p data-brand-footer>${brand.footerHtml}</p>` : ''} <p>\n` +
    `Data as of ${timeHtml(model.dataAsOf)}, page built ${timeHtml(model.now)}.\n${monitorNote}\n` +
    `Incidents are declared in <a${attribute('href', `${config.githubUrl}/${config.repository}/issues`)}>${text(config.repository)}</a>. <span data-tz-note>Times are UTC.</span> </p> </div> `
  );
}

const memo = new WeakMap<SiteModel, { readonly home: string; readonly chrome: SiteChrome }>();

/** The chrome of every page of `model`'s site, made once per model and base path. */
export function siteChromeHtml(model: SiteModel, urls: SiteUrls): SiteChrome {
  const known = memo.get(model);
  if (known?.home === urls.home) return known.chrome;
  const chrome = { head: headHtml(model, urls), header: headerHtml(model, urls), notices: noticesHtml(model), footer: footerHtml(model) };
  memo.set(model, { home: urls.home, chrome });
  return chrome;
}

/** A page's feed-discovery links (api/feeds.ts's pageFeedLinks), as `<link rel="alternate">` tags. */
export function feedLinksHtml(links: readonly FeedLink[]): string {
  return links.map((link) => `<link rel="alternate"${attribute('type', link.type)}${attribute('title', link.title)}${attribute('href', link.href)}>`).join('');
}

/**
 * The paged lists of incidents as HTML strings: the history (`/history/`, `/history/2/`…), each
 * severity's history and a component's past incidents, with their filter bar and pager. A
 * 10,000-incident history has 3,000 such pages, and through Astro's templates each cost 1–2 ms
 * in component instances and render contexts, more than its HTML (issue #15). Written as Astro
 * wrote the templates they replace (whitespace included, text and attributes escaped as Astro
 * escapes them), so the pages stayed byte for byte the same. Pure.
 */
import type { HistoryFilterBar } from './history-filters.ts';
import { attribute, escapeHtml as text } from './html-escape.ts';
import type { Incident } from './incident.ts';
import { incidentCardsHtml } from './incident-card-html.ts';
import type { GetUpdatesView } from './notify/get-updates.ts';
import type { ListPage, PagerView } from './pager.ts';
import { COMPONENT_STATUS_TEXT, SEVERITY_INFO, type Severity } from './severity.ts';
import type { SiteModel } from './site-model.ts';
import type { SiteUrls } from './urls.ts';
import { groupByMonth } from './views.ts';

/** The "Severity / Component" filter bar over a list. */
export function historyFiltersHtml(filters: HistoryFilterBar): string {
  const groups = [
    { label: 'Severity', links: filters.severities },
    { label: 'Component', links: filters.components },
  ].filter((g) => g.links.length > 0);
  const group = (g: (typeof groups)[number]): string =>
    `<div> <span class="muted">${g.label}</span> <ul> ${g.links
      .map((link) => `<li><a${attribute('href', link.href)}${link.current ? ' aria-current="true"' : ''}>${text(link.text)}</a></li>`)
      .join('')} </ul> </div>`;
  return `<nav class="filters" aria-label="Filter incidents" data-filters> ${groups.map(group).join('')} </nav>`;
}

/** Newer / the page numbers / Older; nothing for a list of one page (describePager gave null). */
export function pagerHtml(pager: PagerView | null): string {
  if (!pager) return '';
  const links = pager.links
    .map((link) =>
      link.kind === 'gap'
        ? '<li class="gap">…</li>'
        : `<li><a${attribute('href', link.href)}${link.current ? ' aria-current="page"' : ''}><span class="visually-hidden">Page </span>${link.page}</a></li>`,
    )
    .join('');
  return (
    `<nav class="pager"${attribute('aria-label', pager.label)}>` +
    (pager.newer ? `<a${attribute('href', pager.newer)} rel="prev">← Newer</a>` : '<span></span>') +
    `<ol class="pages">${links}</ol>` +
    (pager.older ? `<a${attribute('href', pager.older)} rel="next">Older →</a>` : '<span></span>') +
    '</nav>'
  );
}

/** Incidents (newest first) as cards under a heading per month. */
export function historyListHtml(model: SiteModel, incidents: readonly Incident[], urls: SiteUrls): string {
  return groupByMonth(incidents)
    .map(({ month, incidents: inMonth }) => `<section><h2>${text(month)}</h2>${incidentCardsHtml(model, inMonth, urls)}</section>`)
    .join('');
}

/** The body of a page of the whole history (`/history/`, `/history/2/`…). */
export function historyPageHtml(model: SiteModel, page: ListPage<Incident>, filters: HistoryFilterBar, pager: PagerView | null, urls: SiteUrls): string {
  return (
    ` <h1>Incident history</h1> <p class="muted"> ${model.incidents.length} incidents, newest first. Page ${page.currentPage} of ${page.lastPage}.\n</p> ` +
    `${historyFiltersHtml(filters)}${model.incidents.length === 0 ? ' <p>No incidents yet.</p>' : ''} ${historyListHtml(model, page.data, urls)} ${pagerHtml(pager)} ` +
    `<p><a${attribute('href', urls.maintenances)}>Scheduled maintenance, upcoming and past</a></p> `
  );
}

/** The body of a page of one severity's history (`/history/severity/p1/`…). */
export function severityPageHtml(
  model: SiteModel,
  severity: Severity,
  page: ListPage<Incident>,
  filters: HistoryFilterBar,
  pager: PagerView | null,
  urls: SiteUrls,
): string {
  const info = SEVERITY_INFO[severity];
  return (
    ` <p><a${attribute('href', urls.history())}>← All incidents</a></p> <h1>${text(severityHeading(severity))}</h1> ` +
    `<p>${text(info.meaning)} <a${attribute('href', urls.file('severity/'))}>About severities</a></p> ` +
    `<p class="muted"> ${page.total} ${severity} incidents, newest first. Page ${page.currentPage} of ${page.lastPage}.\n</p> ` +
    `${historyFiltersHtml(filters)}${page.total === 0 ? ` <p>No ${severity} incidents.</p>` : ''} ${historyListHtml(model, page.data, urls)} ${pagerHtml(pager)} `
  );
}

/** "P1 incidents (Major)": a severity page's heading, and with the page number its title. */
export function severityHeading(severity: Severity): string {
  return `${severity} incidents (${SEVERITY_INFO[severity].name})`;
}

/** The "Get updates" section: the subscribe issue on GitHub (once `npm run notify` made it), the feeds, Slack. */
export function getUpdatesHtml(updates: GetUpdatesView, subject: string): string {
  const issue = updates.issueUrl
    ? `<li> <a${attribute('href', updates.issueUrl)} data-subscribe-issue>Subscribe on GitHub</a> to get an email or a GitHub Mobile notification for each\nincident affecting ${text(subject)} (click “Subscribe” on that issue).\n</li>`
    : '';
  return (
    `<section aria-labelledby="get-updates-heading" data-get-updates> <h2 id="get-updates-heading">Get updates</h2> <ul> ${issue} ` +
    `<li>Feeds: <a${attribute('href', updates.atom)} data-feed="atom">Atom</a> · <a${attribute('href', updates.rss)} data-feed="rss">RSS</a></li> ` +
    `<li>In Slack: <code data-slack-command>${text(updates.slackCommand)}</code></li> </ul> </section>`
  );
}

type Component = SiteModel['components'][number];

/** What a component's pages draw of its past incidents besides the page of them. */
export interface ComponentPastParts {
  readonly filters: HistoryFilterBar;
  readonly pager: PagerView | null;
  readonly updates: GetUpdatesView;
}

/** A page of a component's past incidents, its pager and "Get updates": every page of a component ends with this. */
export function componentPastHtml(model: SiteModel, component: Component, page: ListPage<Incident>, parts: ComponentPastParts, urls: SiteUrls): string {
  const count = page.lastPage > 1 ? `<p class="muted">${page.total} past incidents, newest first. Page ${page.currentPage} of ${page.lastPage}.</p>` : '';
  const list = page.data.length === 0 ? '<p class="muted">No past incidents.</p>' : incidentCardsHtml(model, page.data, urls);
  return (
    `<section data-past-incidents> <h2>Past incidents</h2> ${historyFiltersHtml(parts.filters)} ${count} ${list} </section> ` +
    `${pagerHtml(parts.pager)} ${getUpdatesHtml(parts.updates, component.name)}`
  );
}

/** The body of an older page of a component's past incidents (`/components/cli/2/`…); the first page is an Astro page. */
export function componentOlderPageHtml(model: SiteModel, component: Component, page: ListPage<Incident>, parts: ComponentPastParts, urls: SiteUrls): string {
  return (
    ` <p><a${attribute('href', urls.home)}>← Current status</a> · <a${attribute('href', urls.component(component.id))}>${text(component.name)}</a></p> ` +
    `<h1>${text(component.name)}</h1> <p${attribute('class', `banner s-${component.status}`)}${attribute('data-component-status', component.status)}>${text(COMPONENT_STATUS_TEXT[component.status])}</p> ` +
    `${componentPastHtml(model, component, page, parts, urls)} `
  );
}

/** A component's page title and description: its name on the first page, "…: past incidents, page 2" after. */
export function componentPageMeta(component: Component, currentPage: number): { title: string; description: string } {
  return {
    title: currentPage > 1 ? `${component.name}: past incidents, page ${currentPage}` : component.name,
    description: `${component.name}: ${COMPONENT_STATUS_TEXT[component.status]}. ${component.description ?? ''}`.trim(),
  };
}

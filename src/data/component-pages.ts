/**
 * Every page of every component's past incidents, and what each draws besides them, for the two
 * routes under src/pages/components/[id]/: the first page (an Astro page: current status, 90-day
 * strip, monitors, active incidents) and the older ones (an endpoint writing strings, issue #15).
 * Paged like the history: same page size, newest first.
 */
import { createApiContext } from '../lib/api/context.ts';
import { describeHistoryFilters } from '../lib/history-filters.ts';
import type { Incident } from '../lib/incident.ts';
import type { ComponentPastParts } from '../lib/list-page-html.ts';
import { describeGetUpdates } from '../lib/notify/get-updates.ts';
import { describePager, type ListPage, pagesOf } from '../lib/pager.ts';
import type { SiteModel } from '../lib/site-model.ts';
import { makeUrls } from '../lib/urls.ts';
import { incidentsForComponent } from '../lib/views.ts';
import { getSiteModel } from './site.ts';
import { loadSubscribeIssueUrls } from './subscriptions.ts';

type Component = SiteModel['components'][number];

export interface ComponentPage {
  readonly component: Component;
  /** All of the component's incidents, active ones included (the first page lists those apart). */
  readonly incidents: readonly Incident[];
  /** One page of its past (resolved or withdrawn) incidents. */
  readonly page: ListPage<Incident>;
}

const pagesByModel = new WeakMap<SiteModel, readonly ComponentPage[]>();

/** Every component's pages, first pages included; worked out once per model. */
export function componentPages(): readonly ComponentPage[] {
  const model = getSiteModel();
  let pages = pagesByModel.get(model);
  if (!pages) {
    pages = model.components.flatMap((component) => {
      const incidents = incidentsForComponent(model, component.id);
      return pagesOf(
        incidents.filter((i) => !i.active),
        model.config.historyPageSize,
      ).map((page) => ({ component, incidents, page }));
    });
    pagesByModel.set(model, pages);
  }
  return pages;
}

/** The filter bar, the pager and "Get updates" of one page of a component's past incidents. */
export function componentPastParts(component: Component, page: ListPage<Incident>, base: string): ComponentPastParts {
  const model = getSiteModel();
  const urls = makeUrls(base);
  const api = createApiContext(model, base);
  return {
    filters: describeHistoryFilters(model.config.components, urls, { kind: 'component', id: component.id }),
    pager: describePager(`${component.name}: past incident pages`, page.currentPage, page.lastPage, (n) => urls.component(component.id, n)),
    updates: describeGetUpdates(component.id, loadSubscribeIssueUrls(model.config.repository, model.demo), api.urls, api.absolute),
  };
}

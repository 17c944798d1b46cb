/**
 * The whole history, newest first: `/history/`, `/history/2/`… An endpoint writing one string
 * (src/lib/list-page-html.ts) inside the site's document rather than an .astro page: a long
 * history has a thousand of these, and Astro's page renderer cost more than the page (issue #15).
 */
import type { GetStaticPaths } from 'astro';
import { getSiteModel } from '../../../data/site.ts';
import { htmlResponse, pageDocument } from '../../../layouts/document.ts';
import { describeHistoryFilters } from '../../../lib/history-filters.ts';
import type { Incident } from '../../../lib/incident.ts';
import { historyPageHtml } from '../../../lib/list-page-html.ts';
import { describePager, type ListPage, pagesOf } from '../../../lib/pager.ts';
import { makeUrls } from '../../../lib/urls.ts';

export const getStaticPaths = (() => {
  const model = getSiteModel();
  return pagesOf(model.incidents, model.config.historyPageSize).map((page) => ({
    params: { page: page.currentPage > 1 ? String(page.currentPage) : undefined },
    props: { page },
  }));
}) satisfies GetStaticPaths;

const urls = makeUrls(import.meta.env.BASE_URL);

export function GET({ props }: { props: { page: ListPage<Incident> } }): Response {
  const { page } = props;
  const model = getSiteModel();
  const filters = describeHistoryFilters(model.config.components, urls, { kind: 'all' });
  const pager = describePager('History pages', page.currentPage, page.lastPage, urls.history);
  const title = page.currentPage > 1 ? `Incident history, page ${page.currentPage}` : 'Incident history';
  const meta = { pathname: urls.history(page.currentPage), title, description: `Every incident of ${model.config.title}, newest first.` };
  return htmlResponse(pageDocument(model, meta, historyPageHtml(model, page, filters, pager, urls)));
}

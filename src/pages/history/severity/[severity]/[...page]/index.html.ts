/**
 * One severity's history, newest first, paged like the history: `/history/severity/p1/`, `…/2/`.
 * A severity with no incidents still has its (empty) first page, so the filter bar never links to
 * a 404. An endpoint writing one string, like the history (src/lib/list-page-html.ts, issue #15).
 */
import type { GetStaticPaths } from 'astro';
import { getSiteModel } from '../../../../../data/site.ts';
import { htmlResponse, pageDocument } from '../../../../../layouts/document.ts';
import { describeHistoryFilters, incidentsOfSeverity } from '../../../../../lib/history-filters.ts';
import type { Incident } from '../../../../../lib/incident.ts';
import { severityHeading, severityPageHtml } from '../../../../../lib/list-page-html.ts';
import { describePager, type ListPage, pagesOf } from '../../../../../lib/pager.ts';
import { SEVERITIES, SEVERITY_INFO, type Severity } from '../../../../../lib/severity.ts';
import { makeUrls, severitySlug } from '../../../../../lib/urls.ts';

export const getStaticPaths = (() => {
  const model = getSiteModel();
  return SEVERITIES.flatMap((severity) =>
    pagesOf(incidentsOfSeverity(model.incidents, severity), model.config.historyPageSize).map((page) => ({
      params: { severity: severitySlug(severity), page: page.currentPage > 1 ? String(page.currentPage) : undefined },
      props: { severity, page },
    })),
  );
}) satisfies GetStaticPaths;

const urls = makeUrls(import.meta.env.BASE_URL);

export function GET({ props }: { props: { severity: Severity; page: ListPage<Incident> } }): Response {
  const { severity, page } = props;
  const model = getSiteModel();
  const filters = describeHistoryFilters(model.config.components, urls, { kind: 'severity', severity });
  const pager = describePager(`${severity} incident pages`, page.currentPage, page.lastPage, (n) => urls.historySeverity(severity, n));
  const heading = severityHeading(severity);
  const meta = {
    pathname: urls.historySeverity(severity, page.currentPage),
    title: page.currentPage > 1 ? `${heading}, page ${page.currentPage}` : heading,
    description: `Every ${severity} (${SEVERITY_INFO[severity].name.toLowerCase()}) incident of ${model.config.title}, newest first.`,
  };
  return htmlResponse(pageDocument(model, meta, severityPageHtml(model, severity, page, filters, pager, urls)));
}

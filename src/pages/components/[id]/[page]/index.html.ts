/**
 * The older pages of a component's past incidents: `/components/<id>/2/`… (the first page, with the
 * current status, is ../index.astro). An endpoint writing one string inside the site's document:
 * a long history has a thousand of these (src/lib/list-page-html.ts, issue #15).
 */
import type { GetStaticPaths } from 'astro';
import { type ComponentPage, componentPages, componentPastParts } from '../../../../data/component-pages.ts';
import { getSiteModel } from '../../../../data/site.ts';
import { htmlResponse, pageDocument } from '../../../../layouts/document.ts';
import { componentOlderPageHtml, componentPageMeta } from '../../../../lib/list-page-html.ts';
import { makeUrls } from '../../../../lib/urls.ts';

export const getStaticPaths = (() =>
  componentPages()
    .filter(({ page }) => page.currentPage > 1)
    .map(({ component, page }) => ({ params: { id: component.id, page: String(page.currentPage) }, props: { component, page } }))) satisfies GetStaticPaths;

const base = import.meta.env.BASE_URL;
const urls = makeUrls(base);

export function GET({ props }: { props: Pick<ComponentPage, 'component' | 'page'> }): Response {
  const { component, page } = props;
  const model = getSiteModel();
  const meta = { pathname: urls.component(component.id, page.currentPage), ...componentPageMeta(component, page.currentPage) };
  return htmlResponse(pageDocument(model, meta, componentOlderPageHtml(model, component, page, componentPastParts(component, page, base), urls)));
}

/**
 * An incident's page, `/incidents/<number>/`. An endpoint rather than an .astro page: the page is
 * one string (the body from incident-page-html.ts inside the site's document), and at 10,000
 * incidents Astro's page renderer around it (a render context, a result and component instances
 * per page) was 0.3–0.5 ms of each page's 1 ms (issue #15). The file name makes Astro write
 * `incidents/<number>/index.html`, the path the page had as a page.
 */
import type { GetStaticPaths } from 'astro';
import { getSiteModel } from '../../../data/site.ts';
import { htmlResponse, pageDocument } from '../../../layouts/document.ts';
import type { Incident } from '../../../lib/incident.ts';
import { incidentPageHtml } from '../../../lib/incident-page-html.ts';
import { plainTitle } from '../../../lib/inline-title.ts';
import { makeUrls } from '../../../lib/urls.ts';
import { STATUS_TEXT } from '../../../lib/views.ts';

export const getStaticPaths = (() =>
  getSiteModel().incidents.map((incident) => ({ params: { number: String(incident.number) }, props: { incident } }))) satisfies GetStaticPaths;

const urls = makeUrls(import.meta.env.BASE_URL);

export function GET({ props }: { props: { incident: Incident } }): Response {
  const { incident } = props;
  const model = getSiteModel();
  const title = plainTitle(incident.title);
  const html = pageDocument(
    model,
    { pathname: urls.incident(incident.number), title, description: `${STATUS_TEXT[incident.status]} · ${incident.severity}: ${incident.summary || title}` },
    incidentPageHtml(model, incident, urls),
  );
  return htmlResponse(html);
}

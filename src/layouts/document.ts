/**
 * The site's document (src/lib/document-html.ts) with what only the build knows: the base path,
 * the site URL and the stylesheet as Vite processed it. Base.astro wraps the Astro pages'
 * templates in it and the endpoints that write pages (incidents, the history pages, a component's
 * older pages) call it directly, so every page has the same document around its content. Every
 * page's stylesheet is this one: components carry no `<style>` of their own, since Astro would have
 * nowhere to put it (tests/tooling/architecture.test.ts).
 */
import { documentHtml, type PageMeta } from '../lib/document-html.ts';
import type { SiteModel } from '../lib/site-model.ts';
import { makeUrls } from '../lib/urls.ts';
import css from '../styles/global.css?inline';

const base = import.meta.env.BASE_URL;
const context = { urls: makeUrls(base), base, css, site: import.meta.env.SITE };

/** `body` (HTML) as a whole page of the site. */
export function pageDocument(model: SiteModel, page: PageMeta, body: string): string {
  return documentHtml(model, context, page, body);
}

/** An endpoint's page: bytes, not the string, since undici checks a string body for lone surrogates first (0.4 s over 10,000 pages). */
export function htmlResponse(html: string): Response {
  return new Response(Buffer.from(html), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

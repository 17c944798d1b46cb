/**
 * The shared set-up of a browser test file: the demo built under the sub-path (once, cached),
 * served by the static server, and one headless Chromium. Call `useBrowserSuite()` inside a
 * `describe`; it registers the beforeAll/afterAll hooks and hands back getters.
 */

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../../scripts/lib/site/chromium.ts';
import { buildDemoSite, SITE_BASE } from '../../../scripts/lib/site/demo-site.ts';
import { type StaticServer, startStaticServer } from '../../../scripts/lib/site/static-server.ts';

export interface BrowserSuite {
  readonly dir: string;
  readonly server: StaticServer;
  readonly browser: Browser;
}

/** Every kind of page a visitor meets, as paths under the base. */
export const PAGE_TYPES = [
  { name: 'home', path: '', heading: 'Quill status' },
  { name: 'active incident', path: 'incidents/412/', heading: 'npm install of @quill/cli fails with 404 for new versions' },
  { name: 'resolved incident with post-mortem', path: 'incidents/402/', heading: 'Docs search returns no results' },
  { name: 'post-mortem from an issue', path: 'postmortems/402/', heading: 'Post-mortem: docs search returned no results (#402)' },
  { name: 'post-mortem from a file', path: 'postmortems/40/', heading: 'Post-mortem: @quill/runtime unpublished by mistake' },
  { name: 'post-mortem index', path: 'postmortems/', heading: 'Post-mortems' },
  { name: 'history, first page', path: 'history/', heading: 'Incident history' },
  { name: 'history, last page', path: 'history/3/', heading: 'Incident history' },
  { name: 'history of one severity', path: 'history/severity/p1/', heading: 'P1 incidents (Major)' },
  { name: 'component', path: 'components/cli/', heading: 'CLI' },
  { name: 'maintenance', path: 'maintenance/414/', heading: 'Playground infrastructure upgrade' },
  { name: 'incident quoting an XSS attempt', path: 'incidents/395/', heading: 'Examples page shows raw HTML <script>alert("title")</script>' },
  { name: 'not found', path: 'no/such/page/', heading: 'Page not found', status: 404 },
] as const;

export function useBrowserSuite(): () => BrowserSuite {
  let suite: BrowserSuite | undefined;
  beforeAll(async () => {
    const [dir, browser] = await Promise.all([buildDemoSite(), launchChromium()]);
    const server = await startStaticServer({ root: dir, base: SITE_BASE });
    suite = { dir, server, browser };
  });
  afterAll(async () => {
    await suite?.browser.close();
    await suite?.server.close();
  });
  return () => {
    if (!suite) throw new Error('the browser suite is not set up (did beforeAll fail?)');
    return suite;
  };
}

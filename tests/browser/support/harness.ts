/**
 * A visitor: one browser context and tab on the served site that records everything that should
 * never happen to a real visitor: console errors, uncaught exceptions, failed requests, HTTP
 * errors, dialogs (alert/confirm/prompt) and requests that leave the local server. Those are
 * blocked: tests never touch the internet, and a status page must not need another host.
 * One context serves many page visits (a context costs far more than a navigation).
 */
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { DEMO_NOW } from '../../../scripts/lib/site/demo-site.ts';

export interface PageProblems {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly failedRequests: string[];
  /** Responses with status >= 400. */
  readonly httpErrors: string[];
  /** Requests to any other origin (blocked). */
  readonly outbound: string[];
  readonly dialogs: string[];
}

export interface VisitorOptions {
  readonly javaScript?: boolean;
  readonly colorScheme?: 'light' | 'dark';
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The visitor's clock, frozen (Date.now()). Default FRESH_CLOCK. */
  readonly clock?: Date;
  /** A touch screen (for `locator.tap()`). */
  readonly hasTouch?: boolean;
  /** Runs before any page script, in every page of the context. */
  readonly initScript?: () => void;
}

export interface Visit {
  readonly response: Response | null;
  readonly problems: PageProblems;
}

export interface Visitor {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Loads `pagePath` (under the origin) and returns what went wrong while loading it. */
  visit(pagePath: string): Promise<Visit>;
  /** Problems since the last visit (e.g. after clicking a link). */
  readonly problems: PageProblems;
  close(): Promise<void>;
}

export const DESKTOP = { width: 1280, height: 900 } as const;
export const MOBILE = { width: 375, height: 740 } as const;

/** The visitor's clock two minutes after the build; the data (taken 3 minutes before it) is fresh. */
export const FRESH_CLOCK = new Date(new Date(DEMO_NOW).getTime() + 2 * 60_000);

const emptyProblems = (): PageProblems => ({ consoleErrors: [], pageErrors: [], failedRequests: [], httpErrors: [], outbound: [], dialogs: [] });

export async function createVisitor(browser: Browser, origin: string, options: VisitorOptions = {}): Promise<Visitor> {
  const javaScript = options.javaScript ?? true;
  const context = await browser.newContext({
    javaScriptEnabled: javaScript,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? DESKTOP,
    // A visitor far from UTC, so "your time" differs visibly from the UTC the HTML carries.
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    serviceWorkers: 'block',
    ...(options.hasTouch ? { hasTouch: true } : {}),
  });
  let problems = emptyProblems();
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    problems.outbound.push(url);
    return route.abort('blockedbyclient');
  });
  if (javaScript) await context.clock.setFixedTime(options.clock ?? FRESH_CLOCK);
  if (options.initScript) await context.addInitScript(options.initScript);

  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('requestfailed', (request) => {
    if (!problems.outbound.includes(request.url())) problems.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.httpErrors.push(`${response.status()} ${response.url()}`);
  });

  return {
    page,
    context,
    get problems() {
      return problems;
    },
    async visit(pagePath) {
      problems = emptyProblems();
      const response = await page.goto(`${origin}${pagePath}`, { waitUntil: 'load' });
      return { response, problems };
    },
    close: () => context.close(),
  };
}

/**
 * Everything that went wrong, flattened for one `expect(...).toEqual([])`. `expectStatus` allows
 * that one HTTP status for the document itself (the 404 page), and Chromium's console line for it.
 */
export function listProblems(problems: PageProblems, expectStatus?: number): string[] {
  const expected = (line: string): boolean =>
    expectStatus !== undefined &&
    (line.startsWith(`http error: ${expectStatus} `) ||
      (line.startsWith('console error: Failed to load resource') && line.includes(`status of ${expectStatus}`)));
  return [
    ...problems.consoleErrors.map((m) => `console error: ${m}`),
    ...problems.pageErrors.map((m) => `uncaught: ${m}`),
    ...problems.failedRequests.map((m) => `request failed: ${m}`),
    ...problems.httpErrors.map((m) => `http error: ${m}`),
    ...problems.outbound.map((m) => `outbound request: ${m}`),
    ...problems.dialogs.map((m) => `dialog: ${m}`),
  ].filter((line) => !expected(line));
}

/**
 * `npm run bench`: page-weight figures of the built demo (not a timed test). Prints, for the home
 * page, an incident page and the largest history page: HTML, CSS and JS bytes (raw and gzipped),
 * requests to render (counted from the files, and by Chromium when it is installed); the size of
 * the whole build; the home page with 300 more incidents in the history; and a Lighthouse run
 * with the system Chromium when Lighthouse can be had. Exits 1 only when a budget is broken.
 *
 *   npm run bench                       build the demo (cached) and measure it
 *   npm run bench -- --dist dist --base /status/   measure an existing build instead
 *   npm run bench -- --no-lighthouse    skip Lighthouse (it is fetched with npx if not installed)
 *   npm run bench -- --no-many-components  skip the 20-component home page (issue #13's uptime bars)
 *   npm run bench -- --no-sync-scale    skip the first sync of 10,000 issues (about 25 s)
 *   npm run bench -- --scale-only       only the scale section (builds at 1,000 and 10,000 incidents)
 *   npm run bench -- --scale-rounds 1   build each size once (default 3, order alternating, medians)
 *
 * It reuses the browser tests' build cache and measuring code (scripts/lib/site/).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { ROOT } from '../src/data/paths.ts';
import { HISTORY_BUDGET_BYTES, historySizeFigures, monitorRunFigures } from './lib/bench-monitors.ts';
import { printScaleSection } from './lib/bench-scale.ts';
import { hostileTextFigures } from './lib/hostile-text-bench.ts';
import { packageSizeLine } from './lib/package-bench.ts';
import { CHROMIUM_ARGS, findChromium, launchChromium } from './lib/site/chromium.ts';
import { buildDemoSite, SITE_BASE } from './lib/site/demo-site.ts';
import { MANY_COMPONENTS, manyComponentsFigures } from './lib/site/many-components.ts';
import { BUDGETS, type Bytes, formatKb, largestHistoryPage, measurePage, measureSite, type PageWeight } from './lib/site/page-weight.ts';
import { buildSnapshotSite, demoSnapshot, withLongHistory } from './lib/site/snapshot-sites.ts';
import { normaliseBase, startStaticServer } from './lib/site/static-server.ts';
import { firstSyncFigures, SYNC_BUDGET } from './lib/sync-bench.ts';

const run = promisify(execFile);
/** Lighthouse 12 still supports Node 20 (13 needs 22); fetched by npx, not a dependency (185 MB). */
const LIGHTHOUSE = 'lighthouse@12.8.2';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string' },
    base: { type: 'string' },
    'no-lighthouse': { type: 'boolean', default: false },
    'no-long-history': { type: 'boolean', default: false },
    'no-many-components': { type: 'boolean', default: false },
    'no-monitors': { type: 'boolean', default: false },
    /** Only the monitor figures (no site build, no Lighthouse). */
    'monitors-only': { type: 'boolean', default: false },
    'no-sync-scale': { type: 'boolean', default: false },
    /** Skip, or run only, the scale section (two builds from generated 1,000 and 10,000-incident histories). */
    'no-scale': { type: 'boolean', default: false },
    'scale-only': { type: 'boolean', default: false },
    /** Builds of each size in the scale section (order alternating, medians reported); 1 by default. */
    'scale-rounds': { type: 'string', default: '3' },
  },
});

const say = (line = ''): void => void process.stdout.write(`${line}\n`);
const pad = (cells: string[], widths: number[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
const both = (b: Bytes): string => `${formatKb(b.raw)} / ${formatKb(b.gzip)}`;

function table(rows: string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  rows.forEach((row, i) => {
    say(pad(row, widths));
    if (i === 0) say(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

/** Requests Chromium makes to render each page (data: URLs excluded), or why it could not. */
async function countRequests(dir: string, base: string, pages: readonly string[]): Promise<Map<string, number> | string> {
  if (!findChromium()) return 'Chromium not installed (apt-get install chromium, or set CHROME_PATH)';
  const server = await startStaticServer({ root: dir, base });
  const browser = await launchChromium();
  try {
    const counts = new Map<string, number>();
    for (const pagePath of pages) {
      const page = await browser.newPage();
      let n = 0;
      page.on('request', (request) => {
        if (!request.url().startsWith('data:')) n += 1;
      });
      await page.goto(`${server.origin}${pagePath}`, { waitUntil: 'networkidle' });
      counts.set(pagePath, n);
      await page.close();
    }
    return counts;
  } finally {
    await browser.close();
    await server.close();
  }
}

function firstIncidentPage(dir: string, base: string): string {
  const numbers = readdirSync(path.join(dir, 'incidents'))
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .sort((a, b) => b - a);
  if (numbers.length === 0) throw new Error(`no incident pages in ${dir}`);
  return `${base}incidents/${numbers.includes(412) ? 412 : numbers[0]}/`;
}

async function pageFigures(dir: string, base: string): Promise<PageWeight> {
  const pages = [
    ['home', base],
    ['incident', firstIncidentPage(dir, base)],
    ['largest history page', largestHistoryPage(dir, base)],
  ] as const;
  const weights = pages.map(([, p]) => measurePage(dir, base, p));
  const browserCounts = await countRequests(
    dir,
    base,
    pages.map(([, p]) => p),
  );
  table([
    ['page', 'HTML raw / gzip', 'CSS raw / gzip', 'JS raw / gzip', 'all raw / gzip', 'requests (files)', 'requests (Chromium)'],
    ...weights.map((w, i) => [
      `${pages[i]?.[0]} ${w.page}`,
      both(w.html),
      `${both(w.css)}${w.css.raw > 0 ? ' inline' : ''}`,
      `${both(w.js)}${w.js.raw > 0 ? ' inline' : ''}`,
      both(w.total),
      String(w.requests),
      typeof browserCounts === 'string' ? '-' : String(browserCounts.get(w.page) ?? '?'),
    ]),
  ]);
  if (typeof browserCounts === 'string') say(`(requests by Chromium not counted: ${browserCounts})`);
  for (const w of weights) if (w.missing.length > 0) say(`MISSING on ${w.page}: ${w.missing.join(', ')}`);
  const site = measureSite(dir);
  say(`\nwhole build: ${formatKb(site.raw)} in ${site.files} files (${site.htmlPages} HTML pages)`);
  const home = weights[0];
  if (!home) throw new Error('no home page measured');
  return home;
}

async function longHistoryFigures(): Promise<number> {
  const snapshot = await demoSnapshot();
  const [normal, long] = [
    await buildSnapshotSite('history-normal', snapshot),
    await buildSnapshotSite('history-long', withLongHistory(snapshot, BUDGETS.extraIncidents)),
  ];
  const rows = [
    ['build', 'home HTML raw / gzip', 'history pages', 'HTML pages', 'whole build'],
    ...[
      ['demo data', normal],
      [`+${BUDGETS.extraIncidents} incidents`, long],
    ].map(([name, dir = '']) => {
      const home = measurePage(dir, SITE_BASE, SITE_BASE);
      const site = measureSite(dir);
      const historyPages = readdirSync(path.join(dir, 'history')).filter((n) => /^\d+$/.test(n)).length + 1;
      return [name ?? '', both(home.html), String(historyPages), String(site.htmlPages), formatKb(site.raw)];
    }),
  ];
  table(rows);
  const delta = measurePage(long, SITE_BASE, SITE_BASE).html.raw - measurePage(normal, SITE_BASE, SITE_BASE).html.raw;
  say(`home page difference: ${delta} bytes`);
  return delta;
}

/** Lighthouse's four category scores for `url`, or why there are none. */
async function lighthouse(url: string): Promise<string> {
  const chrome = findChromium();
  if (!chrome) return 'skipped: Chromium not installed';
  const local = path.join(ROOT, 'node_modules/.bin/lighthouse');
  const [command, prefix] = existsSync(local) ? [local, []] : ['npx', ['--yes', LIGHTHOUSE]];
  const out = mkdtempSync(path.join(os.tmpdir(), 'sitrep-lighthouse-'));
  const report = path.join(out, 'report.json');
  try {
    await run(
      command,
      [
        ...prefix,
        url,
        '--output=json',
        `--output-path=${report}`,
        '--quiet',
        '--only-categories=performance,accessibility,best-practices,seo',
        `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
      ],
      {
        env: { ...process.env, CHROME_PATH: chrome },
        timeout: 240_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const result = JSON.parse(readFileSync(report, 'utf8')) as {
      categories: Record<string, { title: string; score: number | null }>;
      audits: Record<string, { score: number | null; title: string }>;
      runtimeError?: { message: string };
    };
    if (result.runtimeError) return `failed: ${result.runtimeError.message}`;
    const scores = Object.values(result.categories).map((c) => `${c.title} ${c.score === null ? '-' : Math.round(c.score * 100)}`);
    const failing = Object.entries(result.audits)
      .filter(([, a]) => a.score === 0)
      .map(([id]) => id);
    return `${scores.join(', ')}${failing.length > 0 ? `\n  audits failing: ${failing.join(', ')}` : ''}`;
  } catch (error) {
    const e = error as { stderr?: string; message?: string };
    return `could not run (${command === 'npx' ? `npx ${LIGHTHOUSE}` : 'local lighthouse'}): ${(e.stderr || e.message || String(error)).trim().split('\n').slice(-3).join(' ')}`;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Monitor run and history size (scripts/lib/bench-monitors.ts); returns a broken budget, if any. */
async function monitorFigures(): Promise<string | null> {
  say('\nMonitors (npm run monitor against local servers):');
  const run = await monitorRunFigures();
  say(
    `  one run over ${run.monitors} monitors (40 http, 5 npm, 5 workflow): ${run.wallMs} ms wall time, ${run.targetRequests} requests to the targets, ${run.githubRequests} to the GitHub API`,
  );
  const size = historySizeFigures();
  const ok = size.bytes <= HISTORY_BUDGET_BYTES;
  say(
    `  ${ok ? 'ok  ' : 'OVER'} history after 90 days of 5-minute runs for 50 monitors: ${formatKb(size.bytes)} (≤ ${formatKb(HISTORY_BUDGET_BYTES)}; ${size.rawPerMonitor} raw results and ${size.daysPerMonitor} days per monitor)`,
  );
  return ok ? null : `monitor history ${formatKb(size.bytes)} > ${formatKb(HISTORY_BUDGET_BYTES)}`;
}

function scaleRounds(): number {
  const rounds = Number(args['scale-rounds']);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--scale-rounds ${args['scale-rounds']}: give a whole number of rounds, 1 or more`);
  return rounds;
}

async function main(): Promise<void> {
  if (args['scale-only']) {
    const over = await printScaleSection(say, scaleRounds());
    if (over.length > 0) {
      say(`\nBUDGET BROKEN: ${over.join('; ')}`);
      process.exitCode = 1;
    }
    return;
  }
  if (args['monitors-only']) {
    const over = await monitorFigures();
    if (over) {
      say(`\nBUDGET BROKEN: ${over}`);
      process.exitCode = 1;
    }
    return;
  }
  const base = args.dist ? normaliseBase(args.base ?? '/') : SITE_BASE;
  const dir = args.dist ? path.resolve(args.dist) : await buildDemoSite();
  say(`sitrep page weight — ${args.dist ? `build in ${dir}` : `the demo, built under ${SITE_BASE}`} (1 KB = 1024 bytes; gzip as GitHub Pages serves)\n`);
  const home = await pageFigures(dir, base);

  const broken: string[] = [];
  if (home.total.gzip > BUDGETS.homeGzip) broken.push(`home page ${formatKb(home.total.gzip)} gzipped > ${formatKb(BUDGETS.homeGzip)}`);
  if (home.requests > 1) broken.push(`home page needs ${home.requests} requests`);
  if (!args['no-long-history']) {
    say(`\nHome page against the length of the history (snapshot builds, ${BUDGETS.extraIncidents} extra resolved incidents):`);
    const delta = await longHistoryFigures();
    if (Math.abs(delta) > BUDGETS.homeGrowthBytes) broken.push(`home page changed by ${delta} bytes with a long history`);
  }

  // Issue #13: 20 components' 90-day bars on the home page, still within the budget, in one request.
  let many: Awaited<ReturnType<typeof manyComponentsFigures>> | null = null;
  if (!args['no-many-components']) {
    say(`\nHome page with ${MANY_COMPONENTS} components' 90-day uptime bars (snapshot build: the demo plus a busy quarter):`);
    many = await manyComponentsFigures();
    say(
      `  ${many.components} components, ${many.days} day elements, ${many.incidentDays} days with incidents; HTML ${both(many.home.html)}, all included ${both(many.home.total)}, ${many.home.requests} request(s)`,
    );
    if (many.home.total.gzip > BUDGETS.homeGzip || many.home.requests > 1)
      broken.push(`home page with ${MANY_COMPONENTS} components: ${formatKb(many.home.total.gzip)} gzipped in ${many.home.requests} request(s)`);
  }

  say(`\nnpm package (npm pack): ${await packageSizeLine()}`);

  say('\nHostile issue text (render or parse time, best of 3):');
  for (const line of hostileTextFigures()) say(line);
  if (!args['no-monitors']) {
    const over = await monitorFigures();
    if (over) broken.push(over);
  }
  if (!args['no-scale']) broken.push(...(await printScaleSection(say, scaleRounds())));

  // Issue #15, item 1: the first sync of a long history, against the test GitHub server.
  let syncFigures: Awaited<ReturnType<typeof firstSyncFigures>> | null = null;
  if (!args['no-sync-scale']) {
    say(`\nFirst sync at scale (test GitHub server, batched GraphQL details):`);
    syncFigures = await firstSyncFigures();
    for (const line of syncFigures.lines) say(line);
    if (!syncFigures.ok) broken.push(`first sync of ${SYNC_BUDGET.issues} issues took ${syncFigures.counted} requests or more than one run`);
  }

  say('\nBudgets:');
  say(
    `  ${home.total.gzip <= BUDGETS.homeGzip ? 'ok  ' : 'OVER'} home page ≤ ${formatKb(BUDGETS.homeGzip)} gzipped, all included: ${formatKb(home.total.gzip)}`,
  );
  say(
    `  ${home.requests === 1 ? 'ok  ' : 'OVER'} home page in ${home.requests} request(s); its JavaScript (${formatKb(home.js.raw)} inline) is optional: tests/browser/no-javascript.test.ts reads every page without it`,
  );
  say(
    `  ${broken.some((b) => b.includes('long history')) ? 'OVER' : 'ok  '} home page does not grow with the history${args['no-long-history'] ? ' (not measured)' : ''}`,
  );

  say(
    `  ${many === null ? 'n/a ' : many.home.total.gzip <= BUDGETS.homeGzip && many.home.requests === 1 ? 'ok  ' : 'OVER'} home page with ${MANY_COMPONENTS} components' uptime bars ≤ ${formatKb(BUDGETS.homeGzip)} gzipped, one request${many ? `: ${formatKb(many.home.total.gzip)}, ${many.home.requests} request(s)` : ' (not measured)'}`,
  );
  say(
    `  ${syncFigures === null ? 'n/a ' : syncFigures.ok ? 'ok  ' : 'OVER'} first sync of ${SYNC_BUDGET.issues.toLocaleString('en-US')} issues ≤ ${SYNC_BUDGET.maxRequests} requests, one run${syncFigures ? `: ${syncFigures.counted}` : ' (not measured)'}`,
  );

  if (!args['no-lighthouse']) {
    const server = await startStaticServer({ root: dir, base });
    try {
      say(`\nLighthouse (${LIGHTHOUSE}, system Chromium, simulated mobile throttling) on ${server.url}:`);
      say(`  ${await lighthouse(server.url)}`);
      if (!args.dist) say('  (the demo carries <meta name="robots" content="noindex">, which costs SEO points: is-crawlable)');
    } finally {
      await server.close();
    }
  }
  if (broken.length > 0) {
    say(`\nBUDGET BROKEN: ${broken.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

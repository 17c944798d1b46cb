/**
 * The scale section of `npm run bench`: builds the site from generated histories of 1,000 and
 * 10,000 incidents exactly as `npm run build` does (scripts/build.ts: the input check, then
 * `astro build` in a child) and reports, for each, the wall time, the peak memory of the whole
 * process tree (parent + Astro, sampled from /proc every 50 ms) and the largest HTML page, raw and
 * gzipped. Nothing is cached: every run builds both sizes afresh, one after the other, so the ratio
 * compares builds on the same machine under the same load.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../../src/data/paths.ts';
import { DEMO_NOW, SITE_URL } from './site/demo-site.ts';
import { withScaleHistory } from './site/scale-history.ts';
import { demoSnapshot } from './site/snapshot-sites.ts';

/** Issue #15's targets. */
export const SCALE_BUDGETS = {
  /** The 10,000-incident build takes at most this many times the 1,000-incident one. */
  ratio: 2.4,
  peakBytes: 500 * 1024 * 1024,
  pageRaw: 300 * 1024,
  pageGzip: 50 * 1024,
  homeGzip: 25 * 1024,
};

export interface PageSize {
  /** Path under the output folder, e.g. `components/cli/index.html`. */
  readonly page: string;
  readonly raw: number;
  readonly gzip: number;
}

export interface ScaleRun {
  readonly incidents: number;
  readonly wallMs: number;
  /** Largest sum of RSS over the build's process tree; null where /proc is not there to read. */
  readonly peakBytes: number | null;
  readonly htmlPages: number;
  /** The largest HTML page by gzipped size, and by raw size. */
  readonly largest: PageSize;
  readonly largestRaw: PageSize;
  readonly home: PageSize;
}

/** Resident memory of `pid` and every descendant, in bytes (Linux /proc). */
function treeRss(root: number): number {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // `pid (comm) state ppid …`; comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      // exited while we looked
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parent.get(p), hops += 1) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number(match?.[1] ?? 0) * 1024;
    } catch {
      // exited while we looked
    }
  }
  return total;
}

/** Runs `npm run build`'s script on `snapshotFile` into `outDir`; wall time and peak tree memory. */
async function timedBuild(snapshotFile: string, outDir: string): Promise<{ wallMs: number; peakBytes: number | null }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SITREP_DEMO: '0',
    SITREP_SNAPSHOT: snapshotFile,
    SITREP_CONFIG: path.join(ROOT, 'src/demo/status.yml'),
    SITREP_POSTMORTEMS: path.join(ROOT, 'src/demo/postmortems'),
    SITREP_NOW: DEMO_NOW,
    SITREP_SITE_URL: SITE_URL,
    SITREP_OUT_DIR: outDir,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const canSample = existsSync('/proc/self/status');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/build.ts')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  let peak = 0;
  const sample = (): void => {
    if (canSample && child.pid !== undefined) peak = Math.max(peak, treeRss(child.pid));
  };
  const timer = setInterval(sample, 50);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  }).finally(() => clearInterval(timer));
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`the scale build exited with code ${code}:\n${stderr}`);
  return { wallMs, peakBytes: canSample ? peak : null };
}

function htmlFiles(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under)).flatMap((name) => {
    const rel = path.join(under, name);
    if (statSync(path.join(dir, rel)).isDirectory()) return htmlFiles(dir, rel);
    return name.endsWith('.html') ? [rel] : [];
  });
}

function sizeOf(dir: string, page: string): PageSize {
  const bytes = readFileSync(path.join(dir, page));
  return { page, raw: bytes.length, gzip: gzipSync(bytes).length };
}

/** Every HTML page's size, largest gzipped first. */
export function pageSizes(dir: string): PageSize[] {
  return htmlFiles(dir)
    .map((page) => sizeOf(dir, page))
    .sort((a, b) => b.gzip - a.gzip || b.raw - a.raw);
}

/** Builds the demo's site with a history of each of `sizes` incidents and measures it. */
export async function scaleFigures(sizes: readonly number[] = [1_000, 10_000], log: (line: string) => void = () => {}): Promise<ScaleRun[]> {
  const base = await demoSnapshot();
  const work = path.join(ROOT, '.bench-scale.tmp');
  mkdirSync(work, { recursive: true });
  const runs: ScaleRun[] = [];
  try {
    for (const incidents of sizes) {
      const snapshotFile = path.join(work, `snapshot-${incidents}.json`);
      writeFileSync(snapshotFile, JSON.stringify(withScaleHistory(base, incidents)));
      // A direct child of the project folder, as every build's output must be (see demo-site.ts).
      const outDir = path.join(ROOT, `.bench-scale-${incidents}.tmp`);
      rmSync(outDir, { recursive: true, force: true });
      log(`building ${incidents.toLocaleString('en')} incidents…`);
      try {
        const { wallMs, peakBytes } = await timedBuild(snapshotFile, outDir);
        const sizes = pageSizes(outDir);
        const largest = sizes[0];
        if (!largest) throw new Error(`the scale build wrote no HTML into ${outDir}`);
        const largestRaw = sizes.reduce((max, p) => (p.raw > max.raw ? p : max), largest);
        runs.push({ incidents, wallMs, peakBytes, htmlPages: sizes.length, largest, largestRaw, home: sizeOf(outDir, 'index.html') });
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return runs;
}

/** What breaks issue #15's targets in `runs` (the first run is the 1,000-incident baseline). */
export function scaleBudgetProblems(runs: readonly ScaleRun[]): string[] {
  const problems: string[] = [];
  const [small, large] = [runs[0], runs.at(-1)];
  if (small && large && large !== small && large.wallMs / small.wallMs > SCALE_BUDGETS.ratio)
    problems.push(
      `build at ${large.incidents} incidents took ${(large.wallMs / small.wallMs).toFixed(2)}× the ${small.incidents}-incident build (budget ${SCALE_BUDGETS.ratio}×)`,
    );
  for (const run of runs) {
    if (run.peakBytes !== null && run.peakBytes > SCALE_BUDGETS.peakBytes)
      problems.push(`build at ${run.incidents} incidents peaked at ${Math.round(run.peakBytes / 2 ** 20)} MB (budget ${SCALE_BUDGETS.peakBytes / 2 ** 20} MB)`);
    if (run.largestRaw.raw > SCALE_BUDGETS.pageRaw)
      problems.push(`${run.largestRaw.page} at ${run.incidents} incidents is ${run.largestRaw.raw} bytes of HTML`);
    if (run.largest.gzip > SCALE_BUDGETS.pageGzip) problems.push(`${run.largest.page} at ${run.incidents} incidents is ${run.largest.gzip} bytes gzipped`);
    if (run.home.gzip > SCALE_BUDGETS.homeGzip) problems.push(`the home page at ${run.incidents} incidents is ${run.home.gzip} bytes gzipped`);
  }
  return problems;
}

const mb = (bytes: number | null): string => (bytes === null ? 'n/a' : `${Math.round(bytes / 2 ** 20)} MB`);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Prints the scale section; returns the broken budgets (empty when all hold). */
export async function printScaleSection(say: (line?: string) => void): Promise<string[]> {
  say('\nScale (issue #15): the demo with generated histories, built as `npm run build` builds, one after the other:');
  const runs = await scaleFigures(undefined, (line) => process.stderr.write(`[bench] ${line}\n`));
  const rows = [
    ['incidents', 'build wall', 'peak memory', 'HTML pages', 'largest page (raw / gzipped)', 'home gzipped'],
    ...runs.map((r) => [
      r.incidents.toLocaleString('en'),
      `${(r.wallMs / 1000).toFixed(1)} s`,
      mb(r.peakBytes),
      String(r.htmlPages),
      `${r.largestRaw.page} ${kb(r.largestRaw.raw)} / ${r.largest.page} ${kb(r.largest.gzip)}`,
      kb(r.home.gzip),
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  for (const [n, row] of rows.entries()) {
    say(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`);
    if (n === 0) say(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  }
  const [small, large] = [runs[0], runs.at(-1)];
  if (small && large && small !== large)
    say(
      `  ratio ${large.incidents.toLocaleString('en')} / ${small.incidents.toLocaleString('en')}: ${(large.wallMs / small.wallMs).toFixed(2)}× (budget ≤ ${SCALE_BUDGETS.ratio}×)`,
    );
  const problems = scaleBudgetProblems(runs);
  say(
    `  ${problems.length === 0 ? 'ok  ' : 'OVER'} ≤ ${SCALE_BUDGETS.ratio}× build time, ≤ ${mb(SCALE_BUDGETS.peakBytes)} peak, no page over ${kb(SCALE_BUDGETS.pageRaw)} of HTML or ${kb(SCALE_BUDGETS.pageGzip)} gzipped, home ≤ ${kb(SCALE_BUDGETS.homeGzip)} gzipped`,
  );
  for (const p of problems) say(`       ${p}`);
  return problems;
}

/**
 * The scale section of `npm run bench`: builds the site from generated histories of 1,000 and
 * 10,000 incidents exactly as `npm run build` does (scripts/build.ts: the input check, then
 * `astro build` in a child) and reports, for each, the wall time, the peak memory of the whole
 * process tree (parent + Astro + esbuild, sampled from /proc every 50 ms) and the largest HTML page,
 * raw and gzipped. The tree's memory is the sum of each process's proportional set size (PSS:
 * pages shared between processes, such as the node binary both node processes map, counted once
 * in shares), so it is the memory the build takes from the machine; summing resident sizes (RSS)
 * counts those shared pages once per process, and is printed beside it. Nothing is cached: every run builds both sizes afresh, one after the other, so the ratio
 * compares builds on the same machine under the same load. With several rounds the order alternates
 * (1,000 then 10,000, then 10,000 then 1,000, …) and each size reports its median, so a burst of
 * load from elsewhere does not land on one size only. Each build also reports the CPU time of its
 * process tree and the CPU time the rest of the machine used meanwhile (other processes, kernel
 * threads, the host's steal time): on a shared machine the CPU ratio is the steadier figure, and
 * the other work says how far to trust the wall times.
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
  /** Median over the rounds. */
  readonly wallMs: number;
  /** Largest sum of PSS over the build's process tree (the highest of the rounds); null where /proc is not there to read. */
  readonly peakBytes: number | null;
  /** Largest sum of RSS over the tree (shared pages counted once per process), highest of the rounds. */
  readonly peakRssBytes: number | null;
  /** The largest RSS of one process of the tree (the Astro build), highest of the rounds. */
  readonly peakProcessBytes: number | null;
  /** User + system CPU time of the tree (median over the rounds); null without /proc. */
  readonly cpuMs: number | null;
  /** The user part of cpuMs (median over the rounds): the build's own work, without the kernel's. */
  readonly userMs: number | null;
  /**
   * CPU time the rest of the machine used during each round's build of this size, ms: other
   * processes, kernel threads (writeback, among others) and the host's steal time (/proc/stat's
   * busy time less the build's tree and the bench itself); null without /proc/stat. The load
   * average would not do: the build's own threads raise it.
   */
  readonly otherMs: readonly (number | null)[];
  readonly rounds: number;
  readonly htmlPages: number;
  /** The largest HTML page by gzipped size, and by raw size. */
  readonly largest: PageSize;
  readonly largestRaw: PageSize;
  readonly home: PageSize;
}

interface TreeSample {
  /** Sum of proportional set sizes over the tree, bytes (RSS where smaps_rollup cannot be read). */
  readonly pss: number;
  /** Sum of resident memory over the tree, bytes. */
  readonly rss: number;
  /** The largest resident memory of one process of the tree, bytes. */
  readonly largestRss: number;
  /** User and system CPU time of each process of the tree so far, in clock ticks. */
  readonly ticks: ReadonlyMap<number, CpuTicks>;
}

interface CpuTicks {
  readonly user: number;
  readonly sys: number;
}

/** Memory and CPU time of `root` and every descendant (Linux /proc). */
function sampleTree(root: number): TreeSample {
  const stats = new Map<number, { ppid: number; ticks: CpuTicks }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // `pid (comm) state ppid … utime stime …`; comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After comm: state(0) ppid(1) … utime(11) stime(12) (proc(5), fields 14 and 15).
      stats.set(Number(name), { ppid: Number(fields[1]), ticks: { user: Number(fields[11]), sys: Number(fields[12]) } });
    } catch {
      // exited while we looked
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = stats.get(p)?.ppid, hops += 1) if (p === root) return true;
    return false;
  };
  let pss = 0;
  let rss = 0;
  let largestRss = 0;
  const ticks = new Map<number, CpuTicks>();
  for (const [pid, stat] of stats) {
    if (!inTree(pid)) continue;
    ticks.set(pid, stat.ticks);
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      const bytes = Number(match?.[1] ?? 0) * 1024;
      rss += bytes;
      largestRss = Math.max(largestRss, bytes);
      pss += proportionalBytes(pid) ?? bytes;
    } catch {
      // exited while we looked
    }
  }
  return { pss, rss, largestRss, ticks };
}

/** A process's proportional set size (Linux 4.14+), or null when it cannot be read. */
function proportionalBytes(pid: number): number | null {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Linux's USER_HZ: /proc counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

/** One build's figures, as ScaleRun names them (there, the median or the highest of the rounds). */
type BuildFigures = Pick<ScaleRun, 'wallMs' | 'peakBytes' | 'peakRssBytes' | 'peakProcessBytes' | 'cpuMs' | 'userMs'> & { readonly otherMs: number | null };

/** The machine's busy CPU time so far in clock ticks (user, nice, system, irq, softirq, steal), or null without /proc/stat. */
function machineBusyTicks(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
    const [user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
    const busy = [user, nice, system, irq, softirq, steal];
    return busy.every((n) => Number.isFinite(n)) ? busy.reduce((sum: number, n) => sum + (n ?? 0), 0) : null;
  } catch {
    return null;
  }
}

/** Runs `npm run build`'s script on `snapshotFile` into `outDir`; wall time, CPU time and peak tree memory. */
async function timedBuild(snapshotFile: string, outDir: string): Promise<BuildFigures> {
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
  const busyBefore = machineBusyTicks();
  const selfBefore = process.cpuUsage();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/build.ts')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  let peak = 0;
  let peakRss = 0;
  let peakProcess = 0;
  // The last CPU time seen of every process that was in the tree (a process's time only grows).
  const ticks = new Map<number, CpuTicks>();
  const sample = (): void => {
    if (!canSample || child.pid === undefined) return;
    const now = sampleTree(child.pid);
    peak = Math.max(peak, now.pss);
    peakRss = Math.max(peakRss, now.rss);
    peakProcess = Math.max(peakProcess, now.largestRss);
    for (const [pid, t] of now.ticks) {
      const seen = ticks.get(pid);
      ticks.set(pid, { user: Math.max(t.user, seen?.user ?? 0), sys: Math.max(t.sys, seen?.sys ?? 0) });
    }
  };
  const timer = setInterval(sample, 50);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  }).finally(() => clearInterval(timer));
  const wallMs = performance.now() - started;
  const busyAfter = machineBusyTicks();
  const self = process.cpuUsage(selfBefore);
  if (code !== 0) throw new Error(`the scale build exited with code ${code}:\n${stderr}`);
  const userTicks = [...ticks.values()].reduce((sum, t) => sum + t.user, 0);
  const sysTicks = [...ticks.values()].reduce((sum, t) => sum + t.sys, 0);
  const ms = (t: number): number => (t / TICKS_PER_SECOND) * 1000;
  const otherMs =
    canSample && busyBefore !== null && busyAfter !== null
      ? Math.max(0, ms(busyAfter - busyBefore - userTicks - sysTicks) - (self.user + self.system) / 1000)
      : null;
  return canSample
    ? { wallMs, peakBytes: peak, peakRssBytes: peakRss, peakProcessBytes: peakProcess, cpuMs: ms(userTicks + sysTicks), userMs: ms(userTicks), otherMs }
    : { wallMs, peakBytes: null, peakRssBytes: null, peakProcessBytes: null, cpuMs: null, userMs: null, otherMs };
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

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const highest = (values: readonly (number | null)[]): number | null => (values.includes(null) ? null : Math.max(...(values as number[])));

/**
 * Builds the demo's site with a history of each of `sizes` incidents and measures it, `rounds`
 * times, the order of the sizes reversed every other round.
 */
export async function scaleFigures(sizes: readonly number[] = [1_000, 10_000], log: (line: string) => void = () => {}, rounds = 1): Promise<ScaleRun[]> {
  const base = await demoSnapshot();
  const work = path.join(ROOT, '.bench-scale.tmp');
  mkdirSync(work, { recursive: true });
  const builds = new Map<number, BuildFigures[]>(sizes.map((n) => [n, []]));
  const pages = new Map<number, Pick<ScaleRun, 'htmlPages' | 'largest' | 'largestRaw' | 'home'>>();
  // Every build writes into a folder of its own, and all of them are deleted after the last build,
  // not before the next one. On ext4 without a journal (these benchmark machines' disks), the kernel
  // will not reuse an inode freed in the last 30 s to 3 min and steps over each one on every file it
  // creates: deleting one 13,000-page output right before building the next made creating its files
  // cost 5–20 s of system time, quadratic in the two counts and nothing to do with the build. A real
  // build (the Action's runner, a fresh clone) writes into an empty folder.
  const outDirs: string[] = [];
  try {
    for (const incidents of sizes) writeFileSync(path.join(work, `snapshot-${incidents}.json`), JSON.stringify(withScaleHistory(base, incidents)));
    for (let round = 0; round < rounds; round += 1) {
      for (const incidents of round % 2 === 0 ? sizes : [...sizes].reverse()) {
        // A direct child of the project folder, as every build's output must be (see demo-site.ts).
        const outDir = path.join(ROOT, `.bench-scale-${incidents}-${round + 1}.tmp`);
        outDirs.push(outDir);
        if (existsSync(outDir)) rmSync(outDir, { recursive: true, force: true });
        log(`building ${incidents.toLocaleString('en')} incidents (round ${round + 1} of ${rounds})…`);
        const figures = await timedBuild(path.join(work, `snapshot-${incidents}.json`), outDir);
        builds.get(incidents)?.push(figures);
        if (!pages.has(incidents)) {
          const found = pageSizes(outDir);
          const largest = found[0];
          if (!largest) throw new Error(`the scale build wrote no HTML into ${outDir}`);
          const largestRaw = found.reduce((max, p) => (p.raw > max.raw ? p : max), largest);
          pages.set(incidents, { htmlPages: found.length, largest, largestRaw, home: sizeOf(outDir, 'index.html') });
        }
      }
    }
  } finally {
    for (const dir of [work, ...outDirs]) rmSync(dir, { recursive: true, force: true });
  }
  return sizes.map((incidents): ScaleRun => {
    const runs = builds.get(incidents) ?? [];
    const page = pages.get(incidents);
    if (!page || runs.length === 0) throw new Error(`no scale build of ${incidents} incidents`);
    const cpu = runs.map((r) => r.cpuMs);
    const user = runs.map((r) => r.userMs);
    return {
      incidents,
      wallMs: median(runs.map((r) => r.wallMs)),
      peakBytes: highest(runs.map((r) => r.peakBytes)),
      peakRssBytes: highest(runs.map((r) => r.peakRssBytes)),
      peakProcessBytes: highest(runs.map((r) => r.peakProcessBytes)),
      cpuMs: cpu.includes(null) ? null : median(cpu as number[]),
      userMs: user.includes(null) ? null : median(user as number[]),
      otherMs: runs.map((r) => r.otherMs),
      rounds: runs.length,
      ...page,
    };
  });
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
      problems.push(
        `build at ${run.incidents} incidents peaked at ${Math.round(run.peakBytes / 2 ** 20)} MB, the tree's PSS (budget ${SCALE_BUDGETS.peakBytes / 2 ** 20} MB)`,
      );
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
export async function printScaleSection(say: (line?: string) => void, rounds = 1): Promise<string[]> {
  say(
    `\nScale (issue #15): the demo with generated histories, built as \`npm run build\` builds, one after the other${rounds > 1 ? ` (${rounds} rounds, order alternating; medians)` : ''}:`,
  );
  const runs = await scaleFigures(undefined, (line) => process.stderr.write(`[bench] ${line}\n`), rounds);
  const rows = [
    [
      'incidents',
      'build wall',
      'CPU user + sys (tree)',
      'peak memory (tree PSS / RSS)',
      'Astro alone (RSS)',
      'other work (CPU)',
      'HTML pages',
      'largest page (raw / gzipped)',
      'home gzipped',
    ],
    ...runs.map((r) => [
      r.incidents.toLocaleString('en'),
      `${(r.wallMs / 1000).toFixed(1)} s`,
      r.cpuMs === null || r.userMs === null ? 'n/a' : `${(r.userMs / 1000).toFixed(1)} + ${((r.cpuMs - r.userMs) / 1000).toFixed(1)} s`,
      `${mb(r.peakBytes)} / ${mb(r.peakRssBytes)}`,
      mb(r.peakProcessBytes),
      r.otherMs.includes(null) ? 'n/a' : `${r.otherMs.map((o) => ((o ?? 0) / 1000).toFixed(1)).join(', ')} s`,
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
      `  ratio ${large.incidents.toLocaleString('en')} / ${small.incidents.toLocaleString('en')}: ${(large.wallMs / small.wallMs).toFixed(2)}× wall (budget ≤ ${SCALE_BUDGETS.ratio}×)${large.cpuMs !== null && small.cpuMs ? `, ${(large.cpuMs / small.cpuMs).toFixed(2)}× CPU` : ''}${large.userMs !== null && small.userMs ? `, ${(large.userMs / small.userMs).toFixed(2)}× user CPU` : ''}`,
    );
  // More than a tenth of a core busy elsewhere, on average over a build.
  if (runs.some((r) => r.otherMs.some((o) => o !== null && o > 0.1 * r.wallMs)))
    say(
      "  note: the rest of the machine used over a tenth of a core during a build (other processes, kernel threads such as writeback of earlier builds' files, the host's steal time); wall times are inflated by that work, the CPU ratio is the steadier figure",
    );
  if (runs.some((r) => r.cpuMs !== null && r.userMs !== null && r.cpuMs - r.userMs > 0.2 * r.cpuMs))
    say(
      "  note: over a fifth of the CPU time was system time: creating 12,000 files costs the kernel from 1 to 15 s on the shared virtual machines, varying from run to run; user CPU time is the build's own work",
    );
  const problems = scaleBudgetProblems(runs);
  say(
    `  ${problems.length === 0 ? 'ok  ' : 'OVER'} ≤ ${SCALE_BUDGETS.ratio}× build time, ≤ ${mb(SCALE_BUDGETS.peakBytes)} peak, no page over ${kb(SCALE_BUDGETS.pageRaw)} of HTML or ${kb(SCALE_BUDGETS.pageGzip)} gzipped, home ≤ ${kb(SCALE_BUDGETS.homeGzip)} gzipped`,
  );
  for (const p of problems) say(`       ${p}`);
  return problems;
}

/**
 * The build's one entry to data: reads the config, the snapshot (or generates the demo) and the
 * post-mortem files, takes the time, and hands them to the pure model. Memoised: every page of a
 * build sees the same model and the same `now`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateDemoSnapshot } from '../demo/generate-demo.ts';
import { InputError, parseWithFriendlyErrors } from '../lib/errors.ts';
import type { PostmortemFile } from '../lib/postmortem.ts';
import { type Snapshot, SnapshotSchema } from '../lib/schema/snapshot.ts';
import { buildSiteModel, type SiteModel } from '../lib/site-model.ts';
import { DEFAULT_BOT_LOGIN } from '../lib/sitrep-comment.ts';
import { checkSnapshotRepository } from '../lib/snapshot-checks.ts';
import { loadConfig } from './load-config.ts';
import { loadMonitorHistory, resolveMonitorHistoryPath } from './load-monitor-history.ts';
import { loadSnapshot, takePreloadedSnapshot } from './load-snapshot.ts';
import { displayPath } from './paths.ts';
import { type DataSource, resolveDataSource } from './source.ts';

/** The build time: SITREP_NOW (tests, reproducible builds) or the clock. */
export function resolveNow(env: NodeJS.ProcessEnv = process.env): Date {
  const fixed = env['SITREP_NOW'];
  if (!fixed) return new Date();
  const now = new Date(fixed);
  if (Number.isNaN(now.getTime())) throw new InputError(`SITREP_NOW="${fixed}" is not a date; use ISO 8601 like 2026-11-21T12:00:00Z`, 'SITREP_NOW');
  return now;
}

/** Reads `<dir>/<incident-number>.md`; other files are reported. */
export function loadPostmortemFiles(dir: string): { files: PostmortemFile[]; problems: string[] } {
  if (!existsSync(dir)) return { files: [], problems: [] };
  const files: PostmortemFile[] = [];
  const problems: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.md') || name.toLowerCase() === 'readme.md') continue;
    const match = /^(\d+)\.md$/.exec(name);
    const file = path.join(dir, name);
    if (!match) problems.push(`${displayPath(file)}: name it <incident-number>.md, e.g. 123.md; skipped`);
    else files.push({ incident: Number(match[1]), path: displayPath(file), markdown: readFileSync(file, 'utf8') });
  }
  return { files, problems };
}

export interface LoadedSite {
  readonly model: SiteModel;
  readonly snapshot: Snapshot;
  /** Post-mortem files that were skipped, and why. */
  readonly problems: readonly string[];
}

/**
 * The one place the model is built: config, snapshot (or the demo) and post-mortem files from
 * `source`, the time from SITREP_NOW or the clock. The build and `npm run announce` both use it,
 * so announce acts on exactly what was published.
 */
export function loadSite(env: NodeJS.ProcessEnv = process.env, source: DataSource = resolveDataSource(env)): LoadedSite {
  const now = resolveNow(env);
  const config = loadConfig(source.paths.config, env);
  const snapshot: Snapshot = source.demo
    ? parseWithFriendlyErrors(SnapshotSchema, generateDemoSnapshot(new Date(now.getTime() - 3 * 60_000)), 'demo snapshot')
    : (takePreloadedSnapshot(source.paths.snapshot) ?? loadSnapshot(source.paths.snapshot));
  if (!source.demo) checkSnapshotRepository(snapshot.repository, config.repository, displayPath(source.paths.snapshot));
  const { files, problems } = loadPostmortemFiles(source.paths.postmortems);
  const monitorHistory = source.demo ? null : loadMonitorHistory(resolveMonitorHistoryPath(env));
  if (monitorHistory?.warning && config.monitors.length > 0) problems.push(`${monitorHistory.warning}; the page shows no monitor data`);
  const model = buildSiteModel({
    config,
    snapshot,
    postmortemFiles: files,
    now,
    demo: source.demo,
    botLogins: [env['SITREP_BOT_LOGIN']?.trim() || DEFAULT_BOT_LOGIN],
    monitorHistory: monitorHistory?.history ?? null,
  });
  return { model, snapshot, problems };
}

let cached: SiteModel | undefined;

/** The site model for this build, memoised, with `issues` left empty (pages never read them). Throws InputError (file, key, expectation) on bad config or snapshot. */
export function getSiteModel(env: NodeJS.ProcessEnv = process.env): SiteModel {
  if (cached) return cached;
  const source = resolveDataSource(env);
  const { model, problems } = loadSite(env, source);
  // No page reads the issue records (only announce does, through loadSite): the build keeps
  // the model without them, so a long history is not held twice while Astro writes the pages.
  cached = { ...model, issues: [] };
  reportNotices(model, problems, source.reason);
  return cached;
}

function reportNotices(model: SiteModel, problems: readonly string[], reason: string): void {
  const log = (line: string): void => void process.stderr.write(`[sitrep] ${line}\n`);
  log(`${model.demo ? 'DEMO DATA' : 'data'}: ${reason}; ${model.incidents.length} incidents, ${model.active.length} active`);
  for (const s of model.skipped) log(`warning: ${s.where}: ${s.message}`);
  for (const n of model.notices) log(`note: ${n.where}: ${n.message}`);
  for (const p of problems) log(`warning: ${p}`);
}

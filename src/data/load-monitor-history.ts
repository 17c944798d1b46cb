/**
 * Where the monitor history lives (SITREP_MONITOR_HISTORY, default content/monitor-history.json)
 * and reading it (file system edge). Missing or corrupt is never fatal: the monitor starts fresh
 * with a warning (and so opens nothing on its own: every streak starts at 0), and the build shows
 * no monitor data rather than failing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeZodIssues } from '../lib/errors.ts';
import { emptyHistory } from '../lib/monitor/history.ts';
import { type MonitorHistory, MonitorHistorySchema } from '../lib/schema/monitor-history.ts';
import { displayPath, resolveProjectDir } from './paths.ts';
import { readJsonFile } from './read-json-file.ts';

export function resolveMonitorHistoryPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(resolveProjectDir(env), env['SITREP_MONITOR_HISTORY'] ?? 'content/monitor-history.json');
}

export interface LoadedHistory {
  readonly history: MonitorHistory;
  /** Set when the file was missing or unusable and a fresh history was started. */
  readonly warning: string | null;
  readonly found: boolean;
}

export function loadMonitorHistory(file: string): LoadedHistory {
  const where = displayPath(file);
  if (!existsSync(file)) return { history: emptyHistory(), warning: `no monitor history at ${where}: starting fresh`, found: false };
  const read = readJsonFile(file);
  if (!read.ok) return { history: emptyHistory(), warning: `${where} ${read.reason}: starting a fresh monitor history`, found: false };
  const parsed = MonitorHistorySchema.safeParse(read.json);
  if (!parsed.success) {
    return {
      history: emptyHistory(),
      warning: `${where} is not a valid monitor history (${describeZodIssues(parsed.error).slice(0, 3).join('; ')}): starting fresh`,
      found: false,
    };
  }
  return { history: parsed.data, warning: null, found: true };
}

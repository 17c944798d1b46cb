/**
 * Where the monitor history lives (SITREP_MONITOR_HISTORY, default content/monitor-history.json)
 * and reading it (file system edge). Missing or corrupt is never fatal: the monitor starts fresh
 * with a warning (and so opens nothing on its own: every streak starts at 0), and the build shows
 * no monitor data rather than failing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeZodIssues } from '../lib/errors.ts';
import { emptyHistory } from '../lib/monitor/history.ts';
import { type MonitorHistory, MonitorHistorySchema } from '../lib/schema/monitor-history.ts';
import { displayPath, ROOT } from './paths.ts';

export function resolveMonitorHistoryPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(ROOT, env['SITREP_MONITOR_HISTORY'] ?? 'content/monitor-history.json');
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
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    const reason =
      cause instanceof SyntaxError ? `is not valid JSON (${cause.message})` : `could not be read (${(cause as NodeJS.ErrnoException).code ?? cause})`;
    return { history: emptyHistory(), warning: `${where} ${reason}: starting a fresh monitor history`, found: false };
  }
  const parsed = MonitorHistorySchema.safeParse(json);
  if (!parsed.success) {
    return {
      history: emptyHistory(),
      warning: `${where} is not a valid monitor history (${describeZodIssues(parsed.error).slice(0, 3).join('; ')}): starting fresh`,
      found: false,
    };
  }
  return { history: parsed.data, warning: null, found: true };
}

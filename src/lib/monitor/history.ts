/**
 * Recording runs in the monitor history, and its retention: raw results for 48 hours, daily
 * aggregates (checks, failures, p50/p95 latency) for 90 days, older data dropped. Pure.
 *
 * A day's aggregate is (re)computed from the raw results while the whole day is still inside the
 * 48-hour window, and kept as it was once raw data starts to age out.
 */
import {
  type DailyAggregate,
  MONITOR_HISTORY_SCHEMA_VERSION,
  type MonitorHistory,
  type MonitorHistoryEntry,
  type RawResult,
} from '../schema/monitor-history.ts';
import { type CheckResult, failureSignature, percentile } from './result.ts';
import { FRESH_STATE, type MonitorState } from './state.ts';

export const RAW_RETENTION_MS = 48 * 3_600_000;
export const DAILY_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

export function emptyHistory(): MonitorHistory {
  return { schemaVersion: MONITOR_HISTORY_SCHEMA_VERSION, lastRunAt: null, lastRunInconclusive: null, monitors: {} };
}

export function emptyEntry(): MonitorHistoryEntry {
  return { state: FRESH_STATE, raw: [], daily: [], lastDetail: null };
}

/** The raw tuple for a result; inconclusive runs are kept too, marked so. */
export function toRawResult(result: Pick<CheckResult, 'outcome' | 'reason' | 'httpStatus' | 'latencyMs'>, at: Date, inconclusive: boolean): RawResult {
  const latency = result.latencyMs === null ? null : Math.round(result.latencyMs);
  return [Math.floor(at.getTime() / 1000), result.outcome === 'failed' ? null : latency, inconclusive ? 'inconclusive' : failureSignature(result)];
}

const dayNames = new Map<number, string>();
/** The UTC day of a time; memoised, since every run aggregates hundreds of raw results. */
function dayOf(unixSeconds: number): string {
  const index = Math.floor(unixSeconds / 86_400);
  let name = dayNames.get(index);
  if (name === undefined) {
    name = new Date(index * 86_400_000).toISOString().slice(0, 10);
    dayNames.set(index, name);
  }
  return name;
}

/** Daily aggregates of raw results (inconclusive ones left out). */
export function aggregateDays(raw: readonly RawResult[]): DailyAggregate[] {
  const byDay = new Map<string, RawResult[]>();
  for (const r of raw) {
    if (r[2] === 'inconclusive') continue;
    const day = dayOf(r[0]);
    const rows = byDay.get(day);
    if (rows) rows.push(r);
    else byDay.set(day, [r]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, rows]) => {
      const latencies = rows.flatMap((r) => (r[1] === null ? [] : [r[1]]));
      return [day, rows.length, rows.filter((r) => r[2] !== 'ok').length, percentile(latencies, 50), percentile(latencies, 95)];
    });
}

/** Applies retention to one monitor's data at `now`. */
export function pruneEntry(entry: MonitorHistoryEntry, now: Date): MonitorHistoryEntry {
  const rawCutoff = Math.floor((now.getTime() - RAW_RETENTION_MS) / 1000);
  const raw = entry.raw.filter((r) => r[0] > rawCutoff);
  const oldestDailyDay = new Date(now.getTime() - (DAILY_RETENTION_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  // Days whose start is inside the raw window are complete in `raw`: recompute them.
  const firstFullDay = new Date(Math.ceil((rawCutoff * 1000) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  const aggregated = aggregateDays(raw);
  const fresh = aggregated.filter(([day]) => day >= firstFullDay);
  const freshDays = new Set(fresh.map(([day]) => day));
  const kept = entry.daily.filter(([day]) => !freshDays.has(day));
  const keptDays = new Set(kept.map(([day]) => day));
  // A day partly aged out of raw and never aggregated (the history started mid-window): aggregate what there is.
  const partial = aggregated.filter(([day]) => day < firstFullDay && !keptDays.has(day));
  const daily = [...kept, ...partial, ...fresh].filter(([day]) => day >= oldestDailyDay).sort(([a], [b]) => a.localeCompare(b));
  return { ...entry, raw, daily };
}

export interface RecordedRun {
  readonly at: Date;
  readonly inconclusive: string | null;
  /** Per monitor id: the result, and the state after it (unchanged when inconclusive). */
  readonly monitors: ReadonlyMap<string, { result: CheckResult; state: MonitorState }>;
}

/** The history after a run; monitors no longer configured are dropped. */
export function recordRun(history: MonitorHistory, run: RecordedRun, configuredIds: readonly string[]): MonitorHistory {
  const monitors: Record<string, MonitorHistoryEntry> = {};
  for (const id of configuredIds) {
    const before = history.monitors[id] ?? emptyEntry();
    const done = run.monitors.get(id);
    const entry: MonitorHistoryEntry = done
      ? {
          state: done.state,
          raw: [...before.raw, toRawResult(done.result, run.at, run.inconclusive !== null)],
          daily: before.daily,
          lastDetail: run.inconclusive === null ? done.result.detail : before.lastDetail,
        }
      : before;
    monitors[id] = pruneEntry(entry, run.at);
  }
  return { schemaVersion: MONITOR_HISTORY_SCHEMA_VERSION, lastRunAt: run.at.toISOString(), lastRunInconclusive: run.inconclusive, monitors };
}

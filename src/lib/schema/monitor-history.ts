/**
 * The monitor history file (content/monitor-history.json): each monitor's state between runs,
 * raw results for 48 hours and daily aggregates for 90 days. Kept between runs in the Actions
 * cache like the snapshot, never committed. Compact tuples keep 50 monitors × 90 days under 1 MB.
 */
import { z } from 'astro/zod';
import { TimestampSchema } from './snapshot.ts';

export const MONITOR_HISTORY_SCHEMA_VERSION = 1;

const EpisodeSchema = z
  .object({
    since: TimestampSchema,
    signature: z.string(),
    issue: z.number().int().positive().nullable(),
    joined: z.number().int().positive().nullable(),
    suppressed: z.boolean(),
  })
  .strict();

export const MonitorStateSchema = z
  .object({
    status: z.enum(['up', 'down']),
    failures: z.number().int().min(0),
    successes: z.number().int().min(0),
    failingSince: TimestampSchema.nullable(),
    episode: EpisodeSchema.nullable(),
    /** An issue the monitor recovered but left open to a person: never adopted again. */
    leftOpen: z.number().int().positive().nullable().optional(),
  })
  .strict();

/**
 * One raw result: [unix seconds, latency ms or null, result]. `result` is `ok`, `slow`,
 * `failed:<reason>` (`failed:http-500`) or `inconclusive`.
 */
export const RawResultSchema = z.tuple([z.number().int(), z.number().int().min(0).nullable(), z.string().min(1)]);

/** One UTC day: [YYYY-MM-DD, checks, failures, p50 ms, p95 ms] (latencies of answered checks; null when none). */
export const DailyAggregateSchema = z.tuple([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.number().int().min(0),
  z.number().int().min(0),
  z.number().int().min(0).nullable(),
  z.number().int().min(0).nullable(),
]);

export const MonitorHistoryEntrySchema = z
  .object({
    state: MonitorStateSchema,
    /** Oldest first, the last 48 hours. */
    raw: z.array(RawResultSchema),
    /** Oldest first, the last 90 days. */
    daily: z.array(DailyAggregateSchema),
    /** The last conclusive result's detail, for the page and the CLI. */
    lastDetail: z.string().nullable(),
  })
  .strict();

export const MonitorHistorySchema = z
  .object({
    schemaVersion: z.literal(MONITOR_HISTORY_SCHEMA_VERSION),
    /** When the last run finished (conclusive or not). */
    lastRunAt: TimestampSchema.nullable(),
    /** Why the last run was inconclusive; null when it counted. */
    lastRunInconclusive: z.string().nullable(),
    monitors: z.record(z.string(), MonitorHistoryEntrySchema),
  })
  .strict();

export type RawResult = z.infer<typeof RawResultSchema>;
export type DailyAggregate = z.infer<typeof DailyAggregateSchema>;
export type MonitorHistoryEntry = z.infer<typeof MonitorHistoryEntrySchema>;
export type MonitorHistory = z.infer<typeof MonitorHistorySchema>;

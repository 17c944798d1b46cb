/**
 * The build's read of the notify record, for the subscribe issues' links (file system edge).
 * Optional: without a record (the demo, a first run) the page offers the feeds alone, and a record
 * that cannot be read is reported in the build log, never a failed build.
 */
import { existsSync } from 'node:fs';
import { readSubscribeIssueUrls } from '../lib/notify/get-updates.ts';
import type { NotifyState } from '../lib/schema/notify-state.ts';
import { readNotifyState, resolveNotifyStatePath } from '../notify/state-file.ts';

let cached: ReadonlyMap<string, string> | undefined;

/** Subscribe issue URLs by key (`all` or a component id). Memoised per build. */
export function loadSubscribeIssueUrls(repository: string, demo: boolean, env: NodeJS.ProcessEnv = process.env): ReadonlyMap<string, string> {
  if (cached) return cached;
  let state: NotifyState | null = null;
  const file = resolveNotifyStatePath(env);
  if (!demo && existsSync(file)) {
    try {
      state = readNotifyState(file, new Date(0));
    } catch (error) {
      process.stderr.write(`[sitrep] warning: ${error instanceof Error ? error.message : String(error)}; the "Get updates" sections link the feeds only\n`);
    }
  }
  cached = readSubscribeIssueUrls(state, repository);
  return cached;
}

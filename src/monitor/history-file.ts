/**
 * Writes the monitor history like the snapshot: validated, written to a temporary file beside the
 * target, renamed over it. A failed write leaves the previous history as it was. Compact JSON (no
 * indentation): the file is read by programs only, and its size is a goal (≤ 1 MB, npm run bench).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseWithFriendlyErrors } from '../lib/errors.ts';
import { type MonitorHistory, MonitorHistorySchema } from '../lib/schema/monitor-history.ts';

export function writeHistoryAtomically(file: string, history: MonitorHistory, where: string): void {
  parseWithFriendlyErrors(MonitorHistorySchema, history, where);
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(history)}\n`, { flush: true });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

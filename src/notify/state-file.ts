/**
 * Reads and writes the delivery record (file system edge). Written like the snapshot: validated,
 * then a temporary file renamed over the target, so a failed run leaves the previous record whole.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath, resolveProjectDir } from '../data/paths.ts';
import { InputError, parseWithFriendlyErrors } from '../lib/errors.ts';
import { emptyNotifyState, type NotifyState, NotifyStateSchema } from '../lib/schema/notify-state.ts';

/** content/notify-state.json, or SITREP_NOTIFY_STATE. */
export function resolveNotifyStatePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(resolveProjectDir(env), env['SITREP_NOTIFY_STATE'] ?? 'content/notify-state.json');
}

/** The record on disk; the empty record before the first run. Throws InputError when it cannot be read. */
export function readNotifyState(file: string, now: Date): NotifyState {
  if (!existsSync(file)) return emptyNotifyState(now);
  const where = displayPath(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new InputError(
      `${where} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)}). Delete it to start a fresh record: events of the last 24 hours may then be sent again.`,
      where,
    );
  }
  return parseWithFriendlyErrors(NotifyStateSchema, json, where);
}

export function writeNotifyStateAtomically(file: string, state: NotifyState): void {
  const valid = parseWithFriendlyErrors(NotifyStateSchema, state, displayPath(file));
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(valid, null, 2)}\n`, { flush: true });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

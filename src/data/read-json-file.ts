/** Reads a JSON state file (file system edge): the parsed value, or why it could not be read, in words. */
import { readFileSync } from 'node:fs';

export type JsonFile = { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly reason: string };

/** `reason` completes "<file> …": "is not valid JSON (…)" or "could not be read (EACCES)". */
export function readJsonFile(file: string): JsonFile {
  try {
    return { ok: true, json: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (cause) {
    const reason =
      cause instanceof SyntaxError ? `is not valid JSON (${cause.message})` : `could not be read (${(cause as NodeJS.ErrnoException).code ?? cause})`;
    return { ok: false, reason };
  }
}

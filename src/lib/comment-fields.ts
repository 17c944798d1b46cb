/**
 * `Workaround:` / `Expected fix:` / `Next update:` lines in a maintainer's comment, so the scope of
 * an incident can change during it without anyone editing the issue body (issue #13). The form
 * body gives the first value; each later trusted comment with the line replaces it. Read like the
 * `Status:` line (timeline.ts): optional bold/italic markers, any case, one line each.
 * Pure: the same comments always give the same fields.
 */

type CommentField = 'workaround' | 'eta' | 'nextUpdate';

const FIELD_LINE = /^\s*[*_]{0,2}(workaround|expected fix|next update)[*_]{0,2}\s*:\s*[*_]{0,2}\s*(.*?)\s*$/i;
const KEYS: Readonly<Record<string, CommentField>> = { workaround: 'workaround', 'expected fix': 'eta', 'next update': 'nextUpdate' };

/** The field lines a comment carries (the last line wins when one is repeated); empty values are ignored. */
export function readCommentFields(body: string): Partial<Record<CommentField, string>> {
  const found: Partial<Record<CommentField, string>> = {};
  for (const line of body.split('\n')) {
    const match = FIELD_LINE.exec(line);
    const key = match?.[1] ? KEYS[match[1].toLowerCase()] : undefined;
    const value = match?.[2]?.replace(/[*_]{1,2}$/, '').trim();
    if (key && value) found[key] = value;
  }
  return found;
}

const MINUTE = 60_000;
const UNIT_MS: Readonly<Record<string, number>> = {
  m: MINUTE,
  min: MINUTE,
  mins: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  h: 60 * MINUTE,
  hr: 60 * MINUTE,
  hrs: 60 * MINUTE,
  hour: 60 * MINUTE,
  hours: 60 * MINUTE,
};
const IN_DURATION = /^(?:in|within)?\s*(\d{1,4})\s*(m|mins?|minutes?|h|hrs?|hours?)\b/i;
const AT_CLOCK = /^(?:at|by|around)?\s*([01]?\d|2[0-3]):([0-5]\d)\s*(?:UTC|GMT|Z)\b/i;

/**
 * When a promised next update is due: "in 30 minutes", "30 min", "within 2 hours", "10:30 UTC"
 * (the next such time after it was said), or an ISO time. null when the text names no time we
 * can read ("after the deploy"): then it is shown, never called overdue.
 */
export function readDueTime(text: string, saidAt: string): string | null {
  const said = Date.parse(saidAt);
  const duration = IN_DURATION.exec(text.trim());
  if (duration?.[1] && duration[2]) return new Date(said + Number(duration[1]) * (UNIT_MS[duration[2].toLowerCase()] ?? MINUTE)).toISOString();
  const clock = AT_CLOCK.exec(text.trim());
  if (clock?.[1] && clock[2]) {
    const day = new Date(said);
    day.setUTCHours(Number(clock[1]), Number(clock[2]), 0, 0);
    if (day.getTime() < said) day.setUTCDate(day.getUTCDate() + 1);
    return day.toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text.trim())) {
    const at = Date.parse(text.trim());
    return Number.isNaN(at) ? null : new Date(at).toISOString();
  }
  return null;
}

/** A field's value and when it was said (the opening for the form's value). */
interface SaidValue {
  readonly markdown: string;
  readonly saidAt: string;
}

interface LatestFields {
  readonly workaround: SaidValue | null;
  readonly eta: SaidValue | null;
  /** Promised in the newest update only: any later update keeps (or drops) the promise itself. */
  readonly nextUpdate: (SaidValue & { readonly dueAt: string | null }) | null;
}

/**
 * The values in force: the form's, replaced by each update (oldest first) that carries the line.
 * `updates` are the incident's updates (trusted, not sitrep's own), in any order.
 */
export function readLatestFields(
  form: { readonly workaround: string | null; readonly eta: string | null },
  openedAt: string,
  updates: readonly { readonly createdAt: string; readonly body: string }[],
): LatestFields {
  let workaround: SaidValue | null = form.workaround ? { markdown: form.workaround, saidAt: openedAt } : null;
  let eta: SaidValue | null = form.eta ? { markdown: form.eta, saidAt: openedAt } : null;
  const oldestFirst = [...updates].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const update of oldestFirst) {
    const fields = readCommentFields(update.body);
    if (fields.workaround) workaround = { markdown: fields.workaround, saidAt: update.createdAt };
    if (fields.eta) eta = { markdown: fields.eta, saidAt: update.createdAt };
  }
  const newest = oldestFirst.at(-1);
  const promise = newest ? readCommentFields(newest.body).nextUpdate : undefined;
  const nextUpdate = newest && promise ? { markdown: promise, saidAt: newest.createdAt, dueAt: readDueTime(promise, newest.createdAt) } : null;
  return { workaround, eta, nextUpdate };
}

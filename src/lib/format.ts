/** Times and durations as the page shows them: UTC, explicit, computed from an injected `now`. */
import { formatDistanceStrict } from 'date-fns';

/**
 * en-GB's short month names, as `Intl.DateTimeFormat('en-GB', { month: 'short' })` writes them
 * (CLDR 42+ says "Sept"). formatUtc writes the date by hand: it runs for every time on every page,
 * and `Intl`'s format() cost 1.4 s of a 10,000-incident build; tests/unit/format.test.ts holds it
 * to Intl's output.
 */
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `21 Nov 2026, 10:04 UTC`. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Invalid time value: ${iso}`);
  return `${d.getUTCDate()} ${MONTHS_SHORT[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())} UTC`;
}

/** `3 hours ago` / `in 2 days`, relative to the build's `now`. */
export function formatRelative(iso: string, now: Date): string {
  return formatDistanceStrict(new Date(iso), now, { addSuffix: true, roundingMethod: 'floor' });
}

/** Milliseconds between two instants, or null when either is missing. */
export function durationMs(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, new Date(to).getTime() - new Date(from).getTime());
}

/** `45 s`, `12 min`, `2 h 5 min`, `3 d 4 h`: two units at most, as people say it. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** One formatter for every call: creating an `Intl` formatter per call cost 0.56 s at 10,000 incidents. */
const MONTH_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** `November 2026`, for grouping history. */
export function formatMonth(iso: string): string {
  return MONTH_FORMAT.format(new Date(iso));
}

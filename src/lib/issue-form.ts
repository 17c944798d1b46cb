/**
 * Reads a submitted GitHub issue form. GitHub renders each field as `### <label>` followed by the
 * value, and an empty optional field as `_No response_`. Bodies written by hand (no form) keep their
 * text as `freeText`.
 */
import { type FormField, normalizeHeading } from './form-fields.ts';

export interface ParsedForm<K extends string> {
  /** Value of each known field; null when absent or `_No response_`. */
  readonly fields: Readonly<Record<K, string | null>>;
  /** Headings that matched no known field, with their values (kept, not lost). */
  readonly extra: readonly { heading: string; value: string }[];
  /** Text before the first heading, or the whole body when it has no known field. */
  readonly freeText: string | null;
}

const NO_RESPONSE = /^_no response_$/i;

/**
 * The text of a `### heading` line (`##` too at level '##'), without a closing `#` sequence, or null.
 * No regex with `(.+?)\s*#*\s*$`: that one backtracks cubically (145 s for one line of 8,000
 * spaces); trimming by hand is linear.
 */
function readHeading(line: string, level: '##' | '###'): string | null {
  const open = (level === '###' ? /^###\s+/ : /^#{2,3}\s+/).exec(line);
  if (!open) return null;
  const rest = line.slice(open[0].length).trimEnd();
  let end = rest.length;
  while (end > 0 && rest[end - 1] === '#') end--;
  const text = rest.slice(0, end).trimEnd();
  return text || rest || null;
}

/** Splits a body into `### heading` sections, keeping text before the first one. */
export function splitSections(body: string, level: '##' | '###' = '###'): { preamble: string; sections: { heading: string; value: string }[] } {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const sections: { heading: string; lines: string[] }[] = [];
  const preamble: string[] = [];
  let inFence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : readHeading(line, level);
    if (heading) sections.push({ heading, lines: [] });
    else (sections.at(-1)?.lines ?? preamble).push(line);
  }
  return {
    preamble: preamble.join('\n').trim(),
    sections: sections.map((s) => ({ heading: s.heading, value: s.lines.join('\n').trim() })),
  };
}

/** Parses `body` against a set of form fields. */
export function parseIssueForm<K extends string>(body: string | null, fields: Readonly<Record<K, FormField>>, level: '##' | '###' = '###'): ParsedForm<K> {
  const values = Object.fromEntries(Object.keys(fields).map((k) => [k, null])) as Record<K, string | null>;
  if (!body?.trim()) return { fields: values, extra: [], freeText: null };
  const lookup = new Map<string, K>();
  for (const key of Object.keys(fields) as K[]) {
    const f = fields[key];
    for (const name of [f.label, ...f.aliases]) lookup.set(normalizeHeading(name), key);
  }
  const { preamble, sections } = splitSections(body, level);
  const extra: { heading: string; value: string }[] = [];
  let matched = 0;
  for (const { heading, value } of sections) {
    const key = lookup.get(normalizeHeading(heading));
    const clean = NO_RESPONSE.test(value) ? '' : value;
    if (key === undefined) {
      if (clean) extra.push({ heading, value: clean });
      continue;
    }
    matched += 1;
    if (clean && values[key] === null) values[key] = clean;
  }
  if (matched === 0) return { fields: values, extra: [], freeText: body.trim() };
  return { fields: values, extra, freeText: preamble || null };
}

/**
 * A Markdown task list's items, as GitHub reads them: `-`, `*` or `+` bullets and `1.`/`1)`
 * ordered items, followed by `[ ]`, `[x]` or `[X]`.
 */
export function readTaskItems(markdown: string | null): { checked: boolean; text: string }[] {
  if (!markdown) return [];
  // `(.*)` and a trim, not `(.+?)[ \t]*$`, which backtracks quadratically on a line of spaces (#10).
  return [...markdown.matchAll(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\][ \t]+(.*)$/gm)].flatMap((m) => {
    const text = (m[2] ?? '').trim();
    return text ? [{ checked: m[1] !== ' ', text }] : [];
  });
}

/**
 * The options a form field selected: checked boxes of a checkbox field (`- [x] CLI`), or the
 * comma-separated choices of a multi-select dropdown (`CLI, Docs`).
 */
export function readSelections(value: string | null): string[] {
  if (!value) return [];
  const boxes = readTaskItems(value);
  // A box with nothing after it is still a task list: never read "[x]" as a comma-separated choice.
  if (boxes.length > 0 || /^[ \t]*[-*+][ \t]+\[[ xX]\]/m.test(value)) return boxes.filter((b) => b.checked).map((b) => b.text);
  return value
    .split(/[,\n]/)
    .map((s) => s.replace(/^\s*[-*]\s+/, '').trim())
    .filter(Boolean);
}

/**
 * Same-repository issue references (`#123`), in first-seen order, without repeats. Not a
 * reference: `other/repo#1`, `abc#1`, `##1`, and character references such as `&#35;` (which
 * is the `#` sign, not issue 35).
 */
export function readIssueReferences(text: string | null): number[] {
  if (!text) return [];
  const numbers = [...text.matchAll(/(?<![\w&/#])#(\d+)\b/g)].map((m) => Number(m[1]));
  return [...new Set(numbers.filter((n) => Number.isSafeInteger(n) && n > 0))];
}

/** Issue numbers named as `#123` (or a bare `123` when that is the whole value). */
export function readIssueNumbers(value: string | null): number[] {
  if (!value) return [];
  const bare = /^\s*(\d+)\s*$/.exec(value);
  if (bare?.[1]) return [Number(bare[1])];
  return readIssueReferences(value);
}

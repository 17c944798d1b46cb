/**
 * HTML escaping for the places that write HTML strings themselves rather than through Astro's
 * templates (issue #15: the incident page and the small pieces drawn tens of thousands of times).
 * Escaped exactly as Astro escapes text and attribute values, so the output is byte for byte what
 * the templates wrote.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (or a double-quoted attribute value) made safe to put into HTML: `&<>"'` escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** An attribute value as Astro writes it between double quotes: `&` and `"` escaped. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&#38;').replace(/"/g, '&#34;');
}

/** ` name="value"`, or the bare ` name` for an empty value, as Astro writes `name={value}`. */
export function attribute(name: string, value: string | number): string {
  const text = String(value);
  return text === '' ? ` ${name}` : ` ${name}="${escapeAttribute(text)}"`;
}

/**
 * Every internal URL of the site, under the base path (project pages live at /<repo>/).
 * One place builds them, so pages, feeds and the API agree and a test can check them all.
 */
export interface SiteUrls {
  readonly home: string;
  readonly history: (page?: number) => string;
  /** The history of one severity (`/history/severity/p0/`), `page` > 1 for older pages. */
  readonly historySeverity: (severity: string, page?: number) => string;
  readonly incident: (n: number) => string;
  /** A component's page; `page` > 1 for the older pages of its past incidents. */
  readonly component: (id: string, page?: number) => string;
  readonly postmortems: string;
  readonly postmortem: (incident: number) => string;
  readonly maintenances: string;
  readonly maintenance: (n: number) => string;
  /** Any other file under the base, e.g. `feed.xml`. */
  readonly file: (name: string) => string;
}

/** `base` as Astro gives it (`/` or `/repo` or `/repo/`). */
export function makeUrls(base: string): SiteUrls {
  const root = base.endsWith('/') ? base : `${base}/`;
  const dir = (...parts: (string | number)[]): string => `${root}${parts.join('/')}/`;
  return {
    home: root,
    history: (page = 1) => (page <= 1 ? dir('history') : dir('history', page)),
    historySeverity: (severity, page = 1) =>
      page <= 1 ? dir('history', 'severity', severitySlug(severity)) : dir('history', 'severity', severitySlug(severity), page),
    incident: (n) => dir('incidents', n),
    component: (id, page = 1) => (page <= 1 ? dir('components', id) : dir('components', id, page)),
    postmortems: dir('postmortems'),
    postmortem: (n) => dir('postmortems', n),
    maintenances: dir('maintenance'),
    maintenance: (n) => dir('maintenance', n),
    file: (name) => `${root}${name.replace(/^\//, '')}`,
  };
}

/** The URL segment of a severity: `P0` → `p0`. */
export function severitySlug(severity: string): string {
  return severity.toLowerCase();
}

/** Splits a configured site URL into Astro's `site` (origin) and `base` (path). */
export function splitSiteUrl(site: string): { site: string; base: string } {
  const url = new URL(site);
  const base = url.pathname.replace(/\/+$/, '');
  return { site: url.origin, base: base === '' ? '/' : base };
}

/**
 * Sites built from a snapshot file, as a real site is (SITREP_SNAPSHOT + SITREP_CONFIG), from
 * variations of the demo's data: everything operational (for the stale all-clear), and a very
 * long history (for "the home page does not grow with the history").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../../src/data/paths.ts';
import type { SnapshotInput } from '../../../src/lib/schema/snapshot.ts';
import { buildSiteCached, DEMO_NOW, SITE_URL } from './demo-site.ts';

/** The demo's snapshot as the build generates it: taken 3 minutes before DEMO_NOW. */
export async function demoSnapshot(): Promise<SnapshotInput> {
  const { generateDemoSnapshot } = await import('../../../src/demo/generate-demo.ts');
  return generateDemoSnapshot(new Date(new Date(DEMO_NOW).getTime() - 3 * 60_000));
}

/**
 * Builds a site from `snapshot` like a real site (SITREP_SNAPSHOT, SITREP_CONFIG: the demo's
 * config unless `configFile` names another, and its post-mortems), not with SITREP_DEMO. `name`
 * names the snapshot file.
 */
export async function buildSnapshotSite(name: string, snapshot: SnapshotInput, configFile = path.join(ROOT, 'src/demo/status.yml')): Promise<string> {
  const dataDir = path.join(ROOT, '.browser-data.tmp');
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`);
  return buildSiteCached(
    {
      SITREP_DEMO: '0',
      SITREP_SNAPSHOT: file,
      SITREP_CONFIG: configFile,
      SITREP_POSTMORTEMS: path.join(ROOT, 'src/demo/postmortems'),
      SITREP_NOW: DEMO_NOW,
      SITREP_SITE_URL: SITE_URL,
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    [file, configFile],
  );
}

/**
 * The demo with its open incidents closed: every component operational, the case where a stale
 * page is most misleading ("All systems operational" from three days ago).
 */
export async function buildOperationalSite(): Promise<string> {
  const snapshot = await demoSnapshot();
  snapshot.issues = snapshot.issues.filter((issue) => !(issue.state === 'open' && issue.labels.includes('incident')));
  return buildSnapshotSite('operational', snapshot);
}

const DAY = 24 * 60 * 60_000;
const shift = (iso: string, ms: number): string => new Date(new Date(iso).getTime() - ms).toISOString();

type IssueInput = SnapshotInput['issues'][number];

/**
 * A copy of `template` moved `backMs` into the past as "(archive <label>)", with a fresh number and
 * fresh comment and event ids (`id(k)` for the k-th comment, `id(eventIdOffset + k)` for events),
 * so long histories can be grown from real-shaped incidents.
 */
export function copyIncidentBack(
  template: IssueInput,
  copy: { number: number; label: number; backMs: number; id: (k: number) => number; eventIdOffset: number },
): IssueInput {
  const { number, backMs: back, id } = copy;
  return {
    ...template,
    number,
    title: `${template.title} (archive ${copy.label})`,
    url: template.url.replace(/\d+$/, String(number)),
    createdAt: shift(template.createdAt, back),
    updatedAt: shift(template.updatedAt, back),
    closedAt: template.closedAt ? shift(template.closedAt, back) : null,
    comments: template.comments.map((c, k) => ({
      ...c,
      id: id(k),
      createdAt: shift(c.createdAt, back),
      updatedAt: shift(c.updatedAt, back),
      url: c.url.replace(/\/issues\/\d+#issuecomment-\d+$/, `/issues/${number}#issuecomment-${id(k)}`),
    })),
    events: template.events.map((e, k) => ({ ...e, id: id(copy.eventIdOffset + k), createdAt: shift(e.createdAt, back) })),
  };
}

/**
 * `snapshot` plus `extra` resolved incidents older than any in it: copies of its oldest routine
 * incident, one a day further back, with fresh numbers and ids. For "does the home page grow
 * with the history?".
 */
export function withLongHistory(snapshot: SnapshotInput, extra: number): SnapshotInput {
  const incidents = snapshot.issues.filter((i) => i.state === 'closed' && i.labels.includes('incident') && !i.isPullRequest);
  const template = incidents.reduce((oldest, i) => (i.createdAt < oldest.createdAt ? i : oldest));
  const copies = Array.from({ length: extra }, (_, n) =>
    copyIncidentBack(template, { number: 100_000 + n, label: n + 1, backMs: (n + 1) * DAY, id: (k) => 500_000_000 + n * 1_000 + k, eventIdOffset: 500 }),
  );
  return { ...snapshot, issues: [...snapshot.issues, ...copies] };
}

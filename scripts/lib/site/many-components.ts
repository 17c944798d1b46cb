/**
 * The home page's worst realistic case for issue #13's budget: 20 components, each with its
 * 90-day uptime bars, and a busy quarter — incidents on a few days of every component, some
 * spanning midnight, most naming several components. Built like a real site (SITREP_CONFIG +
 * SITREP_SNAPSHOT) from the demo's config and incidents, for `npm run bench` and the page-weight test.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { parse, stringify } from 'yaml';
import { ROOT } from '../../../src/data/paths.ts';
import type { SnapshotInput } from '../../../src/lib/schema/snapshot.ts';
import { DEMO_NOW, SITE_BASE } from './demo-site.ts';
import { measurePage, type PageWeight } from './page-weight.ts';
import { buildSnapshotSite, copyIncidentBack, demoSnapshot } from './snapshot-sites.ts';

export const MANY_COMPONENTS = 20;
/** Incidents added inside the 90 days, three components each: about six incident days a component. */
const EXTRA_INCIDENTS = 40;
const COMPONENTS_PER_INCIDENT = 3;
const HOUR = 60 * 60_000;

const EXTRA_GROUPS = ['Registries', 'Mirrors', 'Services'] as const;

interface ConfigComponent {
  id: string;
  name: string;
  description?: string;
  group?: string;
}

/** The demo's config with `count` components: its own, then generated ones in three groups. */
function manyComponentsConfig(count: number): { text: string; ids: string[] } {
  const config = parse(readFileSync(path.join(ROOT, 'src/demo/status.yml'), 'utf8')) as { components: ConfigComponent[] };
  const own = config.components;
  const extra = Array.from({ length: count - own.length }, (_, n) => ({
    id: `service-${n + 1}`,
    name: `Service ${n + 1}`,
    description: `Generated component ${n + 1} of the page-weight benchmark.`,
    group: EXTRA_GROUPS[n % EXTRA_GROUPS.length] ?? 'Services',
  }));
  config.components = [...own, ...extra];
  return { text: stringify(config), ids: config.components.map((c) => c.id) };
}

/** The demo's snapshot plus EXTRA_INCIDENTS resolved incidents spread over the last 88 days. */
function busyQuarter(snapshot: SnapshotInput, ids: readonly string[]): SnapshotInput {
  const resolved = snapshot.issues.filter((i) => i.state === 'closed' && i.labels.includes('incident') && !i.isPullRequest);
  const now = new Date(DEMO_NOW).getTime();
  const severities = ['P0', 'P1', 'P2'] as const;
  const copies = Array.from({ length: EXTRA_INCIDENTS }, (_, n) => {
    const template = resolved[n % resolved.length];
    if (!template) throw new Error('the demo snapshot has no resolved incident to copy');
    // Day 2 … 88 back, at varying hours: some incidents run past midnight.
    const startsAt = now - (2 + ((n * 11) % 87)) * 24 * HOUR + ((n * 7) % 24) * HOUR;
    const copy = copyIncidentBack(template, {
      number: 200_000 + n,
      label: n + 1,
      backMs: Date.parse(template.createdAt) - startsAt,
      id: (k) => 700_000_000 + n * 1_000 + k,
      eventIdOffset: 500,
    });
    const components = Array.from({ length: COMPONENTS_PER_INCIDENT }, (_, k) => ids[(n * 7 + k * 5) % ids.length] ?? 'cli');
    const severity = severities[n % severities.length] ?? 'P2';
    return {
      ...copy,
      labels: ['incident', severity, ...new Set(components.map((id) => `component:${id}`))],
      body: `### Severity\n\n${severity}\n\n### What is broken\n\n${template.title}`,
    };
  });
  return { ...snapshot, issues: [...snapshot.issues, ...copies] };
}

/** Builds (or reuses) the 20-component site and returns its folder. */
export async function buildManyComponentsSite(): Promise<string> {
  const dataDir = path.join(ROOT, '.browser-data.tmp');
  mkdirSync(dataDir, { recursive: true });
  const { text, ids } = manyComponentsConfig(MANY_COMPONENTS);
  const configFile = path.join(dataDir, 'many-components.yml');
  writeFileSync(configFile, text);
  return buildSnapshotSite('many-components', busyQuarter(await demoSnapshot(), ids), configFile);
}

export interface ManyComponentsFigures {
  readonly home: PageWeight;
  /** Components with bars on the home page, and the day elements they draw. */
  readonly components: number;
  readonly days: number;
  /** Days that carry their incidents (the only days with more than an empty element). */
  readonly incidentDays: number;
}

/** The home page of the 20-component site: its weight, and what its bars hold (read from the HTML). */
export async function manyComponentsFigures(): Promise<ManyComponentsFigures> {
  const dir = await buildManyComponentsSite();
  const doc = new new Window().DOMParser().parseFromString(readFileSync(path.join(dir, 'index.html'), 'utf8'), 'text/html') as unknown as Document;
  return {
    home: measurePage(dir, SITE_BASE, SITE_BASE),
    components: doc.querySelectorAll('[data-component] .bars').length,
    days: doc.querySelectorAll('[data-component] .days > *').length,
    incidentDays: doc.querySelectorAll('[data-component] .days > [data-day]').length,
  };
}

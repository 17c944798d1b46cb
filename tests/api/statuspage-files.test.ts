/**
 * The Statuspage API v2 files of a real `astro build` of the fixture, under a sub-path: every file
 * against the schema written from the issue, then the filters, the order, the cap and the ids.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { API_FILES, type ApiFile, apiPath } from '../../src/lib/api/paths.ts';
import { buildFixture, type FixtureBuild } from '../support/build.ts';
import { closed, issue } from '../support/records.ts';
import { at, CONFIG, fixtureIssues, fixtureSnapshot, NOW, POSTMORTEMS } from './fixture.ts';
import { FILE_SCHEMAS, type IncidentJson, type MaintenanceJson } from './statuspage-schema.ts';

const SITE = 'http://127.0.0.1/status-sub';

let site: FixtureBuild;
const read = (build: FixtureBuild, file: ApiFile): Record<string, unknown> => JSON.parse(readFileSync(path.join(build.outDir, apiPath(file)), 'utf8'));
const incidents = (build: FixtureBuild, file: ApiFile = 'incidents.json'): IncidentJson[] => read(build, file)['incidents'] as IncidentJson[];
const maintenances = (file: ApiFile): MaintenanceJson[] => read(site, file)['scheduled_maintenances'] as MaintenanceJson[];
const byId = (list: readonly IncidentJson[], id: string): IncidentJson => {
  const found = list.find((i) => i.id === id);
  if (!found) throw new Error(`no incident ${id} in ${list.map((i) => i.id).join(', ')}`);
  return found;
};

beforeAll(async () => {
  site = await buildFixture({ config: CONFIG, snapshot: fixtureSnapshot(), postmortems: POSTMORTEMS, now: NOW, siteUrl: SITE });
  if (site.code !== 0) throw new Error(`build failed:\n${site.stderr}`);
});

describe('every file matches the Statuspage schema', () => {
  test.each(API_FILES.map((file) => ({ file })))('api/v2/$file', ({ file }) => {
    const result = FILE_SCHEMAS[file].safeParse(read(site, file));
    expect(result.success ? [] : result.error.issues.slice(0, 5)).toEqual([]);
  });

  test('every file carries the same page, dated with the snapshot', () => {
    const pages = API_FILES.map((file) => read(site, file)['page']);
    for (const page of pages)
      expect(page).toEqual({ id: 'acme-widgets', name: 'Acme status', url: SITE, time_zone: 'Etc/UTC', updated_at: '2026-11-21T11:55:00.000Z' });
  });
});

describe('status and components', () => {
  test('the worst active incident (P0) decides the indicator', () => {
    expect(read(site, 'status.json')['status']).toEqual({ indicator: 'critical', description: 'Major System Outage' });
    expect(read(site, 'summary.json')['status']).toEqual(read(site, 'status.json')['status']);
  });

  test('groups are entries of the flat list, with their children', () => {
    const components = read(site, 'components.json')['components'] as {
      id: string;
      group: boolean;
      group_id: string | null;
      components?: string[];
      status: string;
      position: number;
    }[];
    expect(components.map((c) => [c.id, c.group_id, c.status])).toEqual([
      ['group-tools', null, 'major_outage'],
      ['cli', 'group-tools', 'under_maintenance'],
      ['npm', 'group-tools', 'major_outage'],
      ['group-web', null, 'degraded_performance'],
      ['docs', 'group-web', 'degraded_performance'],
      ['site', null, 'partial_outage'],
    ]);
    expect(components.filter((c) => c.group).map((c) => c.components)).toEqual([['cli', 'npm'], ['docs']]);
    expect(components.map((c) => c.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('incidents', () => {
  test('incidents.json: the 50 most recent of 61, newest first', () => {
    const list = incidents(site);
    expect(list).toHaveLength(50);
    const starts = list.map((i) => i.started_at);
    expect(starts).toEqual([...starts].sort().reverse());
    expect(list.map((i) => i.id)).toContain('101');
    // The oldest eleven fall off: incidents 1–11.
    expect(list.map((i) => i.id)).not.toContain('11');
    expect(list.map((i) => i.id)).toContain('12');
  });

  test('unresolved: exactly the investigating, identified and monitoring ones', () => {
    const unresolved = incidents(site, 'incidents/unresolved.json');
    expect(unresolved.map((i) => [i.id, i.status])).toEqual([
      ['101', 'identified'],
      ['103', 'investigating'],
      ['102', 'monitoring'],
    ]);
    const active = incidents(site).filter((i) => ['investigating', 'identified', 'monitoring'].includes(i.status));
    expect(active.map((i) => i.id)).toEqual(unresolved.map((i) => i.id));
    expect(read(site, 'summary.json')['incidents']).toEqual(unresolved);
  });

  test('updates are newest first, with plain-text bodies', () => {
    for (const incident of incidents(site)) {
      const times = incident.incident_updates.map((u) => u.created_at);
      expect(times, incident.id).toEqual([...times].sort().reverse());
    }
    const p0 = byId(incidents(site), '101');
    expect(p0.incident_updates.map((u) => [u.id, u.status, u.body])).toEqual([
      ['5002', 'identified', 'The release job broke.'],
      ['5001', 'investigating', 'Looking into it.'],
      ['101-opened', 'investigating', 'npm install fails with E404.'],
    ]);
    expect(p0.shortlink).toBe(`${SITE}/incidents/101/`);
    expect(site.exists('incidents/101/')).toBe(true);
    expect(p0.components.map((c) => c.id)).toEqual(['npm']);
    expect(p0.incident_updates.at(-1)?.affected_components).toEqual([
      { code: 'npm', name: 'npm packages', old_status: 'operational', new_status: 'major_outage' },
    ]);
    expect(p0.incident_updates[0]?.affected_components).toBeNull();
  });

  test('a withdrawn incident is resolved with impact none, and its last update says why', () => {
    const withdrawn = byId(incidents(site), '90');
    expect([withdrawn.status, withdrawn.impact, withdrawn.resolved_at]).toEqual(['resolved', 'none', new Date(at(39)).toISOString()]);
    expect(withdrawn.incident_updates[0]?.body).toMatch(/^Withdrawn: /);
  });

  test('a resolved incident with a post-mortem is "postmortem" and carries its text', () => {
    const pm = byId(incidents(site), '80');
    expect(pm.status).toBe('postmortem');
    expect(pm.postmortem_body).toContain('A bad release.');
    expect(pm.postmortem_body).toContain(`Full post-mortem: ${SITE}/postmortems/80/`);
    // "Status: resolved" then closing the issue is one update, not two.
    expect(pm.incident_updates.map((u) => [u.id, u.status])).toEqual([
      ['5003', 'resolved'],
      ['80-opened', 'investigating'],
    ]);
    expect(byId(incidents(site), '12')).not.toHaveProperty('postmortem_body');
  });

  test('a reopened incident tells its whole story', () => {
    const story = byId(incidents(site), '70').incident_updates.map((u) => u.status);
    expect(story).toEqual(['resolved', 'investigating', 'resolved', 'investigating']);
    expect(byId(incidents(site), '70').monitoring_at).toBeNull();
    expect(byId(incidents(site), '102').monitoring_at).toBe(new Date(at(4)).toISOString());
  });
});

describe('scheduled maintenances', () => {
  test('all of them, latest window first; cancelled reads as completed', () => {
    expect(maintenances('scheduled-maintenances.json').map((m) => [m.id, m.status])).toEqual([
      ['205', 'scheduled'],
      ['204', 'completed'],
      ['201', 'scheduled'],
      ['202', 'in_progress'],
      ['203', 'completed'],
    ]);
    const cancelled = maintenances('scheduled-maintenances.json').find((m) => m.id === '204');
    expect(cancelled?.incident_updates[0]?.body).toBe('This maintenance was cancelled.');
  });

  test('upcoming: scheduled ones, soonest first; active: the one under way', () => {
    expect(maintenances('scheduled-maintenances/upcoming.json').map((m) => m.id)).toEqual(['201', '205']);
    const active = maintenances('scheduled-maintenances/active.json');
    expect(active.map((m) => [m.id, m.scheduled_for, m.scheduled_until])).toEqual([['202', '2026-11-21T11:00:00.000Z', '2026-11-21T13:00:00.000Z']]);
    expect(active[0]?.incident_updates.map((u) => [u.id, u.status])).toEqual([
      ['5004', 'in_progress'],
      ['202-in-progress', 'in_progress'],
      ['202-scheduled', 'scheduled'],
    ]);
    expect((read(site, 'summary.json')['scheduled_maintenances'] as MaintenanceJson[]).map((m) => m.id)).toEqual(['202', '201', '205']);
  });
});

describe('ids are stable across builds', () => {
  test('a later build with one more incident keeps every id', async () => {
    const extra = closed(issue({ number: 150, title: 'Brand new', createdAt: at(0.5), labels: ['incident', 'P2'] }), at(0.2));
    const later = await buildFixture({
      config: CONFIG,
      snapshot: fixtureSnapshot({ issues: [...fixtureIssues(), extra], takenAt: '2026-11-21T12:55:00Z' }),
      postmortems: POSTMORTEMS,
      now: '2026-11-21T13:00:00Z',
      siteUrl: SITE,
    });
    expect(later.code, later.stderr).toBe(0);
    const ids = (build: FixtureBuild) => new Map(incidents(build).map((i) => [i.name, [i.id, i.incident_updates.map((u) => u.id)]]));
    const before = ids(site);
    const after = ids(later);
    expect(after.get('Brand new')?.[0]).toBe('150');
    const shared = [...before.keys()].filter((name) => after.has(name));
    expect(shared.length).toBeGreaterThan(45);
    for (const name of shared) expect(after.get(name), name).toEqual(before.get(name));
    expect(read(later, 'components.json')['components']).toMatchObject(
      (read(site, 'components.json')['components'] as { id: string }[]).map((c) => ({ id: c.id })),
    );
  });
});

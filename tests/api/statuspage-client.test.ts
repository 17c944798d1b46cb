/**
 * Reads the built API with an independent, published Statuspage client: `statuspage.io` from npm
 * (ffflorian/api-clients), pointed at the site served on 127.0.0.1 under a sub-path, the way a
 * client that takes a base URL reads a project-pages site.
 *
 * What the client itself does is part of the check: its request log must show the paths
 * Statuspage serves. (Its three scheduled-maintenance methods all request `upcoming.json`, a bug
 * of that client, which the log makes visible.)
 */
import { Statuspage } from 'statuspage.io';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type StaticServer, startStaticServer } from '../../scripts/lib/site/static-server.ts';
import { buildFixture } from '../support/build.ts';
import { CONFIG, fixtureSnapshot, NOW, POSTMORTEMS } from './fixture.ts';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'];
const savedProxies = new Map(PROXY_VARIABLES.map((name) => [name, process.env[name]]));

let server: StaticServer;
let client: Statuspage;

beforeAll(async () => {
  const site = await buildFixture({ config: CONFIG, snapshot: fixtureSnapshot(), postmortems: POSTMORTEMS, now: NOW, siteUrl: 'http://127.0.0.1/status-sub' });
  if (site.code !== 0) throw new Error(`build failed:\n${site.stderr}`);
  server = await startStaticServer({ root: site.outDir, base: site.base });
  // The client (axios) honours proxy variables; a request to this machine must not leave it.
  for (const name of PROXY_VARIABLES) delete process.env[name];
  client = new Statuspage('acme-widgets');
  client.setApiUrl(`${server.origin}${site.base}`);
});

afterAll(async () => {
  for (const [name, value] of savedProxies) if (value !== undefined) process.env[name] = value;
  await server?.close();
});

describe('the statuspage.io client reads the static API', () => {
  test('summary: page, status, components, unresolved incidents and maintenances', async () => {
    const summary = await client.api.getSummary();
    expect(summary.page).toMatchObject({ id: 'acme-widgets', name: 'Acme status', url: 'http://127.0.0.1/status-sub', time_zone: 'Etc/UTC' });
    expect(summary.status).toEqual({ indicator: 'critical', description: 'Major System Outage' });
    expect(summary.components.filter((c) => !c.group).map((c) => [c.id, c.status])).toEqual([
      ['cli', 'under_maintenance'],
      ['npm', 'major_outage'],
      ['docs', 'degraded_performance'],
      ['site', 'partial_outage'],
    ]);
    expect(summary.incidents.map((i) => i.id)).toEqual(['101', '103', '102']);
    expect(summary.scheduled_maintenances.map((m) => [m.id, m.status])).toEqual([
      ['202', 'in_progress'],
      ['201', 'scheduled'],
      ['205', 'scheduled'],
    ]);
  });

  test('status and components', async () => {
    expect((await client.api.getStatus()).status.indicator).toBe('critical');
    const { components } = await client.api.getComponents();
    expect(components.find((c) => c.id === 'npm')?.group_id).toBe('group-tools');
  });

  test('incidents: all (capped at 50) and unresolved, updates newest first', async () => {
    const all = await client.api.incidents.getAll();
    expect(all.incidents).toHaveLength(50);
    const unresolved = await client.api.incidents.getUnresolved();
    expect(unresolved.incidents.map((i) => i.status)).toEqual(['identified', 'investigating', 'monitoring']);
    const first = unresolved.incidents[0];
    expect(first?.incident_updates.map((u) => u.id)).toEqual(['5002', '5001', '101-opened']);
    expect(Date.parse(first?.created_at ?? '')).toBe(Date.parse('2026-11-21T10:00:00Z'));
  });

  test('upcoming maintenances', async () => {
    const upcoming = await client.api.scheduledMaintenances.getUpcoming();
    expect(upcoming.scheduled_maintenances.map((m) => [m.id, m.scheduled_for])).toEqual([
      ['201', '2026-11-25T10:00:00.000Z'],
      ['205', '2026-11-28T10:00:00.000Z'],
    ]);
  });

  test('every request the client made was answered from the built files', () => {
    expect(server.requests.map((r) => `${r.status} ${r.path}`)).toEqual([
      '200 /status-sub/api/v2/summary.json',
      '200 /status-sub/api/v2/status.json',
      '200 /status-sub/api/v2/components.json',
      '200 /status-sub/api/v2/incidents.json',
      '200 /status-sub/api/v2/incidents/unresolved.json',
      '200 /status-sub/api/v2/scheduled-maintenances/upcoming.json',
    ]);
  });
});

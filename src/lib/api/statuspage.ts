/**
 * The site model → every file of the Statuspage API v2 (see ./paths.ts for where each lives).
 * Pure: the same model and base give byte-identical files.
 */

import type { Incident } from '../incident.ts';
import { buildApiComponents } from './components.ts';
import { type ApiContext, toApiTime } from './context.ts';
import { toApiIncident, toApiMaintenance } from './incidents.ts';
import type { ApiFile } from './paths.ts';
import { deriveApiStatus } from './status.ts';
import type { ApiComponent, ApiIncident, ComponentsFile, IncidentsFile, MaintenancesFile, StatusFile, SummaryFile } from './statuspage-types.ts';

/** Statuspage serves the 50 most recent incidents and maintenances. */
export const LIST_LIMIT = 50;

export interface StatuspageFiles {
  readonly 'summary.json': SummaryFile;
  readonly 'status.json': StatusFile;
  readonly 'components.json': ComponentsFile;
  readonly 'incidents.json': IncidentsFile;
  readonly 'incidents/unresolved.json': IncidentsFile;
  readonly 'scheduled-maintenances.json': MaintenancesFile;
  readonly 'scheduled-maintenances/upcoming.json': MaintenancesFile;
  readonly 'scheduled-maintenances/active.json': MaintenancesFile;
}

// Every file is listed in ./paths.ts; this fails to compile if the two drift apart.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const filesMatchPaths: Exact<keyof StatuspageFiles, ApiFile> = true;
void filesMatchPaths;

const bySchedule = (a: { scheduled_for: string }, b: { scheduled_for: string }): number => a.scheduled_for.localeCompare(b.scheduled_for);

export function buildStatuspageApi(ctx: ApiContext): StatuspageFiles {
  const { model, page } = ctx;
  const components = buildApiComponents(ctx);
  const byId = new Map<string, ApiComponent>(components.map((c) => [c.id, c]));
  const status = deriveApiStatus(model);
  // Newest first, as the model keeps them. Only the incidents a file lists are converted (the
  // newest LIST_LIMIT and the unresolved), not the whole history; unresolved = still active.
  const converted = new Map<Incident, ApiIncident>();
  const toApi = (i: Incident): ApiIncident => converted.get(i) ?? (converted.set(i, toApiIncident(ctx, i, byId)).get(i) as ApiIncident);
  const incidents = model.incidents.slice(0, LIST_LIMIT).map(toApi);
  const unresolved = model.incidents.filter((i) => i.active).map(toApi);
  // Latest window first for the history; soonest first for what is coming or under way.
  const maintenances = model.maintenances.map((m) => toApiMaintenance(ctx, m, byId));
  const upcoming = maintenances.filter((m) => m.status === 'scheduled').sort(bySchedule);
  const active = maintenances.filter((m) => m.status === 'in_progress' || m.status === 'verifying').sort(bySchedule);
  return {
    'summary.json': { page, components, incidents: unresolved, scheduled_maintenances: [...active, ...upcoming].sort(bySchedule), status },
    'status.json': { page, status, ...monitorsRun(ctx) },
    'components.json': { page, components },
    'incidents.json': { page, incidents },
    'incidents/unresolved.json': { page, incidents: unresolved },
    'scheduled-maintenances.json': { page, scheduled_maintenances: maintenances.slice(0, LIST_LIMIT) },
    'scheduled-maintenances/upcoming.json': { page, scheduled_maintenances: upcoming },
    'scheduled-maintenances/active.json': { page, scheduled_maintenances: active },
  };
}

/** When the monitors last ran, for status.json; absent without monitors, so the file stays Statuspage's own. */
function monitorsRun({ model }: ApiContext): Pick<StatusFile, 'monitors'> {
  if (model.config.monitors.length === 0) return {};
  const { lastRunAt, lastRunInconclusive } = model.monitors;
  return { monitors: { last_run_at: lastRunAt ? toApiTime(lastRunAt) : null, inconclusive: lastRunInconclusive } };
}

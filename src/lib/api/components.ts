/**
 * Config components → Statuspage components. Statuspage keeps groups in the same flat list as
 * components: a group is an entry with `group: true` and the ids of its children, and each child
 * names its group in `group_id`.
 */
import type { ComponentView } from '../site-model.ts';
import { incidentsForComponent } from '../views.ts';
import type { ApiContext } from './context.ts';
import { toApiTime } from './context.ts';
import type { ApiComponent } from './statuspage-types.ts';

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'group';

/** `group-<slug>`, made unique against component ids and other groups. */
export function assignGroupIds(groupNames: readonly string[], componentIds: readonly string[]): Map<string, string> {
  const taken = new Set(componentIds);
  const ids = new Map<string, string>();
  for (const name of groupNames) {
    if (ids.has(name)) continue;
    const stem = `group-${slug(name)}`;
    let id = stem;
    for (let n = 2; taken.has(id); n += 1) id = `${stem}-${n}`;
    taken.add(id);
    ids.set(name, id);
  }
  return ids;
}

/** The earliest record on the page: a component's `created_at`, since the config keeps no dates. */
function findRecordsStart(ctx: ApiContext): string {
  const { incidents, maintenances, dataAsOf } = ctx.model;
  return [...incidents.map((i) => i.startedAt), ...maintenances.map((m) => m.createdAt), dataAsOf].sort()[0] ?? dataAsOf;
}

/** When the records last changed the component's status (an incident's status change, a window's start or end). */
function findLastChange(ctx: ApiContext, id: string, fallback: string): string {
  const { maintenances, now } = ctx.model;
  const times = [
    ...incidentsForComponent(ctx.model, id).flatMap((i) => i.timeline.map((c) => c.at)),
    ...maintenances
      .filter((m) => m.components.includes(id) && m.status !== 'cancelled' && m.status !== 'scheduled')
      .flatMap((m) => [m.scheduledFor, m.scheduledUntil]),
  ].filter((t) => t <= now);
  return [fallback, ...times].sort().at(-1) ?? fallback;
}

export function buildApiComponents(ctx: ApiContext): ApiComponent[] {
  const { model, pageId } = ctx;
  const start = toApiTime(findRecordsStart(ctx));
  const groupIds = assignGroupIds(
    model.groups.flatMap((g) => (g.name === null ? [] : [g.name])),
    model.components.map((c) => c.id),
  );
  const out: ApiComponent[] = [];
  const position = (): number => out.length + 1;
  const toComponent = (c: ComponentView, groupId: string | null): ApiComponent => ({
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: start,
    updated_at: toApiTime(findLastChange(ctx, c.id, start)),
    position: position(),
    description: c.description ?? null,
    showcase: true,
    start_date: null,
    group_id: groupId,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  });
  for (const group of model.groups) {
    const groupId = group.name === null ? null : (groupIds.get(group.name) ?? null);
    if (group.name !== null && groupId !== null) {
      const changes = group.components.map((c) => findLastChange(ctx, c.id, start));
      out.push({
        id: groupId,
        name: group.name,
        status: group.status,
        created_at: start,
        updated_at: toApiTime(changes.sort().at(-1) ?? start),
        position: position(),
        description: null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: pageId,
        group: true,
        only_show_if_degraded: false,
        components: group.components.map((c) => c.id),
      });
    }
    for (const component of group.components) out.push(toComponent(component, groupId));
  }
  return out;
}

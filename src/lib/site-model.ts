/**
 * The whole site as data: config + snapshot + post-mortem files + `now` → everything a page shows.
 * Pure: no clock, no disk, no network; pages only map this to HTML.
 */
import { createMarkdownRenderer, markdownToPlainText } from './markdown.ts';
import { buildIncident, isTrustedlyLabelled, type Incident, type Notice, type Renderers } from './incident.ts';
import { buildMaintenance, type Maintenance } from './maintenance.ts';
import { buildPostmortemFromFile, buildPostmortemFromIssue, type Postmortem, type PostmortemFile } from './postmortem.ts';
import { describeZodIssues } from './errors.ts';
import { DEFAULT_MONITOR_BOT, monitorIdOf } from './monitor/marker.ts';
import { buildMonitorsView, type MonitorsView } from './monitor/views.ts';
import type { MonitorHistory } from './schema/monitor-history.ts';
import type { Component, SiteConfig } from './schema/config.ts';
import { IssueRecordSchema, type IssueRecord, type ReferencedIssue, type Snapshot } from './schema/snapshot.ts';
import { COMPONENT_STATUS_RANK, COMPONENT_STATUS_TEXT, SEVERITY_INFO, worseStatus, type ComponentStatus } from './severity.ts';

export interface ComponentView extends Component {
  readonly status: ComponentStatus;
  /** Active incidents touching it, most severe first. */
  readonly activeIncidents: readonly number[];
  readonly activeMaintenance: readonly number[];
}

export interface ComponentGroup {
  /** null for components without a group. */
  readonly name: string | null;
  readonly status: ComponentStatus;
  readonly components: readonly ComponentView[];
}

export interface OverallStatus {
  readonly status: ComponentStatus;
  readonly text: string;
  /**
   * Some records could not be read: the page must not claim that all is well.
   * Set when issues were skipped as malformed.
   */
  readonly incomplete: boolean;
}

export interface SiteModel {
  readonly config: SiteConfig;
  readonly now: string;
  readonly demo: boolean;
  readonly dataAsOf: string;
  readonly dataAgeMinutes: number;
  readonly stale: boolean;
  readonly overall: OverallStatus;
  /** Every published incident, newest first. */
  readonly incidents: readonly Incident[];
  /** Active incidents, most severe first, then newest. */
  readonly active: readonly Incident[];
  /** Resolved (or withdrawn) in the 7 days before `now`, newest first. */
  readonly recent: readonly Incident[];
  readonly maintenances: readonly Maintenance[];
  readonly components: readonly ComponentView[];
  readonly groups: readonly ComponentGroup[];
  /** Keyed by incident number. */
  readonly postmortems: ReadonlyMap<number, Postmortem>;
  /** Things a maintainer should fix (unknown component, missing severity…), for the build log. */
  readonly notices: readonly Notice[];
  /** Issues that could not be read at all, skipped so the rest renders. */
  readonly skipped: readonly Notice[];
  /** The monitors: last results, response-time charts, when they last ran. */
  readonly monitors: MonitorsView;
}

export interface SiteModelInput {
  readonly config: SiteConfig;
  readonly snapshot: Snapshot;
  readonly postmortemFiles: readonly PostmortemFile[];
  readonly now: Date;
  readonly demo: boolean;
  /** Logins a monitor's issues are authored by (default github-actions[bot]); see src/lib/monitor/marker.ts. */
  readonly monitorBots?: readonly string[];
  /** The monitor history, when one reached the build. */
  readonly monitorHistory?: MonitorHistory | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Validates each issue on its own; a malformed one is reported and skipped. Times are normalised to `toISOString()` so they compare as strings. */
export function readIssues(raw: readonly unknown[]): { issues: IssueRecord[]; skipped: Notice[] } {
  const issues: IssueRecord[] = [];
  const skipped: Notice[] = [];
  raw.forEach((item, index) => {
    const number = typeof item === 'object' && item !== null && 'number' in item ? (item as { number: unknown }).number : undefined;
    const where = typeof number === 'number' ? `issue #${number}` : `issues[${index}]`;
    const parsed = IssueRecordSchema.safeParse(item);
    if (!parsed.success) {
      skipped.push({ where, message: `skipped, not a valid issue record: ${describeZodIssues(parsed.error).join('; ')}` });
      return;
    }
    issues.push(normalizeTimes(parsed.data));
  });
  return { issues, skipped };
}

const iso = (t: string): string => new Date(t).toISOString();
function normalizeTimes(issue: IssueRecord): IssueRecord {
  return {
    ...issue,
    createdAt: iso(issue.createdAt),
    updatedAt: iso(issue.updatedAt),
    closedAt: issue.closedAt ? iso(issue.closedAt) : null,
    comments: issue.comments.map((c) => ({ ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) })),
    events: issue.events.map((e) => ({ ...e, createdAt: iso(e.createdAt) })),
  };
}

const hasLabel = (issue: IssueRecord, label: string): boolean => issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());

function classify(issues: readonly IssueRecord[], config: SiteConfig, notices: Notice[], monitorBots: readonly string[]) {
  const incidents: IssueRecord[] = [];
  const maintenance: IssueRecord[] = [];
  const postmortems: IssueRecord[] = [];
  const { labels } = config;
  for (const issue of issues) {
    const where = `issue #${issue.number}`;
    if (issue.isPullRequest) continue;
    const kind = hasLabel(issue, labels.incident)
      ? labels.incident
      : hasLabel(issue, labels.maintenance)
        ? labels.maintenance
        : hasLabel(issue, labels.postmortem)
          ? labels.postmortem
          : undefined;
    if (!kind) continue;
    if (hasLabel(issue, labels.embargoed)) continue;
    // A monitor's own incident (bot author AND marker) is published; nothing else the bot writes is trusted.
    const byMonitor = kind === labels.incident && monitorIdOf({ author: issue.author.login, body: issue.body }, monitorBots) !== null;
    if (!byMonitor && !isTrustedlyLabelled(issue, kind)) {
      notices.push({ where, message: `labelled "${kind}" but neither opened nor labelled by a maintainer (${issue.author.login}); not published` });
      continue;
    }
    if (kind === labels.incident) incidents.push(issue);
    else if (kind === labels.maintenance) maintenance.push(issue);
    else postmortems.push(issue);
  }
  return { incidents, maintenance, postmortems };
}

const bySeverityThenNewest = (a: Incident, b: Incident): number => a.severity.localeCompare(b.severity) || b.startedAt.localeCompare(a.startedAt);

function buildComponents(config: SiteConfig, active: readonly Incident[], maintenances: readonly Maintenance[]): ComponentView[] {
  return config.components.map((component) => {
    const incidents = active.filter((i) => i.components.includes(component.id));
    const inMaintenance = maintenances.filter((m) => m.status === 'in_progress' && m.components.includes(component.id));
    let status: ComponentStatus = inMaintenance.length > 0 ? 'under_maintenance' : 'operational';
    for (const incident of incidents) status = worseStatus(status, SEVERITY_INFO[incident.severity].componentStatus);
    return { ...component, status, activeIncidents: incidents.map((i) => i.number), activeMaintenance: inMaintenance.map((m) => m.number) };
  });
}

function groupComponents(components: readonly ComponentView[]): ComponentGroup[] {
  const groups: { name: string | null; components: ComponentView[] }[] = [];
  for (const component of components) {
    const name = component.group ?? null;
    const group = groups.find((g) => g.name === name) ?? groups[groups.push({ name, components: [] }) - 1];
    group?.components.push(component);
  }
  return groups.map((g) => ({ ...g, status: g.components.reduce<ComponentStatus>((s, c) => worseStatus(s, c.status), 'operational') }));
}

/** The banner: the worst active incident decides, whatever components it names. */
export function deriveOverallStatus(active: readonly Incident[], maintenances: readonly Maintenance[], skipped: number): OverallStatus {
  let status: ComponentStatus = maintenances.some((m) => m.status === 'in_progress') ? 'under_maintenance' : 'operational';
  for (const incident of active) status = worseStatus(status, SEVERITY_INFO[incident.severity].componentStatus);
  const incomplete = skipped > 0;
  const text =
    status === 'operational'
      ? incomplete
        ? 'No known incidents, but some records could not be read'
        : 'All systems operational'
      : COMPONENT_STATUS_RANK[status] >= COMPONENT_STATUS_RANK.degraded_performance
        ? COMPONENT_STATUS_TEXT[status]
        : 'Maintenance in progress';
  return { status, text, incomplete };
}

export function buildSiteModel(input: SiteModelInput): SiteModel {
  const { config, snapshot, now } = input;
  const notices: Notice[] = [];
  const markdown = createMarkdownRenderer({ githubUrl: config.githubUrl, repository: snapshot.repository || config.repository });
  const render: Renderers = { html: markdown, text: markdownToPlainText };
  const { issues, skipped } = readIssues(snapshot.issues);
  const monitorBots = input.monitorBots ?? [DEFAULT_MONITOR_BOT];
  const kinds = classify(issues, config, notices, monitorBots);

  const incidents = kinds.incidents
    .map((issue) => withDetection(buildIncident(issue, config, render, notices), issue, config, monitorBots))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const maintenances = kinds.maintenance
    .map((issue) => buildMaintenance(issue, config, now, render, notices))
    .filter((m): m is Maintenance => m !== undefined)
    .sort((a, b) => b.scheduledFor.localeCompare(a.scheduledFor));

  const referenced = new Map<number, ReferencedIssue>(snapshot.referencedIssues.map((r) => [r.number, r]));
  const published = new Set(incidents.map((i) => i.number));
  const postmortems = new Map<number, Postmortem>();
  const attach = (pm: Postmortem, where: string): void => {
    for (const n of pm.incidents) {
      if (!published.has(n)) notices.push({ where, message: `post-mortem names #${n}, which is not a published incident` });
      else if (postmortems.has(n)) notices.push({ where, message: `a second post-mortem for incident #${n}; keeping the first` });
      else postmortems.set(n, pm);
    }
  };
  for (const file of input.postmortemFiles) attach(buildPostmortemFromFile(file, referenced, render), file.path);
  for (const issue of kinds.postmortems) {
    const pm = buildPostmortemFromIssue(issue, referenced, render);
    if (pm) attach(pm, `issue #${issue.number}`);
    else notices.push({ where: `issue #${issue.number}`, message: 'post-mortem names no incident (put "#123" in the title or the "Incident number" field)' });
  }

  const active = incidents.filter((i) => i.active).sort(bySeverityThenNewest);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const recent = incidents.filter((i) => !i.active && (i.resolvedAt ?? i.withdrawnAt ?? i.updatedAt) >= weekAgo);
  const components = buildComponents(config, active, maintenances);
  const dataAgeMinutes = Math.max(0, Math.floor((now.getTime() - new Date(snapshot.takenAt).getTime()) / 60_000));
  return {
    config,
    now: now.toISOString(),
    demo: input.demo,
    dataAsOf: new Date(snapshot.takenAt).toISOString(),
    dataAgeMinutes,
    stale: dataAgeMinutes > config.staleAfterMinutes,
    overall: deriveOverallStatus(active, maintenances, skipped.length),
    incidents,
    active,
    recent,
    maintenances,
    components,
    groups: groupComponents(components),
    postmortems,
    notices,
    skipped,
    monitors: buildMonitorsView(config, input.monitorHistory ?? null, now),
  };
}

/** Marks an incident a monitor opened: the page says "detected automatically" and names the monitor. */
function withDetection(incident: Incident, issue: IssueRecord, config: SiteConfig, monitorBots: readonly string[]): Incident {
  const id = monitorIdOf({ author: issue.author.login, body: issue.body }, monitorBots);
  if (id === null) return incident;
  const monitor = config.monitors.find((m) => m.id === id);
  return { ...incident, detectedBy: { monitorId: id, name: monitor?.name ?? id } };
}

/**
 * The whole site as data: config + snapshot + post-mortem files + `now` → everything a page shows.
 * Pure: no clock, no disk, no network; pages only map this to HTML.
 */
import { type Banner, deriveBanner, type OverallStatus } from './banner.ts';
import { type BrandView, buildBrand } from './brand.ts';
import { describeZodIssues } from './errors.ts';
import { buildIncident, type Incident, isTrustedlyLabelled, type Notice, type Renderers } from './incident.ts';
import { hasLabel } from './labels.ts';
import { buildMaintenance, type Maintenance } from './maintenance.ts';
import { createMarkdownRenderer, markdownToPlainText } from './markdown.ts';
import { monitorIdOf, trustMonitorBot } from './monitor/marker.ts';
import { buildMonitorsView, type MonitorsView } from './monitor/views.ts';
import { findOnCall } from './oncall.ts';
import { type PageRecord, readRecordPages } from './paging-plan.ts';
import { buildPostmortemFromFile, buildPostmortemFromIssue, type Postmortem, type PostmortemFile } from './postmortem.ts';
import type { Component, SiteConfig } from './schema/config.ts';
import type { MonitorHistory } from './schema/monitor-history.ts';
import { type IssueRecord, IssueRecordSchema, type ReferencedIssue, type Snapshot } from './schema/snapshot.ts';
import { COMPONENT_STATUS_RANK, COMPONENT_STATUS_TEXT, type ComponentStatus, SEVERITY_INFO, worseStatus } from './severity.ts';
import { DEFAULT_BOT_LOGIN } from './sitrep-comment.ts';
import { dropDuplicateIssues, minutesInFuture } from './snapshot-checks.ts';
import { heldKindLabels, readTrustedIssue, type UnconfirmedChange } from './trusted-state.ts';

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

export type { OverallStatus } from './banner.ts';

export interface SiteModel {
  readonly config: SiteConfig;
  readonly now: string;
  readonly demo: boolean;
  readonly dataAsOf: string;
  readonly dataAgeMinutes: number;
  readonly stale: boolean;
  /** `takenAt` lies after the build time (beyond clock skew): counted as stale, reported. */
  readonly futureData: boolean;
  readonly overall: OverallStatus;
  /** What the page, the badges and the status API say about the whole project. */
  readonly banner: Banner;
  /** Every published incident, newest first. */
  readonly incidents: readonly Incident[];
  /**
   * Each configured component's incidents, newest first, sliced once here: component pages, their
   * feeds, the API and every page's feed links ask for them, and filtering all incidents per page
   * was quadratic in a long history (7 s of a 10,000-incident build).
   */
  readonly incidentsByComponent: ReadonlyMap<string, readonly Incident[]>;
  /** Active incidents, most severe first, then newest. */
  readonly active: readonly Incident[];
  /** Resolved (or withdrawn) in the 7 days before `now`, newest first. */
  readonly recent: readonly Incident[];
  readonly maintenances: readonly Maintenance[];
  readonly components: readonly ComponentView[];
  readonly groups: readonly ComponentGroup[];
  /** Keyed by incident number. */
  readonly postmortems: ReadonlyMap<number, Postmortem>;
  /** Each published post-mortem with its incident, newest incident first (the post-mortems index). */
  readonly postmortemIndex: readonly { readonly incident: Incident; readonly postmortem: Postmortem }[];
  /** Every issue record the snapshot holds that could be read (announce finds its comments here). */
  readonly issues: readonly IssueRecord[];
  /** Things a maintainer should fix (unknown component, missing severity…), for the build log. */
  readonly notices: readonly Notice[];
  /** Issues that could not be read at all, skipped so the rest renders. */
  readonly skipped: readonly Notice[];
  /** sitrep's on-call pages per incident number, oldest first (only incidents that were paged). */
  readonly pages: ReadonlyMap<number, readonly PageRecord[]>;
  /** Who is on call at build time, for the home page; null when `oncall` is absent or `showOnPage` is off. */
  readonly onCallNow: OnCallNow | null;
  /** The monitors: last results, response-time charts, when they last ran. */
  readonly monitors: MonitorsView;
  /** Logo, favicon, accent, header links and footer from the config (issue #13, "Your brand"). */
  readonly brand: BrandView;
}

export interface OnCallNow {
  /** null in a gap between rotations. */
  readonly rotation: string | null;
  readonly responders: readonly string[];
}

export interface SiteModelInput {
  readonly config: SiteConfig;
  readonly snapshot: Snapshot;
  readonly postmortemFiles: readonly PostmortemFile[];
  readonly now: Date;
  readonly demo: boolean;
  /** Logins sitrep writes as (SITREP_BOT_LOGIN); default GITHUB_TOKEN's github-actions[bot]. Its pages and a monitor's issues are recognised by them. */
  readonly botLogins?: readonly string[];
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

/**
 * `toISOString()`'s own form, kept as it is: what the sync writes, so nearly every time of a long
 * history (0.2 s of Date round trips at 10,000 incidents). The schema's pattern has already
 * refused impossible dates such as 30 February, which Date would roll over.
 */
const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const iso = (t: string): string => (CANONICAL_TIME.test(t) ? t : new Date(t).toISOString());
function normalizeTimes(issue: IssueRecord): IssueRecord {
  return {
    ...issue,
    createdAt: iso(issue.createdAt),
    updatedAt: iso(issue.updatedAt),
    closedAt: issue.closedAt ? iso(issue.closedAt) : null,
    comments: issue.comments.map((c) => ({ ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) })),
    events: issue.events.map((e) => ({ ...e, createdAt: iso(e.createdAt) })),
    ...(issue.bodyEdits ? { bodyEdits: issue.bodyEdits.map((e) => ({ ...e, editedAt: iso(e.editedAt) })) } : {}),
  };
}

function classify(issues: readonly IssueRecord[], config: SiteConfig, notices: Notice[], bots: readonly string[]) {
  const incidents: IssueRecord[] = [];
  const maintenance: IssueRecord[] = [];
  const postmortems: IssueRecord[] = [];
  const unconfirmed = new Map<number, readonly UnconfirmedChange[]>();
  const { labels } = config;
  for (const issue of issues) {
    const where = `issue #${issue.number}`;
    if (issue.isPullRequest) continue;
    // An untrusted person removing the kind label does not take the report off the page.
    const kind = heldKindLabels(issue, [labels.incident, labels.maintenance, labels.postmortem])[0];
    if (!kind) continue;
    // A monitor's own incident (bot author AND marker) is published; nothing else the bot writes is trusted.
    const byMonitor = kind === labels.incident && monitorIdOf({ author: issue.author.login, body: issue.body }, bots) !== null;
    if (!byMonitor && !isTrustedlyLabelled(issue, kind)) {
      if (!hasLabel(issue.labels, labels.embargoed))
        notices.push({ where, message: `labelled "${kind}" but neither opened nor labelled by a maintainer (${issue.author.login}); not published` });
      continue;
    }
    // From here on the page shows only what trusted people did (labels, state, title, body); on a
    // monitor's own issue the bot's incident, severity and component labels and its close count too.
    const trusted = readTrustedIssue(byMonitor ? trustMonitorBot(issue, bots, labels) : issue, kind, notices);
    if (hasLabel(trusted.issue.labels, labels.embargoed)) continue;
    unconfirmed.set(issue.number, trusted.unconfirmed);
    if (kind === labels.incident) incidents.push(trusted.issue);
    else if (kind === labels.maintenance) maintenance.push(trusted.issue);
    else postmortems.push(trusted.issue);
  }
  return { incidents, maintenance, postmortems, unconfirmed };
}

/**
 * Times here are all `toISOString()` (readIssues), so code-unit order is time order; `localeCompare`
 * (ICU collation) made sorting 10,000 incidents cost a second.
 */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const bySeverityThenNewest = (a: Incident, b: Incident): number => compareText(a.severity, b.severity) || compareText(b.startedAt, a.startedAt);

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

/**
 * Renderers per issue (or file), so that text shown as plain text is reported with where it came
 * from. Made outside buildSiteModel on purpose: an update's plain text is rendered lazily, so these
 * closures live as long as the model, and closures made inside buildSiteModel would keep its whole
 * scope alive with them — every issue record of the snapshot (60 MB at 10,000 incidents).
 */
function createRenderersFor(markdown: ReturnType<typeof createMarkdownRenderer>, notices: Notice[]): (where: string) => Renderers {
  return (where) => {
    const onPlainText = (why: string): void => {
      const message = `text shown as plain text: ${why}`;
      if (!notices.some((n) => n.where === where && n.message === message)) notices.push({ where, message });
    };
    return { html: (md) => markdown(md, onPlainText), text: (md) => markdownToPlainText(md, onPlainText) };
  };
}

export function buildSiteModel(input: SiteModelInput): SiteModel {
  const { config, snapshot, now } = input;
  const brand = buildBrand(config);
  const notices: Notice[] = [...brand.notices];
  const renderFor = createRenderersFor(createMarkdownRenderer({ githubUrl: config.githubUrl, repository: snapshot.repository || config.repository }), notices);
  const read = readIssues(snapshot.issues);
  const { issues, duplicates } = dropDuplicateIssues(read.issues);
  const skipped = [...read.skipped, ...duplicates];
  const bots = input.botLogins ?? [DEFAULT_BOT_LOGIN];
  const kinds = classify(issues, config, notices, bots);
  const isBot = (login: string): boolean => bots.some((bot) => bot.toLowerCase() === login.toLowerCase());

  const incidents = kinds.incidents
    .map((issue) =>
      withDetection(
        buildIncident(issue, config, renderFor(`issue #${issue.number}`), notices, kinds.unconfirmed.get(issue.number), isBot),
        issue,
        config,
        bots,
      ),
    )
    .sort((a, b) => compareText(b.startedAt, a.startedAt));
  const maintenances = kinds.maintenance
    .map((issue) => buildMaintenance(issue, config, now, renderFor(`issue #${issue.number}`), notices))
    .filter((m): m is Maintenance => m !== undefined)
    .sort((a, b) => compareText(b.scheduledFor, a.scheduledFor));

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
  for (const file of input.postmortemFiles) attach(buildPostmortemFromFile(file, referenced, renderFor(file.path)), file.path);
  for (const issue of kinds.postmortems) {
    const pm = buildPostmortemFromIssue(issue, referenced, renderFor(`issue #${issue.number}`));
    if (pm) attach(pm, `issue #${issue.number}`);
    else notices.push({ where: `issue #${issue.number}`, message: 'post-mortem names no incident (put "#123" in the title or the "Incident number" field)' });
  }

  const active = incidents.filter((i) => i.active).sort(bySeverityThenNewest);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS).toISOString();
  const recent = incidents.filter((i) => !i.active && (i.resolvedAt ?? i.withdrawnAt ?? i.updatedAt) >= weekAgo);
  const components = buildComponents(config, active, maintenances);
  const pages = new Map<number, readonly PageRecord[]>();
  for (const issue of kinds.incidents) {
    const found = readRecordPages(issue, isBot);
    if (found.length > 0) pages.set(issue.number, found);
  }
  const dataAgeMinutes = Math.max(0, Math.floor((now.getTime() - new Date(snapshot.takenAt).getTime()) / 60_000));
  const minutesAhead = minutesInFuture(snapshot.takenAt, now);
  if (minutesAhead > 0)
    notices.push({
      where: 'snapshot',
      message: `takenAt ${snapshot.takenAt} is ${minutesAhead} minutes after the build time (a wrong clock where the sync ran?): treated as stale`,
    });
  const dataAsOf = new Date(snapshot.takenAt).toISOString();
  const stale = minutesAhead > 0 || dataAgeMinutes > config.staleAfterMinutes;
  const overall = deriveOverallStatus(active, maintenances, skipped.length);
  return {
    config,
    now: now.toISOString(),
    demo: input.demo,
    dataAsOf,
    dataAgeMinutes,
    stale,
    futureData: minutesAhead > 0,
    overall,
    banner: deriveBanner(overall, stale, dataAsOf),
    incidents,
    incidentsByComponent: sliceByComponent(config.components, incidents),
    active,
    recent,
    maintenances,
    components,
    groups: groupComponents(components),
    postmortems,
    postmortemIndex: incidents.flatMap((incident) => {
      const postmortem = postmortems.get(incident.number);
      return postmortem ? [{ incident, postmortem }] : [];
    }),
    issues,
    notices,
    skipped,
    pages,
    onCallNow: describeOnCallNow(config, now),
    monitors: buildMonitorsView(config, input.monitorHistory ?? null, now),
    brand: brand.brand,
  };
}

/** Each component id's incidents, in the order of `incidents`; every configured component has an entry. */
function sliceByComponent(components: readonly Pick<Component, 'id'>[], incidents: readonly Incident[]): Map<string, Incident[]> {
  const slices = new Map<string, Incident[]>(components.map((c) => [c.id, []]));
  for (const incident of incidents) for (const id of new Set(incident.components)) slices.get(id)?.push(incident);
  return slices;
}

function describeOnCallNow(config: SiteConfig, now: Date): OnCallNow | null {
  if (!config.oncall?.showOnPage) return null;
  const found = findOnCall(config.oncall, now);
  return found ? { rotation: found.rotation, responders: found.responders } : { rotation: null, responders: [] };
}

/** Marks an incident a monitor opened: the page says "detected automatically" and names the monitor. */
function withDetection(incident: Incident, issue: IssueRecord, config: SiteConfig, bots: readonly string[]): Incident {
  const id = monitorIdOf({ author: issue.author.login, body: issue.body }, bots);
  if (id === null) return incident;
  const monitor = config.monitors.find((m) => m.id === id);
  return { ...incident, detectedBy: { monitorId: id, name: monitor?.name ?? id } };
}

/**
 * `runSync`: one pass from GitHub to the snapshot file. See docs/sync.md for the why.
 *
 * 1. Find what changed — an incremental run asks one conditional `since` listing of *all* issues
 *    (so a removed label shows up) and one conditional listing of open issues per tracked label
 *    (so a deleted or transferred open incident shows up). A full run lists every tracked issue.
 * 2. For new or changed issues only: comments and events; trust for every actor.
 * 3. Referenced issues of post-mortem action items; then validate and write atomically.
 */
import { InputError } from '../lib/errors.ts';
import { isTrustedlyLabelled } from '../lib/incident.ts';
import { labelMatches } from '../lib/labels.ts';
import type { SiteConfig } from '../lib/schema/config.ts';
import type { BodyEdit, IssueRecord, SnapshotInput, SyncState } from '../lib/schema/snapshot.ts';
import { SNAPSHOT_SCHEMA_VERSION } from '../lib/schema/snapshot.ts';
import { heldKindLabels } from '../lib/trusted-state.ts';
import { type BatchItem, fetchBatch, MAX_BATCH } from './batch-details.ts';
import { listBodyEdits, type RawBodyEdit, toBodyEdits } from './body-edits.ts';
import { type ClientDefaultsOptions, createClientWithDefaults, type GitHubClient, type RequestStats } from './client.ts';
import { toGitHubError } from './errors.ts';
import { getIssue, getPermission, parseRepo, type Repo } from './fetchers.ts';
import { findChanges, mayBeTracked } from './find-changes.ts';
import type { GitHubComment, GitHubIssue, GitHubIssueEvent } from './github-json.ts';
import { fetchIssueDetails } from './issue-details.ts';
import { type PreviousSnapshot, readPreviousSnapshot } from './previous-snapshot.ts';
import { syncReferencedIssues } from './referenced-issues.ts';
import type { SyncSummary } from './summary.ts';
import { actorLogins, applyTrust, isPullRequest, recordLogins, toIssueRecord } from './to-records.ts';
import { createTrust } from './trust.ts';
import { graphqlFailure } from './write-errors.ts';
import { writeSnapshotAtomically } from './write-snapshot.ts';

const HOUR = 3_600_000;

export interface SyncLog {
  warn(message: string): void;
  progress(message: string): void;
  debug?: ((message: string) => void) | undefined;
}

/** The client's options (token, apiUrl, timeouts, retries, throttle) plus the sync's own; warnings go to `log`. */
export interface SyncOptions extends Omit<ClientDefaultsOptions, 'warn' | 'debug'> {
  config: SiteConfig;
  snapshotPath: string;
  /** For messages: how to name the snapshot file. */
  snapshotName?: string;
  /** List every tracked issue even if the daily reconciliation is not due. */
  full?: boolean;
  now?: () => Date;
  log?: SyncLog;
  /** Stop fetching issue details (and finish next run) when fewer requests than this are left. */
  budgetReserve?: number;
  reconcileEveryHours?: number;
  permissionMaxAgeHours?: number;
  /** Issues per GraphQL request of the batched path (at most 100, the default). */
  batchSize?: number;
  /** With a token, fetch details in GraphQL batches once at least this many issues changed (default 5; REST below it). */
  batchFrom?: number;
}

const SILENT: SyncLog = { warn: () => {}, progress: () => {} };

/** The tracked label names, without repeats (a config may use one label for two roles). */
export function trackedLabels(config: SiteConfig): string[] {
  const { incident, maintenance, postmortem } = config.labels;
  return [incident, maintenance, postmortem].filter((label, index, all) => all.findIndex((l) => labelMatches(l, label)) === index);
}

/** Why this run must list every tracked issue, or null when an incremental run is enough. */
export function fullSyncReason(previous: PreviousSnapshot, labels: readonly string[], now: Date, reconcileEveryMs: number): string | null {
  if (previous.fullReason) return previous.fullReason;
  const sync = previous.sync;
  if (!sync?.highWaterMark) return 'first sync';
  // Each tracked label has its open-issues ETag; one without is a label this repo was never listed by.
  const unlisted = labels.filter((label) => sync.etags[`open:${label}`] === undefined);
  if (unlisted.length > 0) return `new tracked label(s) ${unlisted.map((l) => `"${l}"`).join(', ')}`;
  if (!sync.reconciledAt || now.getTime() - Date.parse(sync.reconciledAt) >= reconcileEveryMs) return 'daily reconciliation';
  return null;
}

export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  const clock = options.now ?? (() => new Date());
  const log = options.log ?? SILENT;
  const started = clock();
  const startedMs = performance.now();
  const { config } = options;
  const repository = config.repository;
  const repo = parseRepo(repository);
  const labels = trackedLabels(config);
  if (!options.token) log.warn('GITHUB_TOKEN is not set: anonymous requests are limited to 60 per hour, and only `maintainers` from the config are trusted.');

  const previous = readPreviousSnapshot(options.snapshotPath, repository, log.warn);
  // A cut run's pending issues (batched path, so only with a token). A cut *full* run is finished
  // by incremental runs rather than listed again; a full run asked for, or forced by a bad
  // snapshot, starts over (it lists every pending issue anyway).
  const resume = options.token && !options.full && !previous.fullReason ? (previous.sync?.resume ?? null) : null;
  const fullReason = options.full
    ? 'asked for (--full)'
    : resume?.fullReason
      ? null
      : fullSyncReason(previous, labels, started, (options.reconcileEveryHours ?? 24) * HOUR);
  const { octokit, stats, timeoutMs } = createClientWithDefaults({ ...options, warn: log.warn, debug: log.debug });
  const records = new Map(previous.records);

  try {
    // 1. What changed.
    const { latest, removed, changed, highWaterMark, etags } = await findChanges({
      octokit,
      repo,
      labels,
      records: previous.records,
      previous: previous.sync,
      fullReason,
      progress: log.progress,
    });

    // 2. Details of changed issues only, newest first, stopping before the rate limit runs out.
    const reserve = options.budgetReserve ?? 50;
    // A full run lists every pending issue that is still tracked; otherwise they join the changed ones.
    const listedOrGone = new Set([...changed.map((i) => i.number), ...removed]);
    const pending = resume && !fullReason ? resume.pending.filter((p) => !listedOrGone.has(p.number) && !latest.has(p.number)) : [];
    const batchSize = Math.min(MAX_BATCH, Math.max(1, options.batchSize ?? MAX_BATCH));
    const batched = Boolean(options.token) && (pending.length > 0 || changed.length >= (options.batchFrom ?? 5));
    const fetchInput = { octokit, repo, repository, labels, changed, pending, previous: previous.records, stats, reserve, log, removed, batchSize };
    const { details, deferredItems } = batched ? await fetchBatched(fetchInput) : await fetchDetails(fetchInput);
    const deferred = deferredItems.length;

    // 2b. Who is trusted, who wrote each body, and the records.
    const { issues, trust, permissionChecks } = await buildRecords({
      options,
      octokit,
      repo,
      labels,
      records,
      removed,
      details,
      previous,
      started,
      fullReason,
      log,
    });

    // 3. Post-mortem action items.
    // Only post-mortems the page publishes: an outsider's text must not spend the rate limit.
    const postmortems = issues.filter(
      (issue) => heldKindLabels(issue, [config.labels.postmortem]).length > 0 && isTrustedlyLabelled(issue, config.labels.postmortem),
    );
    const { referenced, missing } = await syncReferencedIssues({
      octokit,
      repo,
      postmortems,
      latest,
      previous: previous.referenced,
      prevEtags: previous.sync?.etags ?? {},
      etags,
      recheck: fullReason !== null,
      missing: previous.sync?.missingReferences,
      mayFetch: () => !stats.rateLimit || stats.rateLimit.remaining >= reserve,
      warn: log.warn,
      toError: (error) => toGitHubError(error, { repository, timeoutMs, authenticated: Boolean(options.token) }),
    });

    const takenAt = clock().toISOString();
    const sync = nextSyncState({ options, issues, trust, highWaterMark, etags, deferredItems, fullReason, resume, previous, started, missing });
    const snapshot: SnapshotInput = { schemaVersion: SNAPSHOT_SCHEMA_VERSION, takenAt, repository, issues, referencedIssues: referenced, sync };
    writeSnapshotAtomically(options.snapshotPath, snapshot, options.snapshotName ?? options.snapshotPath);

    return {
      repository,
      snapshot: options.snapshotName ?? options.snapshotPath,
      mode: fullReason ? 'full' : 'incremental',
      fullReason,
      takenAt,
      issues: {
        tracked: issues.length,
        seen: [...latest.values()].filter((i) => !isPullRequest(i)).length,
        changed: details.length,
        removed: removed.size,
        deferred,
        resumed: resume && !fullReason ? resume.pending.length : 0,
      },
      referencedIssues: referenced.length,
      requests: { total: stats.requests, notModified: stats.notModified, counted: stats.requests - stats.notModified, permissionChecks },
      rateLimit: stats.rateLimit ? { ...stats.rateLimit, resetAt: new Date(stats.rateLimit.reset * 1000).toISOString() } : null,
      durationMs: Math.round(performance.now() - startedMs),
    };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw graphqlFailure(error) ?? toGitHubError(error, { repository, timeoutMs, authenticated: Boolean(options.token) });
  }
}

interface IssueDetails {
  issue: GitHubIssue;
  comments: GitHubComment[];
  events: GitHubIssueEvent[];
  /** The body's versions when a GraphQL batch brought them (else asked per issue where needed). */
  bodyEdits?: RawBodyEdit[];
}

interface FetchDetailsInput {
  octokit: GitHubClient;
  repo: Repo;
  repository: string;
  labels: readonly string[];
  changed: readonly GitHubIssue[];
  /** Issues a cut run left to fetch, known by node id only (batched path). */
  pending: readonly { number: number; nodeId: string }[];
  /** Records of the previous snapshot: what is known already (e.g. comments seen). */
  previous: ReadonlyMap<number, IssueRecord>;
  stats: RequestStats;
  /** Stop when fewer requests than this are left. */
  reserve: number;
  log: SyncLog;
  /** Written to: issues deleted between the listing and now. */
  removed: Set<number>;
  batchSize: number;
}

interface FetchedDetails {
  details: IssueDetails[];
  /** Left for the next run, in order; nodeId is '' when the listing gave none. */
  deferredItems: { number: number; nodeId: string }[];
}

const budgetLow = (stats: RequestStats, reserve: number): boolean => stats.rateLimit !== null && stats.rateLimit.remaining < reserve;

/** Step 2, one issue at a time through REST: comments and events of the changed issues, in order. */
async function fetchDetails({ octokit, repo, changed, previous, stats, reserve, log, removed }: FetchDetailsInput): Promise<FetchedDetails> {
  const details: IssueDetails[] = [];
  for (const [index, issue] of changed.entries()) {
    if (budgetLow(stats, reserve)) {
      const rest = changed.slice(index);
      log.warn(`Only ${stats.rateLimit?.remaining} requests left: ${rest.length} changed issue(s) wait for the next run.`);
      return { details, deferredItems: rest.map((i) => ({ number: i.number, nodeId: i.node_id ?? '' })) };
    }
    const fetched = await fetchOne(octokit, repo, issue, previous, removed);
    if (fetched) details.push(fetched);
    if (changed.length > 20 && (index + 1) % 25 === 0) log.progress(`Fetched comments and events of ${index + 1}/${changed.length} issues`);
  }
  return { details, deferredItems: [] };
}

/** One issue through REST; null when it turned out deleted or transferred (then added to `removed`). */
async function fetchOne(
  octokit: GitHubClient,
  repo: Repo,
  issue: GitHubIssue,
  previous: ReadonlyMap<number, IssueRecord>,
  removed: Set<number>,
): Promise<IssueDetails | null> {
  const fetched = await fetchIssueDetails(octokit, repo, issue, previous.get(issue.number));
  if (fetched.kind === 'fetched') return { issue, comments: fetched.comments, events: fetched.events };
  removed.add(issue.number); // deleted or transferred between the listing and now (confirmed)
  return null;
}

/**
 * Step 2 in GraphQL batches (batch-details.ts): changed issues first, then those a cut run left.
 * Overflowing issues go through REST; a node GitHub does not resolve is asked by number before
 * it is removed, as the REST path does for a 404 on a sub-resource.
 */
async function fetchBatched(input: FetchDetailsInput): Promise<FetchedDetails> {
  const { octokit, repo, repository, labels, changed, pending, previous, stats, reserve, log, removed, batchSize } = input;
  const details: IssueDetails[] = [];
  const items: BatchItem[] = [...changed.map((issue) => ({ number: issue.number, nodeId: issue.node_id ?? '', issue })), ...pending];
  // A listing without node ids (an old GitHub Enterprise Server?) leaves those issues to REST.
  const restOnly = items.filter((i) => !i.nodeId && i.issue);
  const queue = items.filter((i) => i.nodeId);
  for (let start = 0; start < queue.length; start += batchSize) {
    if (budgetLow(stats, reserve)) {
      const rest = [...queue.slice(start), ...restOnly];
      log.warn(`Only ${stats.rateLimit?.remaining} requests left: ${rest.length} changed issue(s) wait for the next run.`);
      return { details, deferredItems: rest.map(({ number, nodeId }) => ({ number, nodeId })) };
    }
    const batch = queue.slice(start, start + batchSize);
    for (const result of await fetchBatch(octokit, repository, batch, stats)) {
      // A pending issue is known by number only: it may have lost its tracked label meanwhile.
      if (result.kind !== 'missing' && !mayBeTracked(result.issue, previous, labels)) removed.add(result.issue.number);
      else if (result.kind === 'fetched') details.push(result);
      else if (result.kind === 'overflow') {
        const fetched = await fetchOne(octokit, repo, result.issue, previous, removed);
        if (fetched) details.push(fetched);
      } else {
        const lookup = await getIssue(octokit, repo, result.number);
        if (lookup.kind === 'gone' || (lookup.kind === 'found' && !mayBeTracked(lookup.issue, previous, labels))) removed.add(result.number);
        else if (lookup.kind === 'found') {
          const fetched = await fetchOne(octokit, repo, lookup.issue, previous, removed);
          if (fetched) details.push(fetched);
        }
      }
    }
    if (queue.length > batchSize) log.progress(`Fetched comments and events of ${Math.min(start + batchSize, queue.length)}/${queue.length} issues`);
  }
  for (const item of restOnly) {
    const fetched = await fetchOne(octokit, repo, item.issue as GitHubIssue, previous, removed);
    if (fetched) details.push(fetched);
  }
  return { details, deferredItems: [] };
}

interface BuildRecordsInput {
  options: SyncOptions;
  octokit: GitHubClient;
  repo: Repo;
  /** The kind labels the sync tracks. */
  labels: readonly string[];
  /** Written to: the previous records, updated with this run's details and removals. */
  records: Map<number, IssueRecord>;
  /** Written to: records no longer tracked (a kind label a trusted person removed). */
  removed: Set<number>;
  details: readonly IssueDetails[];
  previous: PreviousSnapshot;
  started: Date;
  fullReason: string | null;
  log: SyncLog;
}

/**
 * Step 2b: trust (the permission cache, refreshed for the people this run saw), who edited the
 * bodies an untrusted person could have written (see body-edits.ts), and the records, newest first.
 */
async function buildRecords({ options, octokit, repo, labels, records, removed, details, previous, started, fullReason, log }: BuildRecordsInput) {
  const { config } = options;
  const trust = createTrust({
    maintainers: config.maintainers,
    cache: previous.sync?.permissions ?? {},
    now: started,
    maxAgeMs: (options.permissionMaxAgeHours ?? 24) * HOUR,
    lookup: options.token ? (login) => getPermission(octokit, repo, login) : null,
  });
  for (const number of removed) records.delete(number);
  const logins = details.flatMap((d) => actorLogins(d.issue, d.comments, d.events));
  // A full run also re-checks people on unchanged records, so lost write access shows within a
  // day. Every run asks about people never asked about (e.g. just removed from `maintainers`).
  for (const record of records.values()) logins.push(...recordLogins(record).filter((login) => fullReason || !trust.cache[login]));
  let permissionChecks = await trust.refresh(logins);

  // Who wrote the body, where an untrusted person could have (see body-edits.ts).
  const fetchedEdits = new Map<number, RawBodyEdit[]>();
  const keptEdits = new Map<number, BodyEdit[] | undefined>();
  let uncheckedBodies = 0;
  for (const { issue, bodyEdits } of details) {
    if (issue.user?.login && trust.isTrusted(issue.user.login)) continue;
    const before = previous.records.get(issue.number);
    if (before && before.body === (issue.body ? issue.body : null)) keptEdits.set(issue.number, before.bodyEdits);
    else if (bodyEdits) fetchedEdits.set(issue.number, bodyEdits);
    else if (options.token) fetchedEdits.set(issue.number, await listBodyEdits(octokit, repo, issue.number));
    else uncheckedBodies++;
  }
  if (uncheckedBodies > 0)
    log.warn(`Without GITHUB_TOKEN, who edited the body of ${uncheckedBodies} outsider's issue(s) cannot be asked (GraphQL needs a token).`);
  permissionChecks += await trust.refresh([...fetchedEdits.values()].flat().flatMap((e) => (e.editor ? [e.editor] : [])));
  for (const d of details) {
    const record = toIssueRecord(d.issue, d.comments, d.events, trust.isTrusted);
    const raw = fetchedEdits.get(d.issue.number);
    const edits = raw ? toBodyEdits(raw, trust.isTrusted) : keptEdits.get(d.issue.number);
    records.set(d.issue.number, edits && edits.length > 0 ? { ...record, bodyEdits: edits } : record);
  }
  const issues: IssueRecord[] = [];
  for (const record of records.values()) {
    const trusted = applyTrust(record, trust.isTrusted);
    // No longer labelled on GitHub: kept only while a kind label's removal was not trusted.
    if (heldKindLabels(trusted, labels).length > 0) issues.push(trusted);
    else removed.add(record.number);
  }
  issues.sort((a, b) => b.number - a.number);
  return { issues, trust, permissionChecks };
}

interface NextSyncStateInput {
  options: SyncOptions;
  issues: readonly IssueRecord[];
  trust: { cache: SyncState['permissions'] };
  highWaterMark: string | null;
  etags: Record<string, string>;
  deferredItems: readonly { number: number; nodeId: string }[];
  fullReason: string | null;
  resume: NonNullable<SyncState['resume']> | null;
  previous: PreviousSnapshot;
  started: Date;
  missing: readonly number[];
}

/** Step 4: what the next run needs — the high-water mark, ETags, permissions in use, what to resume, when last reconciled. */
function nextSyncState({
  options,
  issues,
  trust,
  highWaterMark,
  etags,
  deferredItems,
  fullReason,
  resume,
  previous,
  started,
  missing,
}: NextSyncStateInput): SyncState {
  const deferred = deferredItems.length;
  const inUse = new Set(issues.flatMap(recordLogins));
  const sync: SyncState = {
    highWaterMark,
    etags,
    permissions: Object.fromEntries(Object.entries(trust.cache).filter(([login]) => inUse.has(login))),
  };
  // Deferred issues may lie behind the high-water mark already. With a token the next run fetches
  // them by node id (`resume`); without one, unsetting reconciledAt makes the next run a full
  // one, which lists them again whatever this run was.
  const resumable = Boolean(options.token) && deferredItems.every((i) => i.nodeId);
  const cutFull = fullReason ?? resume?.fullReason ?? null;
  let reconciledAt: string | undefined;
  if (deferred > 0 && resumable) {
    sync.resume = {
      version: 1,
      fullReason: cutFull,
      startedAt: fullReason ? started.toISOString() : (resume?.startedAt ?? started.toISOString()),
      pending: deferredItems.map((i) => ({ number: i.number, nodeId: i.nodeId })),
    };
    reconciledAt = fullReason ? undefined : previous.sync?.reconciledAt;
  } else if (deferred > 0) reconciledAt = undefined;
  else if (fullReason) reconciledAt = started.toISOString();
  else if (resume?.fullReason)
    reconciledAt = resume.startedAt; // the cut full run is finished now
  else reconciledAt = previous.sync?.reconciledAt;
  if (reconciledAt) sync.reconciledAt = reconciledAt;
  if (missing.length > 0) sync.missingReferences = [...missing];
  return sync;
}

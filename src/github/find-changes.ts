/**
 * Step 1 of a sync: which tracked issues are new or changed, and which are gone.
 *
 * Incremental: one conditional listing of *all* issues updated since the high-water mark —
 * unfiltered, because GitHub's `labels=` filter cannot show an issue whose label was removed —
 * plus one conditional listing of open issues per tracked label, because a deleted or transferred
 * issue leaves no trace in a `since` listing. When nothing changed all of these answer 304.
 * Full: every tracked issue, label by label (first sync, daily reconciliation, --full).
 */
import { hasAnyLabel, hasLabel } from '../lib/labels.ts';
import type { IssueRecord, SyncState } from '../lib/schema/snapshot.ts';
import { heldKindLabels } from '../lib/trusted-state.ts';
import type { GitHubClient } from './client.ts';
import { fetchListing, getIssue, type Repo } from './fetchers.ts';
import { type GitHubIssue, isIssue } from './github-json.ts';
import { confirmListedRemovals } from './listing-sanity.ts';
import { isPullRequest, isTrackedIssue } from './to-records.ts';

export interface FindChangesInput {
  octokit: GitHubClient;
  repo: Repo;
  labels: readonly string[];
  records: ReadonlyMap<number, IssueRecord>;
  previous: SyncState | null;
  /** Set when this run lists everything. */
  fullReason: string | null;
  progress: (message: string) => void;
}

export interface Changes {
  /** Newest JSON of every issue or pull request seen this run, tracked or not. */
  latest: Map<number, GitHubIssue>;
  /** Records to drop: deleted, transferred, or no longer labelled. */
  removed: Set<number>;
  /** Tracked issues that are new or whose `updated_at` moved: open first, then newest first. */
  changed: GitHubIssue[];
  highWaterMark: string | null;
  /** The listings' ETags, to store for the next run. */
  etags: Record<string, string>;
}

const later = (a: string | null, b: string | null): string | null => (!a ? b : !b ? a : Date.parse(b) > Date.parse(a) ? b : a);

export async function findChanges({ octokit, repo, labels, records, previous, fullReason, progress }: FindChangesInput): Promise<Changes> {
  const prevEtags = previous?.etags ?? {};
  const etags: Record<string, string> = {};
  const latest = new Map<number, GitHubIssue>();
  const removed = new Set<number>();
  const issuesPath = `/repos/${repo.owner}/${repo.repo}/issues`;
  const listing = { octokit, repo, issuesPath, labels, latest, progress };

  const highWaterMark = fullReason
    ? await listEveryTrackedIssue(listing, records, removed, previous?.highWaterMark ?? null)
    : await listUpdatedSince(listing, previous?.highWaterMark ?? null, prevEtags, etags);
  const suspects = await listOpenIssuesPerLabel(listing, records, prevEtags, etags);
  if (fullReason && previous?.highWaterMark && records.size > 0) {
    // The label listings leave out a record whose kind label was removed, by anyone: the `since`
    // listing shows it, so its events can say whether the removal counts (heldKindLabels).
    await listUpdatedSince(listing, previous.highWaterMark, {}, {});
    // A record kept for that reason earlier is in no label listing: asked about (deleted?).
    for (const number of removed) {
      const record = records.get(number);
      if (record && !latest.has(number) && !hasAnyLabel(record.labels, labels) && heldKindLabels(record, labels).length > 0) suspects.add(number);
    }
  }
  for (const number of suspects) {
    const lookup = await getIssue(octokit, repo, number);
    if (lookup.kind === 'gone') {
      removed.add(number);
      progress(`Issue #${number} is gone (${lookup.why}); removing it`);
    } else if (lookup.kind === 'found') latest.set(number, lookup.issue);
  }

  // No longer labelled: a changed one is fetched and kept only if its kind label's removal was not
  // trusted (sync.ts decides on its events); an unchanged one stays while its record says so.
  for (const issue of latest.values()) {
    const record = records.get(issue.number);
    if (!record || isTrackedIssue(issue, labels)) continue;
    if (isPullRequest(issue) || (Date.parse(record.updatedAt) === Date.parse(issue.updated_at) && heldKindLabels(record, labels).length === 0))
      removed.add(issue.number);
    else removed.delete(issue.number);
  }
  return { latest, removed, changed: selectChanged(latest, records, labels, removed), highWaterMark, etags };
}

interface Listing {
  octokit: GitHubClient;
  repo: Repo;
  issuesPath: string;
  labels: readonly string[];
  /** Written to: the newest JSON of every issue seen. */
  latest: Map<number, GitHubIssue>;
  progress: (message: string) => void;
}

/** Full run: every tracked issue, label by label; records no longer listed go to `removed`. Returns the new high-water mark. */
async function listEveryTrackedIssue(
  { octokit, repo, issuesPath, labels, latest, progress }: Listing,
  records: ReadonlyMap<number, IssueRecord>,
  removed: Set<number>,
  highWaterMark: string | null,
): Promise<string | null> {
  const listed = new Set<number>();
  let listingStart: string | null = null;
  let newest: string | null = null;
  for (const label of labels) {
    const listing = await fetchListing(octokit, {
      path: issuesPath,
      query: { state: 'all', labels: label },
      guard: isIssue,
      what: 'issues',
      onPage: (page, count) => page > 1 && progress(`Listing issues labelled "${label}": ${count} so far (page ${page})`),
    });
    if (listing.notModified) continue;
    listingStart ??= listing.date;
    for (const issue of listing.items) {
      latest.set(issue.number, issue);
      newest = later(newest, issue.updated_at);
      if (isTrackedIssue(issue, labels)) listed.add(issue.number);
    }
  }
  // Deleted, transferred, or no longer labelled — unless the listing came back short.
  for (const number of records.keys()) if (!listed.has(number)) removed.add(number);
  await confirmListedRemovals({ octokit, repo, labels, records, removed, latest, listing: `GET ${issuesPath}?state=all&labels=${labels.join('|')}` });
  // The server's time when the first listing answered: anything updated after it shows in the
  // next `since` listing. The newest `updated_at` across several listings could skip an update
  // made between two of them. (Without a Date header, fall back to that, best effort.)
  return listingStart ?? later(highWaterMark, newest);
}

/** Incremental run: one conditional listing of everything updated since the high-water mark. Returns the new mark. */
async function listUpdatedSince(
  { octokit, issuesPath, latest }: Listing,
  since: string | null,
  prevEtags: Readonly<Record<string, string>>,
  etags: Record<string, string>,
): Promise<string | null> {
  let highWaterMark = since;
  // Newest first, so any update changes page 1 and a 304 on page 1 means "nothing changed".
  const listing = await fetchListing(octokit, {
    path: issuesPath,
    query: { state: 'all', sort: 'updated', direction: 'desc', since: since ?? '' },
    guard: isIssue,
    what: 'issues',
    etag: prevEtags['changes'],
  });
  if (listing.notModified) etags['changes'] = prevEtags['changes'] ?? '';
  else {
    if (listing.etag) etags['changes'] = listing.etag;
    for (const issue of listing.items) {
      latest.set(issue.number, issue);
      highWaterMark = later(highWaterMark, issue.updated_at);
    }
  }
  return highWaterMark;
}

/** Open issues per label: a deleted or transferred open incident drops out of one of these. Returns the records to look up. */
async function listOpenIssuesPerLabel(
  { octokit, issuesPath, labels, latest }: Listing,
  records: ReadonlyMap<number, IssueRecord>,
  prevEtags: Readonly<Record<string, string>>,
  etags: Record<string, string>,
): Promise<Set<number>> {
  const suspects = new Set<number>();
  const openLists: { label: string; numbers: Set<number> }[] = [];
  for (const label of labels) {
    const key = `open:${label}`;
    const listing = await fetchListing(octokit, {
      path: issuesPath,
      query: { state: 'open', labels: label },
      guard: isIssue,
      what: 'issues',
      etag: prevEtags[key],
    });
    if (listing.notModified) {
      etags[key] = prevEtags[key] ?? '';
      continue;
    }
    if (listing.etag) etags[key] = listing.etag;
    // Not raising the high-water mark: this listing is later than the `since` one and does not
    // cover everything, so its newest time could hide an update made in between.
    for (const issue of listing.items) if (!latest.has(issue.number)) latest.set(issue.number, issue);
    openLists.push({ label, numbers: new Set(listing.items.map((i) => i.number)) });
  }
  for (const { label, numbers } of openLists) {
    for (const [number, record] of records) {
      if (record.state === 'open' && hasLabel(record.labels, label) && !numbers.has(number) && !latest.has(number)) suspects.add(number);
    }
  }
  return suspects;
}

/** Tracked, or a record GitHub no longer labels whose events decide whether it stays (see heldKindLabels). */
export function mayBeTracked(issue: GitHubIssue, records: ReadonlyMap<number, IssueRecord>, labels: readonly string[]): boolean {
  return isTrackedIssue(issue, labels) || (records.has(issue.number) && !isPullRequest(issue));
}

/** Tracked, not removed, and new or updated since its record: the issues whose details to fetch. Pure. */
export function selectChanged(
  latest: ReadonlyMap<number, GitHubIssue>,
  records: ReadonlyMap<number, IssueRecord>,
  labels: readonly string[],
  removed: ReadonlySet<number>,
): GitHubIssue[] {
  return [...latest.values()]
    .filter((issue) => mayBeTracked(issue, records, labels) && !removed.has(issue.number))
    .filter((issue) => {
      const record = records.get(issue.number);
      return !record || Date.parse(record.updatedAt) !== Date.parse(issue.updated_at);
    })
    .sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open') || Date.parse(b.updated_at) - Date.parse(a.updated_at));
}

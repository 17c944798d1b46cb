/**
 * `runRespond`: pages the on-call responders of open incidents nobody has acknowledged (rules in
 * src/lib/paging-plan.ts). It reads GitHub, not the synced snapshot: a page is only as good as the
 * acknowledgement check before it, and a snapshot can be a run behind.
 *
 * 1. List the open `incident` issues (one request) and read each one's comments, events and the
 *    permissions of the people in them (the sync's own readers and trust rules).
 * 2. Decide with the model (buildSiteModel classifies and measures acknowledgement exactly as the
 *    page does) and the planner.
 * 3. Before posting a page, read the issue again and decide again: someone may have acknowledged,
 *    or an overlapping run may have paged, in the meantime.
 * 4. After posting, read the comments once more. If another run posted the same step, the page
 *    with the lower comment id stays and this run deletes its own just-posted one — only ever a
 *    comment this run created, never anybody else's.
 */
import { findOnCall } from '../lib/oncall.ts';
import { type PageDecision, planPage, readPages, renderPageComment, toPagingIncident } from '../lib/paging-plan.ts';
import type { SiteConfig } from '../lib/schema/config.ts';
import type { IssueRecord } from '../lib/schema/snapshot.ts';
import { buildSiteModel } from '../lib/site-model.ts';
import { DEFAULT_BOT_LOGIN } from '../lib/sitrep-comment.ts';
import { ACTIVE_STATUSES } from '../lib/timeline.ts';
import { makeUrls, splitSiteUrl } from '../lib/urls.ts';
import { type ClientDefaultsOptions, createClientWithDefaults, type GitHubClient } from './client.ts';
import { describeEndpoint, malformedResponse, toGitHubError } from './errors.ts';
import { fetchListing, getIssue, getPermission, listIssueComments, listIssueEvents, parseRepo, type Repo, statusOf } from './fetchers.ts';
import { isComment, isIssue } from './github-json.ts';
import { actorLogins, isPullRequest, toIssueRecord } from './to-records.ts';
import { createTrust, type Trust } from './trust.ts';
import { writeRefused } from './write-errors.ts';

export interface RespondOptions extends ClientDefaultsOptions {
  config: SiteConfig;
  now: Date;
  /** Logins sitrep writes as (SITREP_BOT_LOGIN); default GITHUB_TOKEN's github-actions[bot]. */
  botLogins?: readonly string[];
  dryRun?: boolean;
}

export interface RespondIncident {
  number: number;
  action: PageDecision['action'] | 'skipped';
  /** Why nothing was posted, or the step's role. */
  detail: string;
  step?: number;
  to?: readonly string[];
  rotation?: string;
  dueAt?: string;
  /** The page comment posted (null in a dry run). */
  commentId?: number | null;
}

export interface RespondSummary {
  repository: string;
  dryRun: boolean;
  /** Who is on call now, or null in a gap; undefined without `oncall` in the config. */
  onCall?: { rotation: string; responders: readonly string[] } | null;
  incidents: RespondIncident[];
  /** Own duplicate pages deleted after an overlapping run posted the same step first. */
  removedDuplicates: number[];
  warnings: string[];
  requests: number;
}

const REASONS: Record<string, string> = {
  inactive: 'not active',
  severity: 'severity does not page',
  declared: 'declared by a maintainer, who owns it',
  acknowledged: 'acknowledged',
  exhausted: 'every step paged',
};

export async function runRespond(options: RespondOptions): Promise<RespondSummary> {
  const { config, now } = options;
  const repository = config.repository;
  const summary: RespondSummary = { repository, dryRun: Boolean(options.dryRun), incidents: [], removedDuplicates: [], warnings: [], requests: 0 };
  const warn = (message: string): void => {
    summary.warnings.push(message);
    options.warn?.(message);
  };
  const oncall = config.oncall;
  // Not a warning: respond.yml runs on every issue event, with or without on-call configured.
  if (!oncall) return summary;
  summary.onCall = findOnCall(oncall, now);
  const repo = parseRepo(repository);
  const { octokit, stats, timeoutMs } = createClientWithDefaults({ ...options, warn });
  // Answers are kept for the run only: a responder given write access a minute ago counts.
  const trust = createTrust({ maintainers: config.maintainers, cache: {}, now, maxAgeMs: 60 * 60_000, lookup: (login) => getPermission(octokit, repo, login) });
  const bots = new Set(options.botLogins ?? [DEFAULT_BOT_LOGIN]);
  const isSitrepIdentity = (login: string): boolean => bots.has(login);
  const isSitrepAuthor = (login: string): boolean => bots.has(login) || trust.isTrusted(login);
  const { site, base } = splitSiteUrl(config.site);
  const urls = makeUrls(base);
  const statusLabels = ACTIVE_STATUSES.map((s) => config.labels.status[s]);

  /** The decision for one freshly read issue, with what the comment needs. */
  const decide = (record: IssueRecord) => {
    const model = buildSiteModel({
      config,
      snapshot: { schemaVersion: 1, takenAt: now.toISOString(), repository, issues: [record], referencedIssues: [] },
      postmortemFiles: [],
      now,
      demo: false,
    });
    const incident = model.incidents[0];
    if (!incident) return null;
    const names = config.components.filter((c) => incident.components.includes(c.id)).map((c) => c.name);
    const paging = toPagingIncident(incident, record, isSitrepIdentity, names, new URL(urls.incident(incident.number), site).toString());
    const comments = record.comments.map((c) => ({ id: c.id, author: c.author.login, body: c.body, createdAt: c.createdAt }));
    return { paging, decision: planPage({ incident: paging, oncall, pages: readPages(comments, isSitrepAuthor), now }) };
  };

  try {
    const listing = await fetchListing(octokit, {
      path: `/repos/${repo.owner}/${repo.repo}/issues`,
      query: { state: 'open', labels: config.labels.incident },
      guard: isIssue,
      what: 'issues',
    });
    const numbers = listing.notModified ? [] : listing.items.filter((i) => !isPullRequest(i)).map((i) => i.number);
    for (const number of numbers.sort((a, b) => a - b)) {
      const first = await readRecord(octokit, repo, number, trust);
      const planned = first && decide(first);
      if (!planned) {
        summary.incidents.push({ number, action: 'skipped', detail: 'not a published incident' });
        continue;
      }
      let { decision } = planned;
      let { paging } = planned;
      if (decision.action === 'page') {
        // Right before posting: read it all again and decide again.
        const again = await readRecord(octokit, repo, number, trust);
        const fresh = again && decide(again);
        if (!fresh) {
          summary.incidents.push({ number, action: 'skipped', detail: 'no longer a published incident' });
          continue;
        }
        ({ decision, paging } = fresh);
      }
      const entry = toEntry(number, decision);
      summary.incidents.push(entry);
      if (decision.action !== 'page' || options.dryRun) {
        if (options.dryRun && decision.action === 'page') entry.commentId = null;
        continue;
      }
      const body = renderPageComment({ incident: paging, decision, oncall, statusLabels });
      let posted: number;
      try {
        posted = await postComment(octokit, repo, number, body);
      } catch (error) {
        const refused = writeRefused(error, 'comment on issues');
        if (!refused) throw error;
        warn(`Cannot page on #${number}: ${refused.detail}. ${refused.hint}`);
        entry.action = 'skipped';
        entry.detail = 'the token may not comment';
        continue;
      }
      entry.commentId = posted;
      const after = readPages(
        (await listIssueComments(octokit, repo, number)).map((c) => ({
          id: c.id,
          author: c.user?.login ?? 'ghost',
          body: c.body ?? '',
          createdAt: c.created_at,
        })),
        isSitrepAuthor,
      );
      const firstOfStep = after.find((p) => p.step === decision.step);
      if (firstOfStep && firstOfStep.commentId !== posted && after.some((p) => p.commentId === posted)) {
        await deleteComment(octokit, repo, posted);
        summary.removedDuplicates.push(posted);
        entry.commentId = firstOfStep.commentId;
        entry.detail = `${entry.detail}; another run paged this step first (comment ${firstOfStep.commentId}), so this run removed its duplicate`;
      }
    }
    summary.requests = stats.requests;
    return summary;
  } catch (error) {
    throw toGitHubError(error, { repository, timeoutMs, authenticated: Boolean(options.token) });
  }
}

function toEntry(number: number, decision: PageDecision): RespondIncident {
  switch (decision.action) {
    case 'none':
      return { number, action: 'none', detail: REASONS[decision.reason] ?? decision.reason };
    case 'wait':
      return { number, action: 'wait', detail: `step ${decision.step + 1} due`, step: decision.step, dueAt: decision.dueAt };
    case 'nobody':
      return { number, action: 'nobody', detail: 'nobody is on call now (a gap between rotations)', step: decision.step, dueAt: decision.dueAt };
    case 'page':
      return { number, action: 'page', detail: decision.role, step: decision.step, to: decision.to, rotation: decision.rotation };
  }
}

/** One issue as the snapshot would hold it, read now; null when it is gone. */
async function readRecord(octokit: GitHubClient, repo: Repo, number: number, trust: Trust): Promise<IssueRecord | null> {
  const found = await getIssue(octokit, repo, number);
  if (found.kind !== 'found') return null;
  const [comments, events] = [await listIssueComments(octokit, repo, number), await listIssueEvents(octokit, repo, number)];
  await trust.refresh(actorLogins(found.issue, comments, events));
  return toIssueRecord(found.issue, comments, events, trust.isTrusted);
}

async function postComment(octokit: GitHubClient, { owner, repo }: Repo, number: number, body: string): Promise<number> {
  const response = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: number, body });
  if (!isComment(response.data)) throw malformedResponse(describeEndpoint('POST', response.url), 'the created comment');
  return response.data.id;
}

/** Deletes a comment this run created; already gone is fine. */
async function deleteComment(octokit: GitHubClient, { owner, repo }: Repo, commentId: number): Promise<void> {
  try {
    await octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', { owner, repo, comment_id: commentId });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

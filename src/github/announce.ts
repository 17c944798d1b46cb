/**
 * `runAnnounce`: pins and sitrep comments for the published incidents (see
 * src/lib/announce-plan.ts for the rules). The snapshot says where to look; GitHub is asked before
 * anything is written:
 *
 * 1. Read the pinned issues (one GraphQL query) and plan from the snapshot's comments.
 * 2. For every issue the plan would touch, read its comments again and plan once more, so a
 *    snapshot a run behind can never cause a second comment or undo someone else's pin.
 * 3. Unpin, pin, then write comments, recording the pins that succeeded in sitrep's comment.
 *
 * A token that may not pin or comment is a setup matter: a warning, and the run goes on. In a
 * quiet hour a run costs one GraphQL query and no REST request.
 */
import {
  type AnnounceState,
  findSitrepComment,
  type NotPinned,
  type PinnedIssue,
  planComments,
  planPins,
  type SitrepComment,
  toAnnounceIncidents,
} from '../lib/announce-plan.ts';
import type { SiteConfig } from '../lib/schema/config.ts';
import type { IssueRecord } from '../lib/schema/snapshot.ts';
import type { SiteModel } from '../lib/site-model.ts';
import { DEFAULT_BOT_LOGIN } from '../lib/sitrep-comment.ts';
import { createComment, getIssueNodeId, listPinnedIssues, pinIssue, readIssueComments, unpinIssue, updateComment } from './announce-api.ts';
import type { GitHubClient } from './client.ts';
import { type ClientDefaultsOptions, createClientWithDefaults } from './client.ts';
import { toGitHubError } from './errors.ts';
import { parseRepo, type Repo } from './fetchers.ts';
import { graphqlFailure, graphqlRefusal, writeRefused } from './write-errors.ts';

/** The login GITHUB_TOKEN writes as. */

export interface AnnounceOptions extends ClientDefaultsOptions {
  /** `site` must be the published URL (SITREP_SITE_URL in the workflow): comments link to it. */
  config: SiteConfig;
  model: SiteModel;
  dryRun?: boolean;
  /** Pin and unpin (default true); false leaves pins alone entirely. */
  pin?: boolean;
  /** Logins whose marked comments are sitrep's, besides trusted people. */
  botLogins?: readonly string[];
  now: Date;
  /** Comment writes per run (default MAX_COMMENT_WRITES). */
  maxCommentWrites?: number;
}

export interface AnnounceSummary {
  repository: string;
  site: string;
  dryRun: boolean;
  /** `refused`: the token may not read or change pins; `disabled`: --no-pin. */
  pinning: 'done' | 'refused' | 'disabled';
  pinned: number[];
  unpinned: number[];
  notPinned: NotPinned[];
  comments: { number: number; action: 'created' | 'edited'; state: AnnounceState }[];
  /** Comment writes left for the next run (per-run limit, or refused). */
  deferred: number;
  warnings: string[];
  requests: number;
}

/** Everyone the snapshot marks trusted, and the config's maintainers. */
function trustedLogins(records: readonly IssueRecord[], maintainers: readonly string[]): Set<string> {
  const logins = new Set(maintainers);
  for (const r of records) {
    for (const actor of [r.author, ...r.comments.map((c) => c.author), ...r.events.map((e) => e.actor)]) if (actor.trusted) logins.add(actor.login);
  }
  return logins;
}

export async function runAnnounce(options: AnnounceOptions): Promise<AnnounceSummary> {
  const { config, model, now } = options;
  const repository = config.repository;
  const repo = parseRepo(repository);
  const summary = emptySummary(options);
  const warn = (message: string): void => {
    summary.warnings.push(message);
    options.warn?.(message);
  };
  const { octokit, stats, timeoutMs } = createClientWithDefaults({ ...options, warn });

  const trusted = trustedLogins(model.issues, config.maintainers);
  const bots = new Set(options.botLogins ?? [DEFAULT_BOT_LOGIN]);
  const isSitrepAuthor = (login: string): boolean => bots.has(login) || trusted.has(login);
  const incidents = toAnnounceIncidents(model.incidents, model.postmortems, config.site);
  const comments = readSitrepComments(model.issues, isSitrepAuthor);

  try {
    // 1. The pinned issues; plans from the snapshot's comments.
    const pinned = summary.pinning === 'done' ? await readPinnedIssues(octokit, repo, summary, warn) : [];
    const pinPlan = () => (summary.pinning === 'done' ? planPins({ incidents, pinned, sitrepComments: comments }) : { pin: [], unpin: [], notPinned: [] });
    const commentPlan = (pinnedNow: ReadonlySet<number>, unpinnedNow: ReadonlySet<number>) =>
      planComments({
        incidents,
        sitrepComments: comments,
        pinnedNow,
        unpinnedNow,
        now,
        ...(options.maxCommentWrites !== undefined ? { maxWrites: options.maxCommentWrites } : {}),
      });

    // 2. Pass 1 on the snapshot: which issues would be touched. Read those again, then plan for real.
    const draft = pinPlan();
    const draftComments = commentPlan(new Set(draft.pin), new Set(draft.unpin.map((p) => p.number)));
    const touched = new Set([...draft.pin, ...draft.unpin.map((p) => p.number), ...draftComments.writes.map((w) => w.number)]);
    await rereadComments(octokit, repo, touched, comments, isSitrepAuthor);
    const plan = pinPlan();
    summary.notPinned = [...plan.notPinned];
    for (const skipped of plan.notPinned) if (skipped.why === 'no-room') warn(skipped.reason);

    // 3. Unpin, pin, then write comments.
    const pinnedNow = new Set<number>();
    const unpinnedNow = new Set<number>();
    if (options.dryRun) {
      for (const n of plan.pin) pinnedNow.add(n);
      for (const p of plan.unpin) unpinnedNow.add(p.number);
    } else {
      await changePins(octokit, repo, plan, { pinnedNow, unpinnedNow, summary, warn });
    }
    summary.pinned = [...pinnedNow];
    summary.unpinned = [...unpinnedNow];

    const { writes, deferred } = commentPlan(pinnedNow, unpinnedNow);
    summary.deferred = deferred;
    if (deferred > 0) warn(`${deferred} more comment(s) wait for the next run (at most ${writes.length} per run).`);
    await writeComments(octokit, repo, writes, Boolean(options.dryRun), summary, warn);
    summary.requests = stats.requests;
    return summary;
  } catch (error) {
    throw graphqlFailure(error) ?? toGitHubError(error, { repository, timeoutMs, authenticated: Boolean(options.token) });
  }
}

function emptySummary(options: AnnounceOptions): AnnounceSummary {
  return {
    repository: options.config.repository,
    site: options.config.site,
    dryRun: Boolean(options.dryRun),
    pinning: options.pin === false ? 'disabled' : 'done',
    pinned: [],
    unpinned: [],
    notPinned: [],
    comments: [],
    deferred: 0,
    warnings: [],
    requests: 0,
  };
}

/** sitrep's comment on each issue, as the snapshot has them. */
function readSitrepComments(records: readonly IssueRecord[], isSitrepAuthor: (login: string) => boolean): Map<number, SitrepComment> {
  const comments = new Map<number, SitrepComment>();
  for (const record of records) {
    const found = findSitrepComment(
      record.comments.map((c) => ({ id: c.id, author: c.author.login, body: c.body })),
      isSitrepAuthor,
    );
    if (found) comments.set(record.number, found);
  }
  return comments;
}

/** The repository's pinned issues; a token that may not read them turns pinning off for this run. */
async function readPinnedIssues(octokit: GitHubClient, repo: Repo, summary: AnnounceSummary, warn: (message: string) => void): Promise<PinnedIssue[]> {
  try {
    return await listPinnedIssues(octokit, repo);
  } catch (error) {
    const refusal = graphqlRefusal(error);
    if (refusal === null) throw error;
    summary.pinning = 'refused';
    warn(`Cannot read the pinned issues of ${summary.repository} (${refusal}); pins are left alone this run.`);
    return [];
  }
}

/** Reads the comments of the issues about to be touched again, so a stale snapshot never causes a second comment. */
async function rereadComments(
  octokit: GitHubClient,
  repo: Repo,
  numbers: Iterable<number>,
  comments: Map<number, SitrepComment>,
  isSitrepAuthor: (login: string) => boolean,
): Promise<void> {
  for (const number of numbers) {
    const fresh = findSitrepComment(await readIssueComments(octokit, repo, number), isSitrepAuthor);
    if (fresh) comments.set(number, fresh);
    else comments.delete(number);
  }
}

/** Creates or edits sitrep's comments; a refusal defers the rest to the next run. */
async function writeComments(
  octokit: GitHubClient,
  repo: Repo,
  writes: ReturnType<typeof planComments>['writes'],
  dryRun: boolean,
  summary: AnnounceSummary,
  warn: (message: string) => void,
): Promise<void> {
  for (const [index, write] of writes.entries()) {
    if (!dryRun) {
      try {
        if (write.commentId === null) await createComment(octokit, repo, write.number, write.body);
        else await updateComment(octokit, repo, write.commentId, write.body);
      } catch (error) {
        const refused = writeRefused(error, 'comment on issues');
        if (!refused) throw error;
        warn(`Cannot comment on #${write.number}: ${refused.detail}. ${refused.hint}`);
        summary.deferred += writes.length - index;
        break;
      }
    }
    summary.comments.push({ number: write.number, action: write.commentId === null ? 'created' : 'edited', state: write.state });
  }
}

interface PinContext {
  pinnedNow: Set<number>;
  unpinnedNow: Set<number>;
  summary: AnnounceSummary;
  warn: (message: string) => void;
}

/** Unpins first, to make room; stops at the first refusal, since every other call would be refused too. */
async function changePins(octokit: GitHubClient, repo: Repo, plan: ReturnType<typeof planPins>, ctx: PinContext): Promise<void> {
  const attempt = async (what: string, call: () => Promise<void>): Promise<'ok' | 'failed' | 'refused'> => {
    try {
      await call();
      return 'ok';
    } catch (error) {
      const refusal = graphqlRefusal(error);
      const message = refusal ?? (error as { errors?: { message?: string }[] }).errors?.[0]?.message;
      if (message === undefined) throw error;
      ctx.warn(
        refusal !== null
          ? `The token may not ${what} (${refusal}). The site is deployed all the same; see docs/adopting.md, "Pinned incidents".`
          : `Could not ${what}: ${message}`,
      );
      return refusal !== null ? 'refused' : 'failed';
    }
  };
  for (const issue of plan.unpin) {
    const result = await attempt(`unpin #${issue.number}`, () => unpinIssue(octokit, issue.id));
    if (result === 'ok') ctx.unpinnedNow.add(issue.number);
    if (result === 'refused') {
      ctx.summary.pinning = 'refused';
      return;
    }
  }
  for (const number of plan.pin) {
    const result = await attempt(`pin #${number}`, async () => pinIssue(octokit, await getIssueNodeId(octokit, repo, number)));
    if (result === 'ok') ctx.pinnedNow.add(number);
    if (result === 'refused') {
      ctx.summary.pinning = 'refused';
      return;
    }
  }
}

/**
 * Carrying out what src/lib/monitor/plan.ts decides for one monitor after a run: open (with the
 * overlap check), adopt, comment, close. Every GitHub failure becomes a warning and leaves the
 * episode as it was, so the next run tries again.
 */
import type { GitHubClient } from '../github/client.ts';
import { toGitHubError } from '../github/errors.ts';
import type { Repo } from '../github/fetchers.ts';
import { changeComment, duplicateNote, evidenceComment, issueBody, issueLabels, issueTitle, recoveryComment, severityFor } from '../lib/monitor/issue-text.ts';
import { isTakenOver } from '../lib/monitor/marker.ts';
import { type Action, componentFacts, type GitHubFacts, planActions } from '../lib/monitor/plan.ts';
import type { CheckResult } from '../lib/monitor/result.ts';
import type { MonitorState, Transition } from '../lib/monitor/state.ts';
import type { SiteConfig } from '../lib/schema/config.ts';
import type { MonitorConfig } from '../lib/schema/monitors.ts';
import { addComment, closeIssue, createIssue, listOpenMonitorIssues, type OpenMonitorIssue, readActivity } from './monitor-api.ts';
import type { MonitorRunOptions, MonitorSummary } from './run-monitor.ts';

export interface Context {
  octokit: GitHubClient;
  repo: Repo;
  options: MonitorRunOptions;
  summary: MonitorSummary;
}

/** Runs a GitHub call; a failure becomes a warning (the next run tries again) and `fallback`. */
export async function guarded<T>(ctx: Context, what: string, call: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = toGitHubError(error, { repository: ctx.options.config.repository, timeoutMs: 15_000, authenticated: Boolean(ctx.options.token) });
    ctx.summary.warnings.push(`could not ${what}: ${failure.endpoint} → ${failure.status}: ${failure.detail}`);
    return fallback;
  }
}

export async function act(
  ctx: Context,
  monitor: MonitorConfig,
  result: CheckResult,
  state: MonitorState,
  transition: Transition,
  own: OpenMonitorIssue | null,
  monitorIssues: ReadonlySet<number>,
  done: string[],
): Promise<MonitorState> {
  const { config, botLogins } = ctx.options;
  const component = config.components.find((c) => c.id === monitor.component);
  if (!component) return state;
  const place = ctx.options.model ? componentFacts(ctx.options.model, monitor.component, monitorIssues) : { personIncident: null, underMaintenance: false };
  let takenOver = false;
  if (transition.kind === 'recovered' && own) {
    const activity = await guarded(ctx, `read the activity of #${own.number}`, () => readActivity(ctx.octokit, ctx.repo, own.number), null);
    // Unknown activity: assume a person took over, so nothing is closed on a guess.
    takenOver = activity === null || isTakenOver(activity, botLogins, config.labels);
  }
  const facts: GitHubFacts = { openIssue: own?.number ?? null, takenOver, ...place };
  const episodeBefore = transition.kind === 'recovered' ? transition.episode : state.episode;
  let next = state;
  const setEpisode = (changes: Partial<NonNullable<MonitorState['episode']>>) => {
    if (next.episode) next = { ...next, episode: { ...next.episode, ...changes } };
  };
  const leaveOpen = (issue: number) => {
    next = { ...next, leftOpen: issue };
  };
  for (const action of planActions(transition, episodeBefore, facts)) {
    await perform(ctx, monitor, component, result, action, { setEpisode, leaveOpen }, done, transition);
  }
  return next;
}

async function perform(
  ctx: Context,
  monitor: MonitorConfig,
  component: SiteConfig['components'][number],
  result: CheckResult,
  action: Action,
  edit: { setEpisode: (changes: Partial<NonNullable<MonitorState['episode']>>) => void; leaveOpen: (issue: number) => void },
  done: string[],
  transition: Transition,
): Promise<void> {
  const { config, botLogins, now } = ctx.options;
  const { octokit, repo, summary } = ctx;
  const { setEpisode, leaveOpen } = edit;
  switch (action.kind) {
    case 'suppressed':
      setEpisode({ suppressed: true });
      done.push(`not opened: ${action.why}`);
      return;
    case 'adopt':
      setEpisode({ issue: action.issue });
      done.push(`continues #${action.issue}`);
      return;
    case 'open-issue': {
      const since = transition.kind === 'open' ? transition.since : now.toISOString();
      const severity = severityFor(monitor, result);
      const created = await guarded(
        ctx,
        `open an issue for ${monitor.id}`,
        () =>
          createIssue(octokit, repo, {
            title: issueTitle(monitor, result),
            body: issueBody({ monitor, component, result, since, severity }),
            labels: issueLabels(config, monitor, severity),
          }),
        null,
      );
      if (!created) return;
      // Another run may have opened one at the same time: the oldest open issue wins.
      const mine = await guarded(ctx, 'list the monitor issues', () => listOpenMonitorIssues(octokit, repo, config.labels.incident, botLogins), []);
      const oldest = mine.filter((i) => i.monitorId === monitor.id)[0]?.number ?? created.number;
      if (oldest !== created.number) {
        await guarded(ctx, `comment on #${created.number}`, () => addComment(octokit, repo, created.number, duplicateNote(monitor, oldest)), undefined);
        await guarded(ctx, `close #${created.number}`, () => closeIssue(octokit, repo, created.number, 'not_planned'), undefined);
        summary.closed.push(created.number);
        setEpisode({ issue: oldest });
        done.push(`continues #${oldest} (closed its duplicate #${created.number})`);
        return;
      }
      summary.opened.push(created.number);
      setEpisode({ issue: created.number, suppressed: false });
      done.push(`opened #${created.number}`);
      return;
    }
    case 'evidence-comment':
      if (await commented(ctx, action.issue, evidenceComment(monitor, result, transition.kind === 'open' ? transition.since : now.toISOString()))) {
        setEpisode({ joined: action.issue, suppressed: false });
        done.push(`evidence on #${action.issue}`);
      }
      return;
    case 'change-comment':
      if (await commented(ctx, action.issue, changeComment(monitor, result, now))) done.push(`comment on #${action.issue}`);
      return;
    case 'recovery-comment': {
      const downFor = transition.kind === 'recovered' ? transition.downForMs : 0;
      if (!(await commented(ctx, action.issue, recoveryComment(monitor, now, downFor, action.close)))) return;
      done.push(`recovery comment on #${action.issue}`);
      if (!action.close) leaveOpen(action.issue);
      if (action.close) {
        const closed = await guarded(ctx, `close #${action.issue}`, () => closeIssue(octokit, repo, action.issue, 'completed').then(() => true), false);
        if (closed) {
          summary.closed.push(action.issue);
          done.push(`closed #${action.issue}`);
        }
      }
      return;
    }
  }
}

async function commented(ctx: Context, issue: number, body: string): Promise<boolean> {
  const ok = await guarded(ctx, `comment on #${issue}`, () => addComment(ctx.octokit, ctx.repo, issue, body).then(() => true), false);
  if (ok) ctx.summary.commented.push(issue);
  return ok;
}

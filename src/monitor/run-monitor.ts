/**
 * `runMonitor`: one monitor run. Check everything; if the run is inconclusive record it and stop;
 * else advance each monitor's state machine and carry out what src/lib/monitor/plan.ts decides on
 * GitHub; finally write the history atomically. The snapshot of the last sync (if any) says which
 * components are under maintenance or have a person's active incident.
 *
 * Overlapping runs: the monitor lists its open issues right before opening one, and again right
 * after; if two runs both opened one, the run whose issue is not the oldest closes its own
 * (as not planned, with a note). That is the only issue the monitor ever closes besides its own
 * recovered, untouched ones.
 */
import { createClientWithDefaults, DEFAULT_API_URL, type GitHubClient } from '../github/client.ts';
import { toGitHubError } from '../github/errors.ts';
import { parseRepo, type Repo } from '../github/fetchers.ts';
import { recordRun } from '../lib/monitor/history.ts';
import { changeComment, duplicateNote, evidenceComment, issueBody, issueLabels, issueTitle, recoveryComment, severityFor } from '../lib/monitor/issue-text.ts';
import { isTakenOver } from '../lib/monitor/marker.ts';
import { componentFacts, planActions, type Action, type GitHubFacts } from '../lib/monitor/plan.ts';
import { failureSignature, type CheckResult } from '../lib/monitor/result.ts';
import { adoptOpenIssue, FRESH_STATE, judgeRun, stepMonitor, type MonitorState, type Transition } from '../lib/monitor/state.ts';
import type { MonitorHistory } from '../lib/schema/monitor-history.ts';
import type { SiteConfig } from '../lib/schema/config.ts';
import type { MonitorConfig } from '../lib/schema/monitors.ts';
import type { SiteModel } from '../lib/site-model.ts';
import { listOpenMonitorIssues, addComment, closeIssue, createIssue, readActivity, type OpenMonitorIssue } from './monitor-api.ts';
import { runChecks, type RunChecksOptions } from './run-checks.ts';

export interface MonitorRunOptions {
  config: SiteConfig;
  history: MonitorHistory;
  /** The last sync's model: maintenance and people's incidents. null without a snapshot. */
  model: Pick<SiteModel, 'active' | 'maintenances'> | null;
  token: string | undefined;
  apiUrl: string | undefined;
  now: Date;
  /** Logins the monitor's issues are authored by (github-actions[bot], or SITREP_TOKEN's owner). */
  botLogins: readonly string[];
  env: NodeJS.ProcessEnv;
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  concurrency?: number;
  checkTimeoutMs?: number;
  /** false in tests (see ClientOptions.throttle). */
  throttle?: boolean;
  /** Backoff unit of the GitHub client's retries of 5xx answers (default 1 s; tests make it tiny). */
  retryBaseMs?: number;
  /** Only check and print: no GitHub writes (the history is still written). */
  dryRun?: boolean;
  warn: (message: string) => void;
}

export interface MonitorLine {
  id: string;
  name: string;
  component: string;
  outcome: CheckResult['outcome'] | 'skipped';
  reason: string | null;
  detail: string;
  latencyMs: number | null;
  attempts: number;
  state: MonitorState['status'];
  /** What the run did on GitHub for this monitor. */
  actions: string[];
}

export interface MonitorSummary {
  at: string;
  inconclusive: string | null;
  monitors: MonitorLine[];
  /** Issues opened, commented, closed. */
  opened: number[];
  commented: number[];
  closed: number[];
  warnings: string[];
  requests: number;
}

const thresholds = (config: SiteConfig, m: MonitorConfig) => ({
  failuresToOpen: m.failuresToOpen ?? config.failuresToOpen,
  successesToClose: m.successesToClose ?? config.successesToClose,
});

interface Context {
  octokit: GitHubClient;
  repo: Repo;
  options: MonitorRunOptions;
  summary: MonitorSummary;
}

export async function runMonitor(options: MonitorRunOptions): Promise<{ summary: MonitorSummary; history: MonitorHistory }> {
  const { config, now } = options;
  const apiUrl = options.apiUrl || DEFAULT_API_URL;
  const checksClient = createClientWithDefaults({
    token: options.token,
    apiUrl,
    retries: 0,
    timeoutMs: 10_000,
    throttle: options.throttle,
    warn: options.warn,
  });
  const writeClient = createClientWithDefaults({
    token: options.token,
    apiUrl,
    throttle: options.throttle,
    warn: options.warn,
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
  });
  const checkOptions: RunChecksOptions = {
    octokit: checksClient.octokit,
    apiHost: new URL(apiUrl).host,
    env: options.env,
    now,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.checkTimeoutMs ? { checkTimeoutMs: options.checkTimeoutMs } : {}),
  };
  const checks = await runChecks(config.monitors, checkOptions);
  const verdict = judgeRun(checks.control, [...checks.results.values()]);
  const summary: MonitorSummary = {
    at: now.toISOString(),
    inconclusive: verdict.why,
    monitors: [],
    opened: [],
    commented: [],
    closed: [],
    warnings: [],
    requests: 0,
  };
  for (const skipped of checks.skipped) summary.warnings.push(`monitor ${skipped.id} skipped: ${skipped.why}`);

  const states = new Map<string, { result: CheckResult; state: MonitorState }>();
  const ctx: Context = { octokit: writeClient.octokit, repo: parseRepo(config.repository), options, summary };
  const actionsById = new Map<string, string[]>();
  let open: OpenMonitorIssue[] = [];
  // Without the list of its open issues the monitor cannot act safely: it then changes nothing
  // this run (states stay as they were, so the same transition comes up again next run).
  let canAct = !options.dryRun;
  if (!verdict.inconclusive && canAct && config.monitors.length > 0) {
    const listed = await guarded(
      ctx,
      'list the monitor issues',
      () => listOpenMonitorIssues(ctx.octokit, ctx.repo, config.labels.incident, options.botLogins),
      null,
    );
    if (listed) open = listed;
    else canAct = false;
  }
  const monitorIssues = new Set(open.map((i) => i.number));
  for (const monitor of config.monitors) {
    const result = checks.results.get(monitor.id);
    if (result) states.set(monitor.id, { result, state: options.history.monitors[monitor.id]?.state ?? FRESH_STATE });
  }
  for (const monitor of config.monitors) {
    const entry = states.get(monitor.id);
    if (!entry || verdict.inconclusive) continue;
    const done: string[] = [];
    actionsById.set(monitor.id, done);
    let state = entry.state;
    const own = open.find((i) => i.monitorId === monitor.id) ?? null;
    if (own && own.number !== state.leftOpen) state = adoptOpenIssue(state, own.number, own.createdAt, failureSignature(entry.result));
    const before = state;
    const step = stepMonitor(state, entry.result, now, thresholds(config, monitor));
    state = step.state;
    let transition: Transition = step.transition;
    // Still down with nothing on GitHub (maintenance ended, or the last attempt to open failed): open now.
    const episode = state.episode;
    if (transition.kind === 'none' && state.status === 'down' && episode && episode.issue === null && episode.joined === null)
      transition = { kind: 'open', since: episode.since };
    if (transition.kind !== 'none' && !canAct && !options.dryRun) state = before;
    else if (transition.kind !== 'none' && canAct) state = await act(ctx, monitor, entry.result, state, transition, own, monitorIssues, done);
    states.set(monitor.id, { result: entry.result, state });
  }

  const history = recordRun(
    options.history,
    { at: now, inconclusive: verdict.why, monitors: states },
    config.monitors.map((m) => m.id),
  );
  for (const monitor of config.monitors) {
    const result = checks.results.get(monitor.id);
    const skipped = checks.skipped.find((s) => s.id === monitor.id);
    summary.monitors.push({
      id: monitor.id,
      name: monitor.name,
      component: monitor.component,
      outcome: result?.outcome ?? 'skipped',
      reason: result?.reason ?? null,
      detail: result?.detail ?? skipped?.why ?? '',
      latencyMs: result?.latencyMs ?? null,
      attempts: result?.attempts ?? 0,
      state: history.monitors[monitor.id]?.state.status ?? 'up',
      actions: actionsById.get(monitor.id) ?? [],
    });
  }
  summary.requests = checksClient.stats.requests + writeClient.stats.requests;
  return { summary, history };
}

/** Runs a GitHub call; a failure becomes a warning (the next run tries again) and `fallback`. */
async function guarded<T>(ctx: Context, what: string, call: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = toGitHubError(error, { repository: ctx.options.config.repository, timeoutMs: 15_000, authenticated: Boolean(ctx.options.token) });
    ctx.summary.warnings.push(`could not ${what}: ${failure.endpoint} → ${failure.status}: ${failure.detail}`);
    return fallback;
  }
}

async function act(
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
        await guarded(ctx, `comment on #${created.number}`, () => addComment(octokit, repo, created.number, duplicateNote(oldest)), undefined);
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

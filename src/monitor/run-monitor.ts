/**
 * `runMonitor`: one monitor run. Check everything; if the run is inconclusive record it and stop;
 * else advance each monitor's state machine and carry out what src/lib/monitor/plan.ts decides on
 * GitHub; return the new history (scripts/monitor.ts writes it atomically). The snapshot of the last sync (if any) says which
 * components are under maintenance or have a person's active incident.
 *
 * Overlapping runs: the monitor lists its open issues right before opening one, and again right
 * after; if two runs both opened one, the run whose issue is not the oldest closes its own
 * (as not planned, with a note). That is the only issue the monitor ever closes besides its own
 * recovered, untouched ones.
 */
import { createClientWithDefaults, DEFAULT_API_URL } from '../github/client.ts';
import { parseRepo } from '../github/fetchers.ts';
import { recordRun } from '../lib/monitor/history.ts';
import { type CheckResult, failureSignature } from '../lib/monitor/result.ts';
import { adoptOpenIssue, FRESH_STATE, judgeRun, type MonitorState, stepMonitor, type Transition } from '../lib/monitor/state.ts';
import type { SiteConfig } from '../lib/schema/config.ts';
import type { MonitorHistory } from '../lib/schema/monitor-history.ts';
import type { MonitorConfig } from '../lib/schema/monitors.ts';
import type { SiteModel } from '../lib/site-model.ts';
import { act, type Context, guarded } from './act.ts';
import { listOpenMonitorIssues, type OpenMonitorIssue } from './monitor-api.ts';
import { type RunChecksOptions, runChecks } from './run-checks.ts';

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

/**
 * The per-monitor state machine with hysteresis, and the inconclusive-run rule. Pure.
 *
 * A monitor is `up` or `down`. `failuresToOpen` consecutive failed (or slow) runs take it down and
 * start an episode; `successesToClose` consecutive good runs bring it back up and end it. A single
 * good run inside a failure streak resets the streak (and the other way round), so a flapping
 * check never opens and closes issues over and over. Inconclusive runs change nothing.
 */
import { type CheckResult, CONNECTION_REASONS, type FailureReason, failureSignature } from './result.ts';

export interface Episode {
  /** When the first failed run of the streak that opened it happened. */
  readonly since: string;
  /** `failed:timeout`, `slow`…: what the issue or the last comment said. */
  readonly signature: string;
  /** The monitor's own issue, once opened. */
  readonly issue: number | null;
  /** A person's active incident the monitor added its evidence to instead. */
  readonly joined: number | null;
  /** Under maintenance when it went down: nothing was opened. */
  readonly suppressed: boolean;
}

export interface MonitorState {
  readonly status: 'up' | 'down';
  readonly failures: number;
  readonly successes: number;
  /** First failed run of the current failure streak. */
  readonly failingSince: string | null;
  readonly episode: Episode | null;
  /** The monitor's own issue it recovered but left open to the person who took it over: never adopted again. */
  readonly leftOpen?: number | null | undefined;
}

export const FRESH_STATE: MonitorState = { status: 'up', failures: 0, successes: 0, failingSince: null, episode: null };

export type Transition =
  /** Nothing to do on GitHub. */
  | { kind: 'none' }
  /** Went down: open (or join) an incident. */
  | { kind: 'open'; since: string }
  /** Still down, and what is wrong changed: one comment. */
  | { kind: 'changed'; from: string; to: string }
  /** Came back up: recovery comment (and close, if the monitor may). */
  | { kind: 'recovered'; episode: Episode; downForMs: number };

export interface Thresholds {
  readonly failuresToOpen: number;
  readonly successesToClose: number;
}

/** Advances the state by one conclusive run's result. */
export function stepMonitor(
  state: MonitorState,
  result: Pick<CheckResult, 'outcome' | 'reason' | 'httpStatus'>,
  at: Date,
  limits: Thresholds,
): { state: MonitorState; transition: Transition } {
  const now = at.toISOString();
  if (result.outcome === 'ok') {
    const successes = state.successes + 1;
    if (state.status === 'down' && successes >= limits.successesToClose && state.episode) {
      const downForMs = at.getTime() - Date.parse(state.episode.since);
      return { state: { ...FRESH_STATE, successes, leftOpen: state.leftOpen ?? null }, transition: { kind: 'recovered', episode: state.episode, downForMs } };
    }
    return { state: { ...state, successes, failures: 0, failingSince: state.status === 'down' ? state.failingSince : null }, transition: { kind: 'none' } };
  }
  const signature = failureSignature(result);
  const failures = state.failures + 1;
  const failingSince = state.failures === 0 && state.status === 'up' ? now : (state.failingSince ?? now);
  if (state.status === 'up') {
    if (failures >= limits.failuresToOpen) {
      const episode: Episode = { since: failingSince, signature, issue: null, joined: null, suppressed: false };
      return { state: { status: 'down', failures, successes: 0, failingSince, episode }, transition: { kind: 'open', since: failingSince } };
    }
    return { state: { ...state, failures, successes: 0, failingSince }, transition: { kind: 'none' } };
  }
  const episode = state.episode;
  const next: MonitorState = { ...state, failures, successes: 0, failingSince };
  if (episode && episode.signature !== signature) {
    return { state: { ...next, episode: { ...episode, signature } }, transition: { kind: 'changed', from: episode.signature, to: signature } };
  }
  return { state: next, transition: { kind: 'none' } };
}

export interface ControlResult {
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * A run is inconclusive — recorded, never counted — when the control request (the GitHub API the
 * run uses anyway) failed, or when every check failed at once with a connection-level error across
 * two or more distinct hosts: the runner's network is the likelier culprit (upptime/upptime#495).
 */
export function judgeRun(
  control: ControlResult,
  results: readonly Pick<CheckResult, 'outcome' | 'reason' | 'host'>[],
): { inconclusive: boolean; why: string | null } {
  if (!control.ok) return { inconclusive: true, why: `control request failed (${control.detail})` };
  const allConnection =
    results.length > 0 && results.every((r) => r.outcome === 'failed' && r.reason !== undefined && CONNECTION_REASONS.has(r.reason as FailureReason));
  const hosts = new Set(results.map((r) => r.host.toLowerCase()));
  if (allConnection && hosts.size >= 2) return { inconclusive: true, why: `every check failed with a connection error across ${hosts.size} hosts` };
  return { inconclusive: false, why: null };
}

/**
 * The monitor's issue is open on GitHub but the state says up (history lost, or another run
 * opened it): continue that episode, so recovery still resolves it after `successesToClose`.
 */
export function adoptOpenIssue(state: MonitorState, issue: number, openedAt: string, signature: string): MonitorState {
  if (state.status === 'down' && state.episode) return state.episode.issue === issue ? state : { ...state, episode: { ...state.episode, issue } };
  // Recovery must be seen afresh: `successesToClose` good runs from now.
  return {
    ...state,
    status: 'down',
    successes: 0,
    failingSince: state.failingSince ?? openedAt,
    episode: { since: openedAt, signature, issue, joined: null, suppressed: false },
  };
}

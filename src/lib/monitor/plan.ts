/**
 * What a monitor does on GitHub after a run, decided from its transition and what GitHub says
 * now. Pure; src/monitor/act.ts carries it out.
 */
import type { Transition } from './state.ts';

export interface GitHubFacts {
  /** The monitor's own open issue (bot author + marker), if any. */
  readonly openIssue: number | null;
  /** Whether a person took that issue over (see isTakenOver). */
  readonly takenOver: boolean;
  /** A person's active incident naming the monitor's component, if any. */
  readonly personIncident: number | null;
  /** The component is under scheduled maintenance now. */
  readonly underMaintenance: boolean;
}

export type Action =
  | { kind: 'open-issue' }
  | { kind: 'evidence-comment'; issue: number }
  | { kind: 'change-comment'; issue: number }
  | { kind: 'recovery-comment'; issue: number; close: boolean }
  | { kind: 'suppressed'; why: string }
  | { kind: 'adopt'; issue: number };

/**
 * - open: under maintenance → nothing; the monitor's issue already open (an overlapping run) →
 *   adopt it; a person's active incident on the component → one evidence comment there; else open.
 * - changed: one comment on whichever issue the episode has.
 * - recovered: a recovery comment on the episode's issue; close only the monitor's own issue that no
 *   person took over. A person's incident is theirs to close.
 */
export function planActions(transition: Transition, episode: { issue: number | null; joined: number | null } | null, facts: GitHubFacts): Action[] {
  switch (transition.kind) {
    case 'none':
      return [];
    case 'open':
      if (facts.openIssue !== null) return [{ kind: 'adopt', issue: facts.openIssue }];
      if (facts.underMaintenance) return [{ kind: 'suppressed', why: 'the component is under scheduled maintenance' }];
      if (facts.personIncident !== null) return [{ kind: 'evidence-comment', issue: facts.personIncident }];
      return [{ kind: 'open-issue' }];
    case 'changed': {
      const issue = episode?.issue ?? facts.openIssue ?? episode?.joined ?? null;
      return issue === null ? [] : [{ kind: 'change-comment', issue }];
    }
    case 'recovered': {
      const own = transition.episode.issue ?? facts.openIssue;
      // Closed by a person already: the incident is over and theirs; nothing to add.
      if (own !== null) return facts.openIssue === own ? [{ kind: 'recovery-comment', issue: own, close: !facts.takenOver }] : [];
      if (transition.episode.joined !== null) return [{ kind: 'recovery-comment', issue: transition.episode.joined, close: false }];
      return [];
    }
  }
}

/** What the published model says about a component: a person's active incident on it, scheduled maintenance in progress. */
export function componentFacts(
  model: {
    readonly active: readonly { number: number; components: readonly string[] }[];
    readonly maintenances: readonly { status: string; components: readonly string[] }[];
  },
  component: string,
  monitorIssues: ReadonlySet<number>,
): Pick<GitHubFacts, 'personIncident' | 'underMaintenance'> {
  const incidents = model.active.filter((i) => i.components.includes(component) && !monitorIssues.has(i.number)).map((i) => i.number);
  return {
    // The oldest one: the incident people have been working on longest.
    personIncident: incidents.length > 0 ? Math.min(...incidents) : null,
    underMaintenance: model.maintenances.some((m) => m.status === 'in_progress' && m.components.includes(component)),
  };
}

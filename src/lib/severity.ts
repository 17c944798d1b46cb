/**
 * The team's severity scale and how it maps onto Statuspage's vocabulary
 * (incident impact and component status), which the API and feeds reuse.
 */
export const SEVERITIES = ['P0', 'P1', 'P2'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Impact = 'none' | 'minor' | 'major' | 'critical';
export type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';

export interface SeverityInfo {
  readonly severity: Severity;
  readonly name: string;
  /** What the level means, as the incident process defines it. */
  readonly meaning: string;
  readonly example: string;
  readonly impact: Impact;
  readonly componentStatus: ComponentStatus;
}

export const SEVERITY_INFO: Readonly<Record<Severity, SeverityInfo>> = {
  P0: {
    severity: 'P0',
    name: 'Critical',
    meaning: 'Extreme or total interruption, no reasonable workaround.',
    example: 'e.g. the project cannot be installed',
    impact: 'critical',
    componentStatus: 'major_outage',
  },
  P1: {
    severity: 'P1',
    name: 'Major',
    meaning: 'Major degradation, a workaround may exist.',
    example: 'e.g. the main build is broken, releases cannot be published',
    impact: 'major',
    componentStatus: 'partial_outage',
  },
  P2: {
    severity: 'P2',
    name: 'Minor',
    meaning: 'Minor degradation with a workaround, or a major disruption for contributors only.',
    example: 'e.g. a slow docs search, broken CI for contributors',
    impact: 'minor',
    componentStatus: 'degraded_performance',
  },
};

/** Ranks component statuses, worst last. */
export const COMPONENT_STATUS_RANK: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export const COMPONENT_STATUS_TEXT: Readonly<Record<ComponentStatus, string>> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

/** The worse of two component statuses. */
export function worseStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return COMPONENT_STATUS_RANK[b] > COMPONENT_STATUS_RANK[a] ? b : a;
}

/** The most severe of several severities (P0 beats P1 beats P2). */
export function mostSevere(severities: readonly Severity[]): Severity | undefined {
  return [...severities].sort()[0];
}

/** Reads `P0`/`P1`/`P2` out of a form value such as "P1 — Major degradation". */
export function readSeverity(value: string | null): Severity | undefined {
  const match = value ? /\bP([012])\b/i.exec(value) : null;
  return match ? (`P${match[1]}` as Severity) : undefined;
}

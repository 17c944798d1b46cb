/**
 * Builders for real-shaped snapshot records, with defaults a test overrides. Shared by unit and
 * build tests so that every test speaks the snapshot contract (src/lib/schema/snapshot.ts).
 */

import { type SiteConfig, type SiteConfigInput, SiteConfigSchema } from '../../src/lib/schema/config.ts';
import type { CommentRecord, EventRecord, IssueRecord, SnapshotInput } from '../../src/lib/schema/snapshot.ts';

export const REPO = 'acme/widgets';
export const maintainer = (login = 'maint') => ({ login, trusted: true });
export const outsider = (login = 'stranger') => ({ login, trusted: false });

let seq = 1000;
const nextId = (): number => (seq += 1);

export function comment(overrides: Partial<CommentRecord> & { at: string }): CommentRecord {
  const id = overrides.id ?? nextId();
  const { at, ...rest } = overrides;
  return { id, author: maintainer(), body: 'An update.', createdAt: at, updatedAt: at, url: `https://github.com/${REPO}/issues/1#issuecomment-${id}`, ...rest };
}

export function event(type: EventRecord['type'], at: string, overrides: Partial<EventRecord> = {}): EventRecord {
  return { id: nextId(), type, actor: maintainer(), createdAt: at, ...overrides };
}

/** A form body as GitHub renders a submitted issue form. */
export function formBody(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([heading, value]) => `### ${heading}\n\n${value}`)
    .join('\n\n');
}

export function issue(overrides: Partial<IssueRecord> & { number: number }): IssueRecord {
  const createdAt = overrides.createdAt ?? '2026-11-20T10:00:00Z';
  return {
    title: `Incident ${overrides.number}`,
    body: formBody({ Severity: 'P1', 'What is broken': 'Something is broken.' }),
    url: `https://github.com/${REPO}/issues/${overrides.number}`,
    state: 'open',
    stateReason: null,
    labels: ['incident'],
    author: maintainer(),
    assignees: [],
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    isPullRequest: false,
    comments: [],
    events: [],
    ...overrides,
  };
}

export function closed(base: IssueRecord, at: string, reason: 'completed' | 'not_planned' = 'completed'): IssueRecord {
  return { ...base, state: 'closed', stateReason: reason, closedAt: at, updatedAt: at, events: [...base.events, event('closed', at, { stateReason: reason })] };
}

export const CONFIG_INPUT: SiteConfigInput = {
  title: 'Acme status',
  description: 'Status of Acme widgets.',
  repository: REPO,
  site: 'https://acme.github.io/status-sub',
  components: [
    { id: 'cli', name: 'CLI', group: 'Tools' },
    { id: 'npm', name: 'npm packages', group: 'Tools' },
    { id: 'docs', name: 'Documentation', group: 'Web' },
    { id: 'site', name: 'Website' },
  ],
};

export function config(overrides: Partial<SiteConfigInput> = {}): SiteConfig {
  return SiteConfigSchema.parse({ ...CONFIG_INPUT, ...overrides });
}

export function snapshot(issues: unknown[], overrides: Partial<SnapshotInput> = {}): SnapshotInput {
  return { schemaVersion: 1, takenAt: '2026-11-21T11:55:00Z', repository: REPO, issues: issues as SnapshotInput['issues'], referencedIssues: [], ...overrides };
}

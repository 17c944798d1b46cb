/**
 * Builders for realistic repositories on the test server: the people (with their permissions)
 * and bulk incident histories. Issue bodies look like what sitrep's issue forms render.
 */
import type { FakeGitHubRepo } from './github-repo.ts';

/** The cast: who may do what on acme/widgets. */
export const PEOPLE = {
  /** Admin of the repository. */
  admin: 'maintainer-mia',
  /** Write access through a team. */
  writer: 'writer-wes',
  /** Maintain role (the API's `permission` says "write", `role_name` says "maintain"). */
  maintainer: 'maintain-max',
  /** Triage role: can label issues, is not trusted. */
  triager: 'triage-tom',
  /** Read-only member of the org: author_association MEMBER, still untrusted. */
  reader: 'reader-rita',
  /** No relation to the repository: the permission endpoint answers 404. */
  outsider: 'drive-by-dan',
  /** Listed in the config's `maintainers`, no permission on the repository. */
  configMaintainer: 'config-carla',
} as const;

export function addPeople(repo: FakeGitHubRepo): void {
  repo.setPermission(PEOPLE.admin, 'admin');
  repo.setPermission(PEOPLE.writer, 'write');
  repo.setPermission(PEOPLE.maintainer, 'maintain');
  repo.setPermission(PEOPLE.triager, 'triage');
  repo.setPermission(PEOPLE.reader, 'read');
  repo.associations.set(PEOPLE.reader, 'MEMBER');
  for (const [name, color] of [
    ['incident', 'd73a4a'],
    ['maintenance', '0e8a16'],
    ['postmortem', '5319e7'],
    ['P1', 'b60205'],
    ['component:cli', 'c5def5'],
  ] as const) {
    repo.labels.set(name, { color, description: '' });
  }
}

/** An incident body as the issue form renders it, with an empty field as GitHub shows one. */
export function incidentBody(summary: string): string {
  return [
    '### Severity',
    '',
    'P1',
    '',
    '### Affected components',
    '',
    'CLI',
    '',
    '### What is broken',
    '',
    summary,
    '',
    '### Workaround or alternatives',
    '',
    '_No response_',
  ].join('\n');
}

export interface HistoryOptions {
  /** How many of the newest incidents stay open (default 2). */
  open?: number;
  /** Comments on each incident (default 1, by the admin). */
  commentsEach?: number;
}

/** `count` incidents by the admin, oldest first, all but the newest `open` closed. */
export function seedIncidents(repo: FakeGitHubRepo, count: number, options: HistoryOptions = {}): number[] {
  const open = options.open ?? 2;
  const commentsEach = options.commentsEach ?? 1;
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) {
    const issue = repo.addIssue({
      title: `Incident ${i + 1}: CLI installs fail`,
      body: incidentBody(`Installs fail (${i + 1}).`),
      labels: ['incident', 'P1', 'component:cli'],
      user: PEOPLE.admin,
    });
    for (let c = 0; c < commentsEach; c++) repo.comment(issue.number, PEOPLE.admin, `Update ${c + 1}: investigating.`);
    if (i < count - open) repo.close(issue.number, PEOPLE.admin);
    numbers.push(issue.number);
  }
  return numbers;
}

/**
 * In-memory state of a GitHub repository for the test server: issues (and pull requests),
 * comments, issue events, collaborators' permissions, labels and pins, with mutation helpers that
 * behave like GitHub (every change moves `updated_at` and records an event where GitHub does).
 *
 * Times come from a shared FakeClock that moves one minute per change, so fixtures are
 * deterministic and every update is strictly later than the one before.
 */

export class FakeClock {
  constructor(public ms: number = Date.parse('2026-03-02T09:00:00Z')) {}
  iso(): string {
    return new Date(this.ms).toISOString().replace('.000Z', 'Z');
  }
  /** Moves on (a minute by default) and returns the new time. */
  tick(ms = 60_000): string {
    this.ms += ms;
    return this.iso();
  }
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  /** Login of the author; null for a deleted account. */
  user: string | null;
  assignees: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  pull_request: boolean;
  /** Set by deleteIssue: GET answers 410, listings leave it out. */
  deleted: boolean;
  /** Set by transferIssue: GET answers 301 to the new home, listings leave it out. */
  transferredTo: { repository: string; number: number } | null;
  /**
   * Body versions as GraphQL's `userContentEdits` gives them: empty until the first edit, which
   * records the original (by the author, at creation) and the new version, as GitHub's history does.
   */
  edits?: FakeBodyEdit[];
}

export interface FakeBodyEdit {
  editedAt: string;
  editor: string | null;
  body: string | null;
}

export interface FakeComment {
  id: number;
  issue: number;
  user: string | null;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface FakeEvent {
  id: number;
  issue: number;
  event: string;
  actor: string | null;
  created_at: string;
  label?: string;
  assignee?: string;
  state_reason?: string | null;
  rename?: { from: string; to: string };
}

/** GitHub's role names; `permission` in the API folds maintain→write and triage→read. */
export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

export interface NewIssue {
  title?: string;
  body?: string | null;
  labels?: string[];
  user?: string | null;
  assignees?: string[];
  pullRequest?: boolean;
  state?: 'open' | 'closed';
}

/** GitHub's limit of pinned issues per repository. */
export const MAX_PINNED = 3;

let nextGlobalId = 5_000_000;
const newId = () => nextGlobalId++;

export class FakeGitHubRepo {
  readonly issues = new Map<number, FakeIssue>();
  readonly comments: FakeComment[] = [];
  readonly events: FakeEvent[] = [];
  /** Collaborators' roles. Logins missing here get a 404 from the permission endpoint. */
  readonly permissions = new Map<string, Role>();
  /** author_association to report per login (the sync must not rely on it). */
  readonly associations = new Map<string, string>();
  readonly labels = new Map<string, { color: string; description: string }>();
  /** Pinned issue numbers, in pin order (GitHub holds at most three). */
  readonly pinned: number[] = [];
  /**
   * What the token the tests send may do here. `issues: false` answers writes with 403 ("Resource
   * not accessible by integration"); `pin: false` answers pinIssue/unpinIssue with a FORBIDDEN error;
   * `actions: false` answers the workflow enable endpoint with 403.
   */
  readonly tokenCan = { issues: true, pin: true, actions: true };
  private lastNumber = 0;

  constructor(
    readonly fullName: string,
    readonly clock: FakeClock,
  ) {}

  get(number: number): FakeIssue {
    const issue = this.issues.get(number);
    if (!issue) throw new Error(`fixture: no issue #${number} in ${this.fullName}`);
    return issue;
  }

  private touch(issue: FakeIssue): string {
    issue.updated_at = this.clock.tick();
    return issue.updated_at;
  }

  private record(issue: number, event: string, actor: string | null, at: string, extra: Partial<FakeEvent> = {}): void {
    this.events.push({ id: newId(), issue, event, actor, created_at: at, ...extra });
  }

  /** Opens an issue; its labels are applied by the author, as an issue form's template labels are. */
  addIssue(spec: NewIssue = {}): FakeIssue {
    const at = this.clock.tick();
    const number = ++this.lastNumber;
    const user = spec.user === undefined ? 'maintainer-mia' : spec.user;
    const issue: FakeIssue = {
      number,
      title: spec.title ?? `Issue ${number}`,
      body: spec.body === undefined ? `Body of issue ${number}` : spec.body,
      state: 'open',
      state_reason: null,
      labels: [...(spec.labels ?? [])],
      user,
      assignees: [...(spec.assignees ?? [])],
      created_at: at,
      updated_at: at,
      closed_at: null,
      pull_request: spec.pullRequest ?? false,
      deleted: false,
      transferredTo: null,
    };
    this.issues.set(number, issue);
    for (const label of issue.labels) this.record(number, 'labeled', user, at, { label });
    for (const login of issue.assignees) this.record(number, 'assigned', user, at, { assignee: login });
    if (spec.state === 'closed') this.close(number, user);
    return issue;
  }

  comment(number: number, user: string | null, body: string): FakeComment {
    const issue = this.get(number);
    const at = this.touch(issue);
    const comment: FakeComment = { id: newId(), issue: number, user, body, created_at: at, updated_at: at };
    this.comments.push(comment);
    return comment;
  }

  editComment(id: number, body: string): void {
    const comment = this.comments.find((c) => c.id === id);
    if (!comment) throw new Error(`fixture: no comment ${id}`);
    comment.body = body;
    comment.updated_at = this.touch(this.get(comment.issue));
  }

  /** Deleting a comment moves the issue's `updated_at`, as on GitHub. */
  deleteComment(id: number): void {
    const at = this.comments.findIndex((c) => c.id === id);
    if (at < 0) throw new Error(`fixture: no comment ${id}`);
    const [comment] = this.comments.splice(at, 1);
    this.removals++;
    if (comment) this.touch(this.get(comment.issue));
  }

  editIssue(number: number, changes: { title?: string; body?: string | null }, actor = 'maintainer-mia'): void {
    const issue = this.get(number);
    const at = this.touch(issue);
    if (changes.title !== undefined && changes.title !== issue.title) {
      this.record(number, 'renamed', actor, at, { rename: { from: issue.title, to: changes.title } });
      issue.title = changes.title;
    }
    if (changes.body !== undefined && changes.body !== issue.body) {
      issue.edits ??= [{ editedAt: issue.created_at, editor: issue.user, body: issue.body }];
      issue.edits.push({ editedAt: at, editor: actor, body: changes.body });
      issue.body = changes.body;
    }
  }

  addLabel(number: number, label: string, actor: string | null = 'maintainer-mia'): void {
    const issue = this.get(number);
    if (issue.labels.includes(label)) return;
    issue.labels.push(label);
    this.record(number, 'labeled', actor, this.touch(issue), { label });
  }

  removeLabel(number: number, label: string, actor: string | null = 'maintainer-mia'): void {
    const issue = this.get(number);
    issue.labels = issue.labels.filter((l) => l !== label);
    this.record(number, 'unlabeled', actor, this.touch(issue), { label });
  }

  assign(number: number, login: string, actor: string | null = 'maintainer-mia'): void {
    const issue = this.get(number);
    issue.assignees.push(login);
    this.record(number, 'assigned', actor, this.touch(issue), { assignee: login });
  }

  close(number: number, actor: string | null = 'maintainer-mia', reason: 'completed' | 'not_planned' = 'completed'): void {
    const issue = this.get(number);
    const at = this.touch(issue);
    Object.assign(issue, { state: 'closed', closed_at: at, state_reason: reason });
    this.record(number, 'closed', actor, at, { state_reason: reason });
  }

  reopen(number: number, actor: string | null = 'maintainer-mia'): void {
    const issue = this.get(number);
    const at = this.touch(issue);
    Object.assign(issue, { state: 'open', closed_at: null, state_reason: 'reopened' });
    this.record(number, 'reopened', actor, at);
  }

  /** Deleting does not move `updated_at`: the issue just vanishes from listings (410 on GET). */
  deleteIssue(number: number): void {
    this.get(number).deleted = true;
  }

  /** Moves the issue to `target` under a new number; the old address answers 301. */
  transferIssue(number: number, target: FakeGitHubRepo): FakeIssue {
    const issue = this.get(number);
    const copy = target.addIssue({ title: issue.title, body: issue.body, labels: issue.labels, user: issue.user });
    issue.transferredTo = { repository: target.fullName, number: copy.number };
    return copy;
  }

  /** Pins as a person would in the web UI (tests use it for pins sitrep did not make). */
  pin(number: number): void {
    this.get(number);
    if (this.pinned.length >= MAX_PINNED) throw new Error(`fixture: ${this.fullName} already has ${MAX_PINNED} pinned issues`);
    if (!this.pinned.includes(number)) this.pinned.push(number);
  }

  unpin(number: number): void {
    const at = this.pinned.indexOf(number);
    if (at >= 0) this.pinned.splice(at, 1);
  }

  /** A label by name, case-insensitively, as GitHub matches label names. */
  findLabel(name: string): [string, { color: string; description: string }] | undefined {
    return [...this.labels.entries()].find(([key]) => key.toLowerCase() === name.toLowerCase());
  }

  setPermission(login: string, role: Role): void {
    this.permissions.set(login, role);
  }

  /** Issues as listings show them: not deleted, not transferred. */
  listed(): FakeIssue[] {
    return [...this.issues.values()].filter((i) => !i.deleted && !i.transferredTo);
  }

  commentsOf(number: number): FakeComment[] {
    return [...(this.indexed(this.comments, this.commentIndex).get(number) ?? [])];
  }

  eventsOf(number: number): FakeEvent[] {
    return [...(this.indexed(this.events, this.eventIndex).get(number) ?? [])];
  }

  // Per-issue indexes, so that 10,000 issues with 30,000 comments list in seconds (issue #15's
  // benchmark). The arrays only grow (push) except deleteComment, which bumps `removals`: their
  // length and that count together tell whether an index is still current.
  private removals = 0;
  private readonly commentIndex: { key: string; map: Map<number, FakeComment[]> } = { key: '', map: new Map() };
  private readonly eventIndex: { key: string; map: Map<number, FakeEvent[]> } = { key: '', map: new Map() };

  private indexed<T extends { issue: number }>(items: readonly T[], cache: { key: string; map: Map<number, T[]> }): Map<number, T[]> {
    const key = `${items.length}:${this.removals}`;
    if (cache.key === key) return cache.map;
    cache.map = new Map();
    for (const item of items) {
      const list = cache.map.get(item.issue);
      if (list) list.push(item);
      else cache.map.set(item.issue, [item]);
    }
    cache.key = key;
    return cache.map;
  }
}

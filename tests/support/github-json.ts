/**
 * Fake repository state → JSON shaped like GitHub's REST answers (the fields real clients read,
 * plus enough of the rest to look real: ids, node ids, URLs, author_association).
 */
import type { FakeComment, FakeEvent, FakeGitHubRepo, FakeIssue, Role } from './github-repo.ts';

export const WEB = 'https://github.com';

const idOf = (login: string) => [...login].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 10_000_000, 7);

export function userJson(login: string | null) {
  if (login === null) return null;
  return {
    login,
    id: idOf(login),
    node_id: `U_${idOf(login)}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${idOf(login)}?v=4`,
    html_url: `${WEB}/${login}`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
  };
}

function association(repo: FakeGitHubRepo, login: string | null): string {
  if (login === null) return 'NONE';
  const explicit = repo.associations.get(login);
  if (explicit) return explicit;
  if (repo.fullName.split('/')[0] === login) return 'OWNER';
  return repo.permissions.has(login) ? 'COLLABORATOR' : 'NONE';
}

/** A label as the labels endpoints and issues embed it. */
export function labelJson(api: string, repo: FakeGitHubRepo, name: string) {
  const spec = repo.findLabel(name)?.[1];
  return {
    id: idOf(name),
    node_id: `LA_${idOf(name)}`,
    url: `${api}/repos/${repo.fullName}/labels/${encodeURIComponent(name)}`,
    name,
    color: spec?.color ?? 'ededed',
    default: false,
    description: spec?.description ?? null,
  };
}

export function issueJson(api: string, repo: FakeGitHubRepo, issue: FakeIssue) {
  const kind = issue.pull_request ? 'pull' : 'issues';
  const self = `${api}/repos/${repo.fullName}/issues/${issue.number}`;
  return {
    url: self,
    repository_url: `${api}/repos/${repo.fullName}`,
    labels_url: `${self}/labels{/name}`,
    comments_url: `${self}/comments`,
    events_url: `${self}/events`,
    html_url: `${WEB}/${repo.fullName}/${kind}/${issue.number}`,
    id: 900_000 + issue.number,
    node_id: `I_${issue.number}`,
    number: issue.number,
    title: issue.title,
    user: userJson(issue.user),
    labels: issue.labels.map((name) => labelJson(api, repo, name)),
    state: issue.state,
    locked: false,
    assignee: userJson(issue.assignees[0] ?? null),
    assignees: issue.assignees.map(userJson),
    milestone: null,
    comments: repo.commentsOf(issue.number).length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: association(repo, issue.user),
    active_lock_reason: null,
    body: issue.body,
    state_reason: issue.state_reason,
    reactions: { url: `${self}/reactions`, total_count: 0, '+1': 0, '-1': 0 },
    ...(issue.pull_request
      ? {
          draft: false,
          pull_request: {
            url: `${api}/repos/${repo.fullName}/pulls/${issue.number}`,
            html_url: `${WEB}/${repo.fullName}/pull/${issue.number}`,
            merged_at: null,
          },
        }
      : {}),
  };
}

export function commentJson(api: string, repo: FakeGitHubRepo, comment: FakeComment) {
  return {
    url: `${api}/repos/${repo.fullName}/issues/comments/${comment.id}`,
    html_url: `${WEB}/${repo.fullName}/issues/${comment.issue}#issuecomment-${comment.id}`,
    issue_url: `${api}/repos/${repo.fullName}/issues/${comment.issue}`,
    id: comment.id,
    node_id: `IC_${comment.id}`,
    user: userJson(comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: association(repo, comment.user),
    body: comment.body,
  };
}

export function eventJson(api: string, repo: FakeGitHubRepo, event: FakeEvent) {
  return {
    id: event.id,
    node_id: `LE_${event.id}`,
    url: `${api}/repos/${repo.fullName}/issues/events/${event.id}`,
    actor: userJson(event.actor),
    event: event.event,
    commit_id: null,
    commit_url: null,
    created_at: event.created_at,
    performed_via_github_app: null,
    ...(event.label !== undefined ? { label: { name: event.label, color: repo.labels.get(event.label)?.color ?? 'ededed' } } : {}),
    ...(event.assignee !== undefined ? { assignee: userJson(event.assignee), assigner: userJson(event.actor) } : {}),
    ...(event.state_reason !== undefined ? { state_reason: event.state_reason } : {}),
    ...(event.rename !== undefined ? { rename: event.rename } : {}),
  };
}

/** GET /repos/{o}/{r}/collaborators/{u}/permission: `permission` folds maintain→write, triage→read. */
export function permissionJson(login: string, role: Role) {
  const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
  return { permission, role_name: role, user: { ...userJson(login), permissions: { admin: role === 'admin', push: permission !== 'read', pull: true } } };
}

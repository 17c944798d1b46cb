/**
 * GitHub's GraphQL `nodes(ids:)` for issues, as the batched sync asks it (src/github/batch-details.ts):
 * each Issue with its labels, assignees, a page of `comments` and a page of `timelineItems`
 * filtered by `itemTypes`. The page sizes and item types are read from the query text, so a client
 * asking for 10 comments gets 10 and `hasNextPage`; at most 100 ids per query, as on GitHub. A node
 * that does not resolve is `null` in `data.nodes` with a NOT_FOUND error at its path — GitHub's
 * partial answer.
 *
 * https://docs.github.com/en/graphql/reference/queries#nodes
 */

import { WEB } from './github-json.ts';
import type { FakeEvent, FakeGitHubRepo } from './github-repo.ts';
import type { GitHubTestServer, RouteResult } from './github-server.ts';

const TYPENAMES: Record<string, { typename: string; itemType: string }> = {
  labeled: { typename: 'LabeledEvent', itemType: 'LABELED_EVENT' },
  unlabeled: { typename: 'UnlabeledEvent', itemType: 'UNLABELED_EVENT' },
  assigned: { typename: 'AssignedEvent', itemType: 'ASSIGNED_EVENT' },
  unassigned: { typename: 'UnassignedEvent', itemType: 'UNASSIGNED_EVENT' },
  closed: { typename: 'ClosedEvent', itemType: 'CLOSED_EVENT' },
  reopened: { typename: 'ReopenedEvent', itemType: 'REOPENED_EVENT' },
  renamed: { typename: 'RenamedTitleEvent', itemType: 'RENAMED_TITLE_EVENT' },
  commented: { typename: 'IssueComment', itemType: 'ISSUE_COMMENT' },
  mentioned: { typename: 'MentionedEvent', itemType: 'MENTIONED_EVENT' },
  subscribed: { typename: 'SubscribedEvent', itemType: 'SUBSCRIBED_EVENT' },
};

/** Whether a document is this query (what the request log calls `query nodes`). */
export function isIssueNodesQuery(query: string): boolean {
  return /\bnodes\s*\(\s*ids\s*:/.test(query);
}

interface ConnectionArgs {
  first: number;
  itemTypes: string[] | null;
}

/** `name(first: N, itemTypes: [A, B])` in the query text, or null when the field is not asked. */
function connectionArgs(query: string, name: string): ConnectionArgs | null | 'invalid' {
  const match = new RegExp(`\\b${name}\\s*\\(([^)]*)\\)`).exec(query);
  if (!match) return new RegExp(`\\b${name}\\b`).test(query) ? 'invalid' : null; // a connection needs first/last
  const args = match[1] ?? '';
  const first = Number(/\bfirst\s*:\s*(\d+)/.exec(args)?.[1]);
  if (!Number.isInteger(first) || first < 1 || first > 100) return 'invalid';
  const types = /\bitemTypes\s*:\s*\[([^\]]*)\]/.exec(args)?.[1];
  return { first, itemTypes: types ? types.split(/[\s,]+/).filter(Boolean) : null };
}

const login = (name: string | null | undefined) => (name ? { login: name } : null);
const upper = (value: string | null | undefined) => (value ? value.toUpperCase() : null);

function eventNode(event: FakeEvent) {
  const kind = TYPENAMES[event.event];
  const base = { __typename: kind?.typename ?? 'UnknownEvent', actor: login(event.actor), createdAt: event.created_at };
  switch (event.event) {
    case 'labeled':
    case 'unlabeled':
      return { ...base, label: { name: event.label ?? '' } };
    case 'assigned':
    case 'unassigned':
      return { ...base, assignee: login(event.assignee) };
    case 'closed':
      return { ...base, stateReason: upper(event.state_reason ?? null) };
    case 'renamed':
      return { ...base, previousTitle: event.rename?.from ?? '', currentTitle: event.rename?.to ?? '' };
    default:
      return base;
  }
}

function page<T>(all: readonly T[], first: number) {
  return { totalCount: all.length, pageInfo: { hasNextPage: all.length > first }, nodes: all.slice(0, first) };
}

function issueNode(repo: FakeGitHubRepo, number: number, comments: ConnectionArgs, timeline: ConnectionArgs) {
  const issue = repo.issues.get(number);
  if (!issue) return null;
  const events = repo.eventsOf(number).filter((e) => !timeline.itemTypes || timeline.itemTypes.includes(TYPENAMES[e.event]?.itemType ?? ''));
  return {
    __typename: issue.pull_request ? 'PullRequest' : 'Issue',
    id: `I_${number}`,
    number,
    title: issue.title,
    body: issue.body ?? '',
    url: `${WEB}/${repo.fullName}/issues/${number}`,
    state: issue.state.toUpperCase(),
    stateReason: upper(issue.state_reason),
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    closedAt: issue.closed_at,
    repository: { nameWithOwner: repo.fullName },
    author: login(issue.user),
    // Newest first, as GitHub lists them; `diff` holds each version's whole text (see github-graphql.ts).
    userContentEdits: {
      nodes: [...(issue.edits ?? [])].reverse().map((e) => ({ editedAt: e.editedAt, editor: login(e.editor), diff: e.body ?? '' })),
    },
    labels: page(
      issue.labels.map((name) => ({ name })),
      100,
    ),
    assignees: page(
      issue.assignees.map((name) => ({ login: name })),
      100,
    ),
    comments: page(
      repo.commentsOf(number).map((c) => ({
        databaseId: c.id,
        author: login(c.user),
        body: c.body,
        createdAt: c.created_at,
        updatedAt: c.updated_at,
        url: `${WEB}/${repo.fullName}/issues/${number}#issuecomment-${c.id}`,
      })),
      comments.first,
    ),
    timelineItems: page(events.map(eventNode), timeline.first),
  };
}

/** Issue node ids are `I_<number>`; deleted and transferred issues do not resolve here. */
function resolve(server: GitHubTestServer, id: unknown): { repo: FakeGitHubRepo; number: number } | null {
  const number = typeof id === 'string' ? Number(/^I_(\d+)$/.exec(id)?.[1]) : NaN;
  for (const repo of server.repos.values()) {
    const issue = repo.issues.get(number);
    if (issue && !issue.deleted && !issue.transferredTo) return { repo, number };
  }
  return null;
}

export function issueNodesQuery(server: GitHubTestServer, query: string, variables: Record<string, unknown>): RouteResult {
  const ids = variables['ids'];
  if (!Array.isArray(ids)) return { status: 200, body: { errors: [{ type: 'INVALID', message: 'Variable $ids of type [ID!]! was provided invalid value' }] } };
  if (ids.length > 100)
    return { status: 200, body: { errors: [{ type: 'EXCESSIVE_PAGINATION', message: `You may not ask for more than 100 nodes (asked ${ids.length})` }] } };
  const comments = connectionArgs(query, 'comments');
  const timeline = connectionArgs(query, 'timelineItems');
  if (comments === 'invalid' || timeline === 'invalid')
    return { status: 200, body: { errors: [{ type: 'MISSING_PAGINATION_BOUNDARIES', message: 'You must provide a `first` (1–100) on every connection' }] } };
  const none: ConnectionArgs = { first: 1, itemTypes: [] };
  const errors: unknown[] = [];
  const nodes = ids.map((id, index) => {
    const found = resolve(server, id);
    if (!found) {
      errors.push({
        type: 'NOT_FOUND',
        path: ['nodes', index],
        locations: [{ line: 3, column: 3 }],
        message: `Could not resolve to a node with the global id of '${String(id)}'`,
      });
      return null;
    }
    return issueNode(found.repo, found.number, comments ?? none, timeline ?? none);
  });
  const data = { nodes };
  return { status: 200, body: errors.length > 0 ? { data, errors } : { data } };
}

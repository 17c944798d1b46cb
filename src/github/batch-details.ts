/**
 * Step 2 of a sync in batches (issue #15, item 1): the comments and timeline events of up to 100
 * issues in one GraphQL request, instead of two REST requests per issue. A first sync of 10,000
 * issues then costs 100 listing pages + 100 of these, not 20,000 requests.
 *
 * - Issues are asked by node id (`nodes(ids:)`, at most 100 per query, as GitHub allows).
 * - One page of comments and one of timeline events (100 each) comes with every issue; an issue
 *   with more than that is handed back as `overflow`, for the per-issue REST path (which pages,
 *   and asks only for comments updated `since` the last run).
 * - A node GitHub no longer resolves (deleted, or no longer in this repository) is handed back as
 *   `missing`: the caller asks the issue itself before removing anything, as the REST path does.
 * - The body's edit history (`userContentEdits`, who wrote each version) comes along, so the
 *   trust rule on bodies costs no request per issue either.
 * - Partial answers: GitHub puts `errors` next to `data`. NOT_FOUND on one node only marks that
 *   node missing; any other error fails the run like a REST error (rate limits said as such).
 *
 * Timeline events carry no `databaseId` in GraphQL: an event's id in the snapshot is its position
 * in the issue's timeline (1-based), which keeps GitHub's order for events within one second.
 * Nothing public is derived from event ids (feeds and notifications use comment ids and times).
 *
 * https://docs.github.com/en/graphql/reference/queries#nodes
 * https://docs.github.com/en/graphql/reference/objects#issue (comments, timelineItems)
 * https://docs.github.com/en/graphql/reference/enums#issuetimelineitemsitemtype
 */
import { MAX_BODY_EDITS, type RawBodyEdit, toRawBodyEdits } from './body-edits.ts';
import type { GitHubClient, RequestStats } from './client.ts';
import { GitHubError, malformedResponse } from './errors.ts';
import type { GitHubComment, GitHubIssue, GitHubIssueEvent, GitHubUser } from './github-json.ts';

/** GitHub's cap on `nodes(ids:)`, and the page size of every connection asked here. */
export const MAX_BATCH = 100;

const ITEM_TYPES = ['LABELED_EVENT', 'UNLABELED_EVENT', 'ASSIGNED_EVENT', 'UNASSIGNED_EVENT', 'CLOSED_EVENT', 'REOPENED_EVENT', 'RENAMED_TITLE_EVENT'];

export const ISSUE_DETAILS_QUERY = `query issueDetails($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename
    ... on Issue {
      id number title body url state stateReason createdAt updatedAt closedAt
      repository { nameWithOwner }
      author { login }
      userContentEdits(first: ${MAX_BODY_EDITS}) { nodes { editedAt editor { login } diff } }
      labels(first: ${MAX_BATCH}) { nodes { name } }
      assignees(first: ${MAX_BATCH}) { nodes { login } }
      comments(first: ${MAX_BATCH}) {
        totalCount
        pageInfo { hasNextPage }
        nodes { databaseId author { login } body createdAt updatedAt url }
      }
      timelineItems(first: ${MAX_BATCH}, itemTypes: [${ITEM_TYPES.join(', ')}]) {
        totalCount
        pageInfo { hasNextPage }
        nodes {
          __typename
          ... on LabeledEvent { actor { login } createdAt label { name } }
          ... on UnlabeledEvent { actor { login } createdAt label { name } }
          ... on AssignedEvent { actor { login } createdAt assignee { ... on Actor { login } } }
          ... on UnassignedEvent { actor { login } createdAt assignee { ... on Actor { login } } }
          ... on ClosedEvent { actor { login } createdAt stateReason }
          ... on ReopenedEvent { actor { login } createdAt }
          ... on RenamedTitleEvent { actor { login } createdAt previousTitle currentTitle }
        }
      }
    }
  }
}`;

/** An issue to fetch: its node id, and its REST JSON when a listing gave it (else GraphQL's is used). */
export interface BatchItem {
  number: number;
  nodeId: string;
  issue?: GitHubIssue | undefined;
}

export type BatchResult =
  | {
      kind: 'fetched';
      issue: GitHubIssue;
      comments: GitHubComment[];
      events: GitHubIssueEvent[];
      /** Who wrote each version of the body (body-edits.ts), asked in the same request. */
      bodyEdits: RawBodyEdit[];
    }
  /** More than one page of comments or events: fetch this one through REST. */
  | { kind: 'overflow'; issue: GitHubIssue }
  /** GitHub did not resolve the node (or it now lives in another repository): ask the issue itself. */
  | { kind: 'missing'; number: number };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const user = (v: unknown): GitHubUser | null => (isObject(v) && typeof v['login'] === 'string' ? { login: v['login'] } : null);
const lower = (v: unknown): string | null => (typeof v === 'string' ? v.toLowerCase() : null);

const EVENT_NAMES: Record<string, string> = {
  LabeledEvent: 'labeled',
  UnlabeledEvent: 'unlabeled',
  AssignedEvent: 'assigned',
  UnassignedEvent: 'unassigned',
  ClosedEvent: 'closed',
  ReopenedEvent: 'reopened',
  RenamedTitleEvent: 'renamed',
};

/** GraphQL's Issue as the REST JSON the rest of the sync reads; null when a required field is missing. */
function toRestIssue(node: Json, totalComments: number): GitHubIssue | null {
  const number = node['number'];
  const updatedAt = str(node['updatedAt']);
  const createdAt = str(node['createdAt']);
  const url = str(node['url']);
  const labels = isObject(node['labels']) && Array.isArray(node['labels']['nodes']) ? node['labels']['nodes'] : null;
  if (typeof number !== 'number' || !updatedAt || !createdAt || !url || !labels || typeof node['title'] !== 'string') return null;
  const assignees = isObject(node['assignees']) && Array.isArray(node['assignees']['nodes']) ? node['assignees']['nodes'] : [];
  return {
    number,
    title: node['title'],
    body: str(node['body']),
    html_url: url,
    state: lower(node['state']) ?? 'open',
    state_reason: lower(node['stateReason']),
    labels: labels.flatMap((l) => (isObject(l) && typeof l['name'] === 'string' ? [{ name: l['name'] }] : [])),
    user: user(node['author']),
    assignees: assignees.map(user),
    created_at: createdAt,
    updated_at: updatedAt,
    closed_at: str(node['closedAt']),
    comments: totalComments,
  };
}

function toComment(node: unknown): GitHubComment | null {
  if (!isObject(node) || typeof node['databaseId'] !== 'number' || !str(node['createdAt'])) return null;
  return {
    id: node['databaseId'],
    user: user(node['author']),
    body: str(node['body']),
    created_at: node['createdAt'] as string,
    updated_at: str(node['updatedAt']) ?? (node['createdAt'] as string),
    html_url: str(node['url']) ?? '',
  };
}

function toEvent(node: unknown, position: number): GitHubIssueEvent | null {
  if (!isObject(node) || typeof node['__typename'] !== 'string' || !str(node['createdAt'])) return null;
  const event = EVENT_NAMES[node['__typename']];
  if (!event) return null;
  const result: GitHubIssueEvent = { id: position, event, actor: user(node['actor']), created_at: node['createdAt'] as string };
  if (isObject(node['label']) && typeof node['label']['name'] === 'string') result.label = { name: node['label']['name'] };
  if ('assignee' in node) result.assignee = user(node['assignee']);
  if ('stateReason' in node) result.state_reason = lower(node['stateReason']);
  const from = str(node['previousTitle']);
  const to = str(node['currentTitle']);
  if (from !== null && to !== null) result.rename = { from, to };
  return result;
}

interface Connection {
  nodes: unknown[];
  more: boolean;
  total: number;
}

function connection(value: unknown): Connection | null {
  if (!isObject(value) || !Array.isArray(value['nodes'])) return null;
  const more = isObject(value['pageInfo']) && value['pageInfo']['hasNextPage'] === true;
  const total = typeof value['totalCount'] === 'number' ? value['totalCount'] : value['nodes'].length;
  return { nodes: value['nodes'], more, total };
}

/** One node of the answer as a result; null when the answer is not shaped as asked. */
function readNode(node: unknown, item: BatchItem, repository: string): BatchResult | null {
  if (node === null) return { kind: 'missing', number: item.number };
  if (!isObject(node) || node['__typename'] !== 'Issue') return node && isObject(node) ? { kind: 'missing', number: item.number } : null;
  const home = isObject(node['repository']) ? str(node['repository']['nameWithOwner']) : null;
  if (home !== null && home.toLowerCase() !== repository.toLowerCase()) return { kind: 'missing', number: item.number };
  const comments = connection(node['comments']);
  const timeline = connection(node['timelineItems']);
  if (!comments || !timeline) return null;
  const fromGraphql = toRestIssue(node, comments.total);
  const issue = item.issue ?? fromGraphql;
  if (!issue || fromGraphql?.number !== item.number) return null;
  if (comments.more || timeline.more) return { kind: 'overflow', issue };
  const parsedComments = comments.nodes.map(toComment);
  if (parsedComments.some((c) => c === null)) return null;
  const events = timeline.nodes.flatMap((n, i) => toEvent(n, i + 1) ?? []);
  const edits =
    isObject(node['userContentEdits']) && Array.isArray(node['userContentEdits']['nodes']) ? toRawBodyEdits(node['userContentEdits']['nodes']) : null;
  if (!edits) return null;
  return { kind: 'fetched', issue, comments: parsedComments as GitHubComment[], events, bodyEdits: edits };
}

/** The shape of @octokit/graphql's GraphqlResponseError, read structurally. */
interface GraphqlError {
  type?: string;
  message?: string;
  path?: (string | number)[];
}

function isNodeNotFound(e: GraphqlError): boolean {
  return e.type === 'NOT_FOUND' && Array.isArray(e.path) && e.path[0] === 'nodes';
}

/** Raised as a REST rate limit would be: what ran out, when it resets, that the snapshot was kept. */
function rateLimited(errors: readonly GraphqlError[], stats: RequestStats, cause: unknown): GitHubError {
  const reset = stats.rateLimit?.reset;
  const when = reset ? `resets at ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC` : 'resets within the hour';
  const detail = `GraphQL rate limit used up (${errors.map((e) => e.message ?? e.type).join('; ')})`;
  return new GitHubError('POST /graphql (issueDetails)', 200, detail, `The rate limit ${when}; the previous snapshot was kept. Run again after that.`, {
    cause,
  });
}

/**
 * Details of `items` (at most MAX_BATCH) in one request, in the same order. GraphQL errors other
 * than a node not found throw (see graphqlFailure in write-errors.ts, and `rateLimited` above).
 */
export async function fetchBatch(octokit: GitHubClient, repository: string, items: readonly BatchItem[], stats: RequestStats): Promise<BatchResult[]> {
  if (items.length > MAX_BATCH) throw new RangeError(`at most ${MAX_BATCH} issues per batch`);
  let data: unknown;
  try {
    data = await octokit.graphql(ISSUE_DETAILS_QUERY, { ids: items.map((i) => i.nodeId) });
  } catch (error) {
    const errors = (error as { errors?: GraphqlError[] }).errors;
    const partial = (error as { data?: unknown }).data;
    if (!Array.isArray(errors) || typeof (error as { status?: unknown }).status === 'number') throw error;
    if (errors.some((e) => e.type === 'RATE_LIMITED')) throw rateLimited(errors, stats, error);
    if (!errors.every(isNodeNotFound) || !isObject(partial)) throw error;
    data = partial;
  }
  const nodes = isObject(data) ? data['nodes'] : undefined;
  const what = `POST /graphql (issueDetails of ${items.length} issues)`;
  if (!Array.isArray(nodes) || nodes.length !== items.length) throw malformedResponse(what, 'one node per issue id asked');
  return items.map((item, i) => {
    const result = readNode(nodes[i], item, repository);
    if (!result) throw malformedResponse(what, `issue #${item.number} with its comments and timelineItems`);
    return result;
  });
}

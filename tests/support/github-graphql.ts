/**
 * GitHub's GraphQL endpoint for the test server, as far as pinned issues go: the `pinnedIssues`
 * connection of a repository and the `pinIssue` / `unpinIssue` mutations. It is no GraphQL engine:
 * it recognises the documents by the fields they name and answers in GitHub's shapes — HTTP 200
 * with `errors` (type FORBIDDEN, NOT_FOUND…) for refusals, as GitHub does. An unknown document gets
 * an error, so a client sending something new fails loudly instead of passing by accident.
 *
 * https://docs.github.com/en/graphql/reference/mutations#pinissue
 */
import { isIssueNodesQuery, issueNodesQuery } from './github-graphql-issues.ts';
import { type FakeGitHubRepo, MAX_PINNED } from './github-repo.ts';
import type { GitHubTestServer, RouteResult } from './github-server.ts';

interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** `mutation pinIssue`, `query pinnedIssues`, or `unknown`: what the request log records. */
export function describeGraphqlOperation(body: unknown): string {
  const { query } = readRequest(body);
  const kind = /^\s*mutation\b/.test(query) ? 'mutation' : 'query';
  if (isIssueNodesQuery(query)) return `${kind} nodes`; // before userContentEdits, which it asks too
  const field = ['unpinIssue', 'pinIssue', 'pinnedIssues', 'userContentEdits'].find((name) => new RegExp(`\\b${name}\\b`).test(query));
  return field ? `${kind} ${field}` : 'unknown';
}

function readRequest(body: unknown): GraphqlRequest {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const variables = typeof record['variables'] === 'object' && record['variables'] !== null ? (record['variables'] as Record<string, unknown>) : {};
  return { query: typeof record['query'] === 'string' ? record['query'] : '', variables };
}

const ok = (data: unknown): RouteResult => ({ status: 200, body: { data } });
const failed = (field: string, type: string, message: string): RouteResult => ({
  status: 200,
  body: { data: { [field]: null }, errors: [{ type, path: [field], locations: [{ line: 2, column: 3 }], message }] },
});

/** Issue node ids are `I_<number>` (see issueJson); the first repository holding it wins. */
function findIssueByNodeId(server: GitHubTestServer, id: unknown): { repo: FakeGitHubRepo; number: number } | null {
  const number = typeof id === 'string' ? Number(/^I_(\d+)$/.exec(id)?.[1]) : NaN;
  for (const repo of server.repos.values()) {
    const issue = repo.issues.get(number);
    if (issue && !issue.deleted && !issue.transferredTo) return { repo, number };
  }
  return null;
}

function pinMutation(server: GitHubTestServer, field: 'pinIssue' | 'unpinIssue', variables: Record<string, unknown>): RouteResult {
  const issueId = variables['issueId'];
  const target = findIssueByNodeId(server, issueId);
  if (!target) return failed(field, 'NOT_FOUND', `Could not resolve to a node with the global id of '${String(issueId)}'`);
  const { repo, number } = target;
  if (!repo.tokenCan.pin) return failed(field, 'FORBIDDEN', 'Resource not accessible by integration');
  if (field === 'pinIssue') {
    // The wording of this refusal is the test server's own; clients must not depend on it.
    if (!repo.pinned.includes(number) && repo.pinned.length >= MAX_PINNED)
      return failed(field, 'UNPROCESSABLE', `A repository can have at most ${MAX_PINNED} pinned issues`);
    repo.pin(number);
  } else {
    repo.unpin(number);
  }
  return ok({ [field]: { issue: { number } } });
}

/** An issue's body versions, newest first as GitHub lists them; `diff` holds each version's whole text. */
function bodyEditsQuery(server: GitHubTestServer, variables: Record<string, unknown>): RouteResult {
  const repo = server.repos.get(`${String(variables['owner'])}/${String(variables['name'])}`.toLowerCase());
  const issue = repo?.issues.get(Number(variables['number']));
  if (!repo || !issue || issue.deleted)
    return failed('repository', 'NOT_FOUND', `Could not resolve to an Issue with the number of ${String(variables['number'])}.`);
  const nodes = [...(issue.edits ?? [])].reverse().map((e) => ({ editedAt: e.editedAt, editor: e.editor ? { login: e.editor } : null, diff: e.body ?? '' }));
  return ok({ repository: { issue: { userContentEdits: { nodes } } } });
}

export function installGraphqlRoute(server: GitHubTestServer): void {
  const handler = ({ body, authenticated }: { body: unknown; authenticated: boolean }): RouteResult => {
    if (!authenticated)
      return { status: 401, body: { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql' } };
    const { query, variables } = readRequest(body);
    const operation = describeGraphqlOperation(body);
    if (operation === 'mutation pinIssue') return pinMutation(server, 'pinIssue', variables);
    if (operation === 'mutation unpinIssue') return pinMutation(server, 'unpinIssue', variables);
    if (operation === 'query pinnedIssues') {
      const repo = server.repos.get(`${String(variables['owner'])}/${String(variables['name'])}`.toLowerCase());
      if (!repo)
        return failed(
          'repository',
          'NOT_FOUND',
          `Could not resolve to a Repository with the name '${String(variables['owner'])}/${String(variables['name'])}'.`,
        );
      return ok({ repository: { pinnedIssues: { nodes: repo.pinned.map((number) => ({ issue: { number, id: `I_${number}` } })) } } });
    }
    if (operation === 'query userContentEdits') return bodyEditsQuery(server, variables);
    if (operation === 'query nodes') return issueNodesQuery(server, query, variables);
    return { status: 200, body: { errors: [{ message: `The test server does not know this GraphQL document: ${query.slice(0, 120)}` }] } };
  };
  // github.com serves GraphQL at /graphql; GitHub Enterprise Server at /api/graphql.
  server.route('POST', '/graphql', handler, true);
  server.route('POST', '/api/graphql', handler, true);
}

/**
 * The REST endpoints `npm run notify` writes the subscribe issues through, for the test server:
 * create an issue and lock it. Like github-write-routes.ts: a token is needed, and
 * `repo.tokenCan.issues = false` answers 403. Locks are kept here (`lockedIssues(repo)`).
 */
import { issueJson } from './github-json.ts';
import type { FakeGitHubRepo } from './github-repo.ts';
import type { GitHubTestServer, RouteHandler, RouteResult } from './github-server.ts';

const DOCS = 'https://docs.github.com/rest';
const locks = new WeakMap<FakeGitHubRepo, Set<number>>();

/** Issue numbers locked through the API. */
export function lockedIssues(repo: FakeGitHubRepo): Set<number> {
  const set = locks.get(repo) ?? new Set<number>();
  locks.set(repo, set);
  return set;
}

function guard(write: (repo: FakeGitHubRepo, params: Record<string, string>, body: Record<string, unknown>) => RouteResult): RouteHandler {
  return ({ repo, params, body, authenticated }) => {
    if (!authenticated) return { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS } };
    if (!repo!.tokenCan.issues) return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } };
    return write(repo!, params, typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {});
  };
}

export function installIssueRoutes(server: GitHubTestServer): void {
  // https://docs.github.com/en/rest/issues/issues#create-an-issue
  server.route(
    'POST',
    '/repos/:owner/:repo/issues',
    guard((repo, _params, body) => {
      if (typeof body['title'] !== 'string' || body['title'] === '') {
        return {
          status: 422,
          body: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }], documentation_url: DOCS },
        };
      }
      // Labels given at creation are applied (and recorded as labeled events by the creator, as GitHub does).
      const labels = Array.isArray(body['labels']) ? body['labels'].filter((l): l is string => typeof l === 'string') : [];
      const issue = repo.addIssue({ title: body['title'], body: typeof body['body'] === 'string' ? body['body'] : null, user: server.actor, labels });
      return { status: 201, body: issueJson(server.url, repo, issue) };
    }),
    true,
  );

  // https://docs.github.com/en/rest/issues/issues#lock-an-issue — 204 No Content.
  server.route(
    'PUT',
    '/repos/:owner/:repo/issues/:number/lock',
    guard((repo, params) => {
      const issue = repo.issues.get(Number(params['number']));
      if (!issue) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
      lockedIssues(repo).add(issue.number);
      return { status: 204 };
    }),
    true,
  );
}

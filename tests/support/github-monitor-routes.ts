/**
 * What `npm run monitor` speaks, for the test server: issue creation and update (close, reopen),
 * the Actions workflow-runs listing, and the workflow enable endpoint (the 60-day keepalive).
 * Writes go through the same token checks as the other write routes; issues are created as
 * `server.actor` (github-actions[bot] by default), as GITHUB_TOKEN creates them.
 */
import { issueJson } from './github-json.ts';
import type { FakeGitHubRepo } from './github-repo.ts';
import type { GitHubTestServer, RouteContext, RouteHandler, RouteResult } from './github-server.ts';

const DOCS = 'https://docs.github.com/rest';
const notFound = (): RouteResult => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });

/** A workflow of a fake repository, with its runs (newest first) and its enabled state. */
export interface FakeWorkflow {
  id: number;
  path: string;
  state: 'active' | 'disabled_inactivity' | 'disabled_manually';
  runs: { id: number; head_branch: string; status: string; conclusion: string | null; updated_at: string }[];
  /** Times the enable endpoint was called. */
  enabled: number;
}

const workflows = new WeakMap<FakeGitHubRepo, FakeWorkflow[]>();
let nextRunId = 7_000_000;

/** The workflow with file name `file` in `repo`, created on first use. */
export function workflowOf(repo: FakeGitHubRepo, file: string): FakeWorkflow {
  const list = workflows.get(repo) ?? [];
  workflows.set(repo, list);
  const found = list.find((w) => w.path.endsWith(`/${file}`));
  if (found) return found;
  const created: FakeWorkflow = { id: 100 + list.length, path: `.github/workflows/${file}`, state: 'active', runs: [], enabled: 0 };
  list.push(created);
  return created;
}

/** Adds a run (newest first), finished `at`. */
export function addRun(repo: FakeGitHubRepo, file: string, run: { branch?: string; status?: string; conclusion: string | null; at: string }): void {
  workflowOf(repo, file).runs.unshift({
    id: nextRunId++,
    head_branch: run.branch ?? 'main',
    status: run.status ?? 'completed',
    conclusion: run.conclusion,
    updated_at: run.at,
  });
}

function findWorkflow(repo: FakeGitHubRepo, idOrFile: string): FakeWorkflow | undefined {
  const list = workflows.get(repo) ?? [];
  return list.find((w) => String(w.id) === idOrFile || w.path.endsWith(`/${idOrFile}`));
}

function guard(write: (ctx: RouteContext & { repo: FakeGitHubRepo }) => RouteResult): RouteHandler {
  return (ctx) => {
    if (!ctx.authenticated) return { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS } };
    if (!ctx.repo!.tokenCan.issues) return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } };
    return write({ ...ctx, repo: ctx.repo! });
  };
}

const fields = (ctx: { body: unknown }): Record<string, unknown> =>
  typeof ctx.body === 'object' && ctx.body !== null ? (ctx.body as Record<string, unknown>) : {};

export function installMonitorRoutes(server: GitHubTestServer): void {
  const api = () => server.url;

  // Creating an issue (with labels): tests/support/github-issue-routes.ts.

  // https://docs.github.com/en/rest/issues/issues#update-an-issue — state and state_reason only.
  server.route(
    'PATCH',
    '/repos/:owner/:repo/issues/:number',
    guard(({ repo, params, ...ctx }) => {
      const issue = repo.issues.get(Number(params['number']));
      if (!issue || issue.deleted) return notFound();
      const { state, state_reason: reason } = fields(ctx);
      if (state === 'closed' && issue.state === 'open') repo.close(issue.number, server.actor, reason === 'not_planned' ? 'not_planned' : 'completed');
      if (state === 'open' && issue.state === 'closed') repo.reopen(issue.number, server.actor);
      return { status: 200, body: issueJson(api(), repo, issue) };
    }),
    true,
  );

  // https://docs.github.com/en/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow
  server.route(
    'GET',
    '/repos/:owner/:repo/actions/workflows/:workflow/runs',
    ({ repo, params, query }) => {
      const workflow = findWorkflow(repo!, params['workflow'] ?? '');
      if (!workflow) return notFound();
      const branch = query.get('branch');
      const perPage = Math.min(100, Number(query.get('per_page')) || 30);
      const runs = workflow.runs.filter((r) => !branch || r.head_branch === branch);
      return {
        status: 200,
        body: {
          total_count: runs.length,
          workflow_runs: runs.slice(0, perPage).map((r) => ({
            id: r.id,
            workflow_id: workflow.id,
            head_branch: r.head_branch,
            status: r.status,
            conclusion: r.conclusion,
            created_at: r.updated_at,
            updated_at: r.updated_at,
            html_url: `https://github.com/${repo!.fullName}/actions/runs/${r.id}`,
          })),
        },
      };
    },
    true,
  );

  // https://docs.github.com/en/rest/actions/workflows#enable-a-workflow — 204, needs actions: write.
  server.route(
    'PUT',
    '/repos/:owner/:repo/actions/workflows/:workflow/enable',
    ({ repo, params, authenticated }) => {
      if (!authenticated) return { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS } };
      if (!repo!.tokenCan.actions) return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } };
      const workflow = findWorkflow(repo!, params['workflow'] ?? '');
      if (!workflow) return notFound();
      workflow.state = 'active';
      workflow.enabled++;
      return { status: 204 };
    },
    true,
  );
}

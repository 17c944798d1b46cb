/**
 * The REST endpoints `npm run announce` and `npm run labels` write through, for the test server:
 * issue comments (create, edit, delete) and labels (list, create, update). Writes need a token, and answer
 * 403 like GitHub does when the token lacks `issues: write` (`repo.tokenCan.issues = false`).
 */
import { commentJson, labelJson } from './github-json.ts';
import type { FakeGitHubRepo } from './github-repo.ts';
import type { GitHubTestServer, RouteContext, RouteHandler, RouteResult } from './github-server.ts';

const DOCS = 'https://docs.github.com/rest';
const notFound = (): RouteResult => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });
const invalid = (message: string, field: string, code = 'invalid'): RouteResult => ({
  status: 422,
  body: { message: 'Validation Failed', errors: [{ resource: 'Label', code, field, message }], documentation_url: DOCS },
});

/** 401 without a token, 403 when the token may not write issues; otherwise runs `write`. */
function writeGuard(write: (ctx: RouteContext & { repo: FakeGitHubRepo }) => RouteResult): RouteHandler {
  return (ctx) => {
    if (!ctx.authenticated) return { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS } };
    if (!ctx.repo!.tokenCan.issues) return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } };
    return write({ ...ctx, repo: ctx.repo! });
  };
}

const bodyOf = (ctx: { body: unknown }): Record<string, unknown> =>
  typeof ctx.body === 'object' && ctx.body !== null ? (ctx.body as Record<string, unknown>) : {};
const HEX = /^[0-9a-fA-F]{6}$/;

export function installWriteRoutes(server: GitHubTestServer): void {
  const api = () => server.url;

  // https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
  server.route(
    'POST',
    '/repos/:owner/:repo/issues/:number/comments',
    writeGuard(({ repo, params, ...ctx }) => {
      const issue = repo.issues.get(Number(params['number']));
      if (!issue || issue.transferredTo) return notFound();
      if (issue.deleted) return { status: 410, body: { message: 'This issue was deleted' } };
      const text = bodyOf(ctx)['body'];
      if (typeof text !== 'string' || text === '') return invalid('body is missing', 'body', 'missing_field');
      return { status: 201, body: commentJson(api(), repo, repo.comment(issue.number, server.actor, text)) };
    }),
    true,
  );

  // https://docs.github.com/en/rest/issues/comments#update-an-issue-comment
  server.route(
    'PATCH',
    '/repos/:owner/:repo/issues/comments/:id',
    writeGuard(({ repo, params, ...ctx }) => {
      const comment = repo.comments.find((c) => c.id === Number(params['id']));
      if (!comment) return notFound();
      const text = bodyOf(ctx)['body'];
      if (typeof text !== 'string' || text === '') return invalid('body is missing', 'body', 'missing_field');
      repo.editComment(comment.id, text);
      return { status: 200, body: commentJson(api(), repo, comment) };
    }),
    true,
  );

  // https://docs.github.com/en/rest/issues/comments#delete-an-issue-comment (respond removes its own duplicate page)
  server.route(
    'DELETE',
    '/repos/:owner/:repo/issues/comments/:id',
    writeGuard(({ repo, params }) => {
      if (!repo.comments.some((c) => c.id === Number(params['id']))) return notFound();
      repo.deleteComment(Number(params['id']));
      return { status: 204 };
    }),
    true,
  );

  // https://docs.github.com/en/rest/issues/labels#list-labels-for-a-repository
  server.route(
    'GET',
    '/repos/:owner/:repo/labels',
    ({ repo }) => ({ status: 200, body: [...repo!.labels.keys()].map((name) => labelJson(api(), repo!, name)), paginate: true }),
    true,
  );

  // https://docs.github.com/en/rest/issues/labels#create-a-label
  server.route(
    'POST',
    '/repos/:owner/:repo/labels',
    writeGuard(({ repo, ...ctx }) => {
      const { name, color, description } = bodyOf(ctx);
      if (typeof name !== 'string' || name === '') return invalid('name is missing', 'name', 'missing_field');
      if (repo.findLabel(name)) return invalid('name already exists', 'name', 'already_exists');
      if (typeof color !== 'string' || !HEX.test(color)) return invalid('color is invalid', 'color');
      if (typeof description === 'string' && description.length > 100) return invalid('description is too long (maximum is 100 characters)', 'description');
      repo.labels.set(name, { color, description: typeof description === 'string' ? description : '' });
      return { status: 201, body: labelJson(api(), repo, name) };
    }),
    true,
  );

  // https://docs.github.com/en/rest/issues/labels#update-a-label — :name matches case-insensitively.
  server.route(
    'PATCH',
    '/repos/:owner/:repo/labels/:name',
    writeGuard(({ repo, params, ...ctx }) => {
      const found = repo.findLabel(params['name'] ?? '');
      if (!found) return notFound();
      const [name, current] = found;
      const { new_name: newName, color, description } = bodyOf(ctx);
      if (color !== undefined && (typeof color !== 'string' || !HEX.test(color))) return invalid('color is invalid', 'color');
      if (typeof description === 'string' && description.length > 100) return invalid('description is too long (maximum is 100 characters)', 'description');
      const next = {
        color: typeof color === 'string' ? color : current.color,
        description: typeof description === 'string' ? description : current.description,
      };
      const finalName = typeof newName === 'string' && newName !== '' ? newName : name;
      repo.labels.delete(name);
      repo.labels.set(finalName, next);
      return { status: 200, body: labelJson(api(), repo, finalName) };
    }),
    true,
  );
}

/**
 * A 403 from the permission endpoint means the token may not ask who has write access. Taking
 * that as "nobody is trusted" emptied the page ("All systems operational", no warning); now the
 * sync stops, says which permission is missing, and the previous snapshot (with its cached
 * answers) is kept (issue #10, item 6).
 */
import { describeEndpoint, GitHubError } from './errors.ts';

export function permissionRefused(error: unknown, repository: string): GitHubError {
  const { request, message } = error as { request?: { method?: string; url?: string }; message?: string };
  return new GitHubError(
    describeEndpoint(request?.method, request?.url),
    403,
    (message ?? 'Forbidden').replace(/ - https:\/\/docs\.github\.com\S*$/, ''),
    `The token may not read collaborators' permissions on ${repository}, so nobody could be trusted: it needs "metadata: read" (fine-grained token or GitHub App) or the "repo" scope (classic token) and access to the repository. The sync stopped; the previous snapshot and its cached permissions were kept.`,
    { cause: error },
  );
}

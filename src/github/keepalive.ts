/**
 * The 60-day rule: GitHub disables scheduled workflows in a public repository after 60 days without
 * repository activity, and a status repository that only syncs never commits. Enabling the workflow
 * through the API (`PUT /repos/{owner}/{repo}/actions/workflows/{id}/enable`, `actions: write`) keeps
 * it active without commits — the method gautamkrishnar/keepalive-workflow v2 switched to.
 * https://docs.github.com/en/rest/actions/workflows#enable-a-workflow
 */
import { type ClientDefaultsOptions, createClientWithDefaults } from './client.ts';
import { GitHubError, toGitHubError } from './errors.ts';
import { parseRepo } from './fetchers.ts';

/** The workflow file from GITHUB_WORKFLOW_REF (`owner/repo/.github/workflows/status.yml@refs/heads/main`). */
export function workflowFromRef(ref: string | undefined): string | null {
  const match = /\.github\/workflows\/([^/@]+)@/.exec(ref ?? '');
  return match?.[1] ?? null;
}

export interface KeepaliveOptions extends ClientDefaultsOptions {
  repository: string;
  /** File name (status.yml) or numeric id. */
  workflow: string;
}

export async function keepWorkflowEnabled(options: KeepaliveOptions): Promise<{ endpoint: string; requests: number }> {
  const { octokit, stats, timeoutMs } = createClientWithDefaults(options);
  const { owner, repo } = parseRepo(options.repository);
  const endpoint = `PUT /repos/${owner}/${repo}/actions/workflows/${options.workflow}/enable`;
  try {
    await octokit.request('PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable', { owner, repo, workflow_id: options.workflow });
  } catch (error) {
    const failure = toGitHubError(error, { repository: options.repository, timeoutMs, authenticated: Boolean(options.token) });
    if (failure.status === 403)
      throw new GitHubError(failure.endpoint, 403, failure.detail, 'The token may not enable workflows: give the job `permissions: actions: write`.', {
        cause: error,
      });
    throw failure;
  }
  return { endpoint, requests: stats.requests };
}

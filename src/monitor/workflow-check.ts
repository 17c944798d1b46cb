/**
 * One attempt of a `workflow` monitor: the Actions runs API for the workflow on its branch.
 * https://docs.github.com/en/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow
 */

import type { GitHubClient } from '../github/client.ts';
import { classifyWorkflowRuns } from '../lib/monitor/result.ts';
import type { WorkflowCheck } from '../lib/schema/monitors.ts';
import type { Attempt } from './http-check.ts';
import { describeNetworkError } from './network-error.ts';

interface RunJson {
  status: string | null;
  conclusion: string | null;
  updated_at: string;
  html_url: string;
}

export async function checkWorkflowOnce(check: WorkflowCheck, octokit: GitHubClient, apiHost: string, now: Date): Promise<Attempt> {
  const [owner = '', repo = ''] = check.repository.split('/');
  const started = performance.now();
  try {
    const response = await octokit.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
      owner,
      repo,
      workflow_id: check.workflow,
      branch: check.branch,
      per_page: 30,
    });
    const latencyMs = Math.round(performance.now() - started);
    const runs = (response.data.workflow_runs as RunJson[]).map((r) => ({
      status: r.status ?? '',
      conclusion: r.conclusion,
      updatedAt: r.updated_at,
      url: r.html_url,
    }));
    return { ...classifyWorkflowRuns(runs, check.branch, check.maxAgeHours, now), latencyMs, host: apiHost };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && (error as { response?: unknown }).response) {
      return {
        outcome: 'failed',
        reason: 'http-status',
        httpStatus: status,
        detail: `Actions API answered HTTP ${status} for ${check.workflow}`,
        latencyMs: null,
        host: apiHost,
      };
    }
    const { reason, detail } = describeNetworkError(error);
    return { outcome: 'failed', reason, detail, latencyMs: null, host: apiHost };
  }
}

/**
 * `npm run keepalive`: re-enables this workflow through the Actions API so GitHub's 60-day
 * inactivity rule never switches the schedule off (see src/github/keepalive.ts). The scheduled run
 * calls it every time: one request, no commit.
 *
 * Environment: GITHUB_TOKEN (actions: write), GITHUB_REPOSITORY, GITHUB_API_URL, and the workflow
 * as SITREP_WORKFLOW (file name or id) or, in Actions, GITHUB_WORKFLOW_REF.
 */
import { keepWorkflowEnabled, workflowFromRef } from '../src/github/keepalive.ts';
import { InputError } from '../src/lib/errors.ts';
import { githubEnv, runCli } from './lib/cli.ts';

const USAGE = `Usage: npm run keepalive
  Re-enables the workflow named by SITREP_WORKFLOW (or GITHUB_WORKFLOW_REF in Actions).`;

runCli({ name: 'keepalive', usage: USAGE, options: {} }, async () => {
  const env = process.env;
  const repository = env['GITHUB_REPOSITORY']?.trim();
  if (!repository) throw new InputError('GITHUB_REPOSITORY is not set (owner/repo of the workflow to keep enabled)', 'GITHUB_REPOSITORY');
  const workflow = env['SITREP_WORKFLOW']?.trim() || workflowFromRef(env['GITHUB_WORKFLOW_REF']);
  if (!workflow) throw new InputError('Set SITREP_WORKFLOW to the workflow file (e.g. status.yml); GITHUB_WORKFLOW_REF is not set either', 'SITREP_WORKFLOW');
  const { token, apiUrl, throttle } = githubEnv(env);
  if (!token) throw new InputError('GITHUB_TOKEN is not set: enabling a workflow needs a token with actions: write', 'GITHUB_TOKEN');
  const result = await keepWorkflowEnabled({ token, apiUrl, throttle, repository, workflow });
  console.log(`Kept ${repository}'s workflow ${workflow} enabled (${result.endpoint}).`);
  return 0;
});

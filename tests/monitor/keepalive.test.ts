/** `npm run keepalive` against the test GitHub server's workflow enable endpoint. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { workflowFromRef } from '../../src/github/keepalive.ts';
import { workflowOf } from '../support/github-monitor-routes.ts';
import { type GitHubTestServer, startGitHubServer } from '../support/github-server.ts';
import { runScript } from '../support/run-script.ts';

let github: GitHubTestServer;

beforeAll(async () => {
  github = await startGitHubServer();
  const workflow = workflowOf(github.repo('acme/status'), 'status.yml');
  workflow.state = 'disabled_inactivity';
});

afterAll(async () => {
  await github?.close();
});

describe('npm run keepalive', () => {
  test.each([
    { ref: 'acme/status/.github/workflows/status.yml@refs/heads/main', file: 'status.yml' },
    { ref: 'acme/status/.github/workflows/nested.name.yaml@refs/tags/v1', file: 'nested.name.yaml' },
    { ref: undefined, file: null },
  ])('workflow from GITHUB_WORKFLOW_REF $ref', ({ ref, file }) => {
    expect(workflowFromRef(ref)).toBe(file);
  });

  test('enables the workflow named by GITHUB_WORKFLOW_REF, with one request', async () => {
    const env = {
      GITHUB_TOKEN: 't',
      GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: 'acme/status',
      GITHUB_WORKFLOW_REF: 'acme/status/.github/workflows/status.yml@refs/heads/main',
    };
    const result = await runScript('scripts/keepalive.ts', [], env);
    expect(result.code, result.stderr).toBe(0);
    const workflow = workflowOf(github.repo('acme/status'), 'status.yml');
    expect(workflow).toMatchObject({ state: 'active', enabled: 1 });
    expect(github.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([`PUT /repos/acme/status/actions/workflows/status.yml/enable 204`]);
  });

  test('a token without actions: write fails with the permission to add', async () => {
    github.repo('acme/status').tokenCan.actions = false;
    const result = await runScript('scripts/keepalive.ts', [], {
      GITHUB_TOKEN: 't',
      GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: 'acme/status',
      SITREP_WORKFLOW: 'status.yml',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('actions: write');
  });
});

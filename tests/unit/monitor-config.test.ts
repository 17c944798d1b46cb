import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../src/data/load-config.ts';
import { configProblems } from '../support/config-text.ts';

const BASE = `title: T
description: D
repository: acme/widgets
site: https://acme.github.io/status
components:
  - id: website
    name: Website
  - id: cli
    name: CLI
  - id: npm-packages
    name: npm packages
`;

function problemsOf(yaml: string): readonly string[] {
  return configProblems(BASE + yaml);
}

describe('monitors: in content/status.yml', () => {
  test('the issue example parses, with defaults filled in', () => {
    const config = parseConfigText(
      `${BASE}monitors:
  - id: homepage
    name: Homepage
    component: website
    http: { url: "https://example.org/", contains: "Welcome" }
  - id: release
    name: Release workflow
    component: cli
    severity: P1
    workflow: { repository: example/project, workflow: release.yml, branch: main }
  - id: cli-package
    name: CLI on npm
    component: npm-packages
    severity: P0
    npm: { package: "@example/cli" }
`,
      'status.yml',
    );
    expect(config.failuresToOpen).toBe(2);
    expect(config.successesToClose).toBe(2);
    expect(config.monitors[0]).toEqual({
      id: 'homepage',
      name: 'Homepage',
      component: 'website',
      severity: 'P1',
      http: { url: 'https://example.org/', method: 'GET', contains: 'Welcome', timeoutSeconds: 10, headers: {} },
    });
    expect(config.monitors[2]?.npm).toEqual({ package: '@example/cli', tag: 'latest', registry: 'https://registry.npmjs.org' });
    expect(config.monitors[1]?.workflow).toEqual({ repository: 'example/project', workflow: 'release.yml', branch: 'main' });
  });

  test('no monitors key: an empty list', () => {
    expect(parseConfigText(BASE, 'status.yml').monitors).toEqual([]);
  });

  test('every http option, per-monitor and global thresholds', () => {
    const config = parseConfigText(
      `${BASE}failuresToOpen: 3
successesToClose: 4
monitors:
  - id: api
    name: API
    component: website
    failuresToOpen: 1
    http:
      url: https://api.example.org/health
      method: HEAD
      expectedStatus: [200, 204]
      timeoutSeconds: 5
      slowAfterMs: 800
      headers: { Authorization: STATUS_TOKEN }
`,
      'status.yml',
    );
    expect(config).toMatchObject({ failuresToOpen: 3, successesToClose: 4 });
    expect(config.monitors[0]).toMatchObject({
      failuresToOpen: 1,
      http: { method: 'HEAD', expectedStatus: [200, 204], timeoutSeconds: 5, slowAfterMs: 800, headers: { Authorization: 'STATUS_TOKEN' } },
    });
  });

  test.each([
    {
      name: 'unknown component',
      yaml: 'monitors:\n  - { id: a, name: A, component: nope, http: { url: "https://x.org" } }\n',
      problem: /^monitors\.0\.component: unknown component "nope"; expected one of "website", "cli", "npm-packages"$/,
    },
    {
      name: 'duplicate id',
      yaml: 'monitors:\n  - { id: a, name: A, component: cli, http: { url: "https://x.org" } }\n  - { id: a, name: B, component: cli, http: { url: "https://y.org" } }\n',
      problem: /^monitors\.1\.id: duplicate monitor id "a"$/,
    },
    { name: 'no kind', yaml: 'monitors:\n  - { id: a, name: A, component: cli }\n', problem: /^monitors\.0: give the monitor one kind/ },
    {
      name: 'two kinds',
      yaml: 'monitors:\n  - { id: a, name: A, component: cli, http: { url: "https://x.org" }, npm: { package: x } }\n',
      problem: /^monitors\.0: a monitor has exactly one kind, this one has `http` and `npm`/,
    },
    {
      name: 'bad method',
      yaml: 'monitors:\n  - { id: a, name: A, component: cli, http: { url: "https://x.org", method: POST } }\n',
      problem: /^monitors\.0\.http\.method: expected one of "GET", "HEAD"/,
    },
    {
      name: 'non-http url',
      yaml: 'monitors:\n  - { id: a, name: A, component: cli, http: { url: "ftp://x.org" } }\n',
      problem: /^monitors\.0\.http\.url: expected an http/,
    },
    {
      name: 'a secret in the file',
      yaml: 'monitors:\n  - { id: a, name: A, component: cli, http: { url: "https://x.org", headers: { Authorization: "Bearer abc" } } }\n',
      problem: /^monitors\.0\.http\.headers\.Authorization: expected the NAME of an environment variable/,
    },
    {
      name: 'HEAD with contains',
      yaml: 'monitors:\n  - { id: a, name: A, component: cli, http: { url: "https://x.org", method: HEAD, contains: x } }\n',
      problem: /contains: `contains` needs method GET/,
    },
    {
      name: 'bad severity',
      yaml: 'monitors:\n  - { id: a, name: A, component: cli, severity: P3, npm: { package: x } }\n',
      problem: /^monitors\.0\.severity: expected one of "P0", "P1", "P2"/,
    },
    {
      name: 'bad repository',
      yaml: 'monitors:\n  - { id: a, name: A, component: cli, workflow: { repository: x, workflow: a.yml, branch: main } }\n',
      problem: /^monitors\.0\.workflow\.repository: expected "owner\/repo"/,
    },
    {
      name: 'unknown key',
      yaml: 'monitors:\n  - { id: a, name: A, component: cli, npm: { package: x, version: 1 } }\n',
      problem: /^monitors\.0\.npm: unknown key "version"/,
    },
    { name: 'zero failuresToOpen', yaml: 'failuresToOpen: 0\n', problem: /^failuresToOpen: / },
    { name: 'bad id', yaml: 'monitors:\n  - { id: "Home Page", name: A, component: cli, npm: { package: x } }\n', problem: /^monitors\.0\.id: use lowercase/ },
  ])('$name is reported with its key', ({ yaml, problem }) => {
    const problems = problemsOf(yaml);
    expect(
      problems.some((p) => problem.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });
});

import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveDataPaths, resolveOutDir, resolveProjectDir } from '../../src/data/paths.ts';

// The project folder (issue #14): the current directory, or SITREP_PROJECT; every adopter file is
// found from it, absolute overrides stay as they are.
describe('the project folder', () => {
  const cwd = process.cwd();
  test.each([
    { name: 'default: the current directory', env: {}, project: cwd, config: `${cwd}/content/status.yml`, out: `${cwd}/dist` },
    { name: 'SITREP_PROJECT', env: { SITREP_PROJECT: '/srv/acme' }, project: '/srv/acme', config: '/srv/acme/content/status.yml', out: '/srv/acme/dist' },
    {
      name: 'relative overrides are relative to the project folder',
      env: { SITREP_PROJECT: '/srv/acme', SITREP_CONFIG: 'conf/status.yml', SITREP_OUT_DIR: 'public-site' },
      project: '/srv/acme',
      config: '/srv/acme/conf/status.yml',
      out: '/srv/acme/public-site',
    },
    {
      name: 'absolute overrides stay',
      env: { SITREP_PROJECT: '/srv/acme', SITREP_CONFIG: '/etc/status.yml', SITREP_OUT_DIR: '/tmp/site' },
      project: '/srv/acme',
      config: '/etc/status.yml',
      out: '/tmp/site',
    },
    { name: 'a blank SITREP_PROJECT is unset', env: { SITREP_PROJECT: '  ' }, project: cwd, config: `${cwd}/content/status.yml`, out: `${cwd}/dist` },
  ])('$name', ({ env, project, config, out }) => {
    expect(resolveProjectDir(env)).toBe(path.resolve(project));
    expect(resolveDataPaths(env).config).toBe(path.resolve(config));
    expect(resolveDataPaths(env).snapshot).toBe(path.join(path.resolve(project), 'content/snapshot.json'));
    expect(resolveOutDir(env)).toBe(path.resolve(out));
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/data/load-config.ts';
import { InputError } from '../../src/lib/errors.ts';
import { MINIMAL_CONFIG } from '../support/config-text.ts';

const VALID = MINIMAL_CONFIG;

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('content/status.yml', () => {
  test('defaults fill in labels, threshold and maintainers', () => {
    const config = parseConfigText(VALID, 'status.yml');
    expect(config.labels).toEqual({
      incident: 'incident',
      severity: { P0: 'P0', P1: 'P1', P2: 'P2' },
      componentPrefix: 'component:',
      status: { investigating: 'investigating', identified: 'identified', monitoring: 'monitoring' },
      maintenance: 'maintenance',
      postmortem: 'postmortem',
      embargoed: 'embargoed',
    });
    expect(config).toMatchObject({ staleAfterMinutes: 30, maintainers: [], githubUrl: 'https://github.com' });
  });

  test.each([
    { name: 'missing key', text: VALID.replace('title: T\n', ''), problem: 'title: required, expected string' },
    { name: 'bad repository', text: VALID.replace('acme/widgets', 'acme'), problem: 'repository: expected "owner/repo"' },
    {
      name: 'bad component id',
      text: VALID.replace('id: cli', 'id: Big CLI'),
      problem: 'components.0.id: use lowercase letters, digits and dashes, e.g. "npm-packages"',
    },
    { name: 'duplicate component', text: `${VALID}  - id: cli\n    name: Again\n`, problem: 'components.1.id: duplicate component id "cli"' },
    { name: 'typo in a key', text: `${VALID}staleAfterMinute: 5\n`, problem: '(top level): unknown key "staleAfterMinute"' },
    { name: 'wrong type', text: `${VALID}staleAfterMinutes: soon\n`, problem: 'staleAfterMinutes: expected number, got string' },
    { name: 'bad site URL', text: VALID.replace('https://acme.github.io/status', 'acme.github.io'), problem: 'site: Invalid url' },
    {
      name: 'site with a scheme other than http(s)',
      text: VALID.replace('https://acme.github.io/status', 'javascript:alert(1)'),
      problem: 'site: use an http:// or https:// URL',
    },
    { name: 'githubUrl as a file URL', text: `${VALID}githubUrl: file:///etc/passwd\n`, problem: 'githubUrl: use an http:// or https:// URL' },
    {
      name: 'component url with a script scheme',
      text: VALID.replace('    name: CLI\n', '    name: CLI\n    url: "javascript:alert(document.cookie)"\n'),
      problem: 'components.0.url: use an http:// or https:// URL',
    },
    {
      name: 'component url as data',
      text: VALID.replace('    name: CLI\n', '    name: CLI\n    url: "data:text/html,<script>alert(1)</script>"\n'),
      problem: 'components.0.url: use an http:// or https:// URL',
    },
    { name: 'unknown label key', text: `${VALID}labels:\n  severity:\n    P3: low\n`, problem: 'labels.severity: unknown key "P3"' },
  ])('$name → names the key', ({ text, problem }) => {
    const error = errorOf(() => parseConfigText(text, 'content/status.yml'));
    expect(error.where).toBe('content/status.yml');
    expect(error.problems).toContain(problem);
    expect(error.message).toMatch(/^content\/status\.yml is not valid:\n/);
  });

  test('YAML syntax errors name the file and the line', () => {
    const error = errorOf(() => parseConfigText('title: [unclosed\n', 'content/status.yml'));
    expect(error.message).toMatch(/content\/status\.yml is not valid YAML/);
    expect(error.message).toMatch(/line 2|at line/);
  });

  test('GITHUB_REPOSITORY and SITREP_SITE_URL override the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-config-'));
    const file = path.join(dir, 'status.yml');
    writeFileSync(file, VALID);
    const config = loadConfig(file, { GITHUB_REPOSITORY: 'other/repo', SITREP_SITE_URL: 'https://status.example.org/' });
    expect(config).toMatchObject({ repository: 'other/repo', site: 'https://status.example.org/' });
    expect(errorOf(() => loadConfig(file, { SITREP_SITE_URL: 'ftp://status.example.org/' })).problems).toContain('site: use an http:// or https:// URL');
  });

  test('http and https URLs are accepted in every URL key', () => {
    const text = `${VALID.replace('    name: CLI\n', '    name: CLI\n    url: http://cli.example.org\n')}githubUrl: https://ghe.example.org\n`;
    expect(parseConfigText(text.replace('https://acme.github.io/status', 'http://status.example.org'), 'status.yml')).toMatchObject({
      site: 'http://status.example.org',
      githubUrl: 'https://ghe.example.org',
      components: [{ url: 'http://cli.example.org' }],
    });
  });

  test('a missing file says so', () => {
    expect(errorOf(() => loadConfig('/nonexistent/status.yml', {})).message).toMatch(/could not be read \(ENOENT\)/);
  });

  test('the shipped example config and the demo config are valid', () => {
    expect(() => loadConfig(path.resolve('content/status.yml'), {})).not.toThrow();
    expect(() => loadConfig(path.resolve('src/demo/status.yml'), {})).not.toThrow();
  });
});

/** The scripts' one argument parser (scripts/lib/cli.ts): node:util parseArgs, usage errors exit 2. */
import { describe, expect, test, vi } from 'vitest';
import { ExitError, githubEnv, parseCommandLine } from '../../scripts/lib/cli.ts';

const spec = { name: 'demo', usage: 'Usage: demo [--json] [--dry-run]', options: { json: { type: 'boolean' }, 'dry-run': { type: 'boolean' } } } as const;
const exitOf = (argv: string[]): ExitError => {
  try {
    parseCommandLine(spec, argv);
  } catch (error) {
    if (error instanceof ExitError) return error;
    throw error;
  }
  throw new Error('expected an ExitError');
};

describe('parseCommandLine', () => {
  test.each([
    { argv: [], values: {} },
    { argv: ['--json'], values: { json: true } },
    { argv: ['--dry-run', '--json'], values: { json: true, 'dry-run': true } },
  ])('$argv', ({ argv, values }) => {
    expect({ ...parseCommandLine(spec, argv) }).toEqual(values);
  });

  test.each([
    { argv: ['--nope'], why: /Unknown option '--nope'[\s\S]*Usage: demo/ },
    { argv: ['positional'], why: /positional[\s\S]*Usage: demo/ },
    { argv: ['--json=yes'], why: /--json[\s\S]*Usage: demo/ },
  ])('$argv is a usage error (exit 2)', ({ argv, why }) => {
    const error = exitOf(argv);
    expect(error.code).toBe(2);
    expect(error.message).toMatch(why);
  });

  test('--help prints the usage and exits 0', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(exitOf(['--help']).code).toBe(0);
    expect(log).toHaveBeenCalledWith(spec.usage);
    log.mockRestore();
  });
});

describe('githubEnv', () => {
  test.each([
    { env: {}, expected: { token: undefined, apiUrl: undefined, throttle: true, botLogin: 'github-actions[bot]' } },
    { env: { GITHUB_TOKEN: ' t ', GITHUB_API_URL: '' }, expected: { token: 't', apiUrl: undefined, throttle: true, botLogin: 'github-actions[bot]' } },
    { env: { SITREP_GITHUB_THROTTLE: 'OFF' }, expected: { token: undefined, apiUrl: undefined, throttle: false, botLogin: 'github-actions[bot]' } },
    {
      env: { SITREP_GITHUB_THROTTLE: 'on', SITREP_BOT_LOGIN: ' status-bot ' },
      expected: { token: undefined, apiUrl: undefined, throttle: true, botLogin: 'status-bot' },
    },
  ])('$env', ({ env, expected }) => {
    expect(githubEnv(env)).toEqual(expected);
  });
});

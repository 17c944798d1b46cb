/**
 * What the CLIs that write to GitHub (`npm run announce`, `npm run labels`) share: flag parsing,
 * the environment they read, and one way to report a failure — the endpoint, the status and what
 * to do for a GitHub error; the file and key for bad input; a stack trace only for a bug.
 */
import { GitHubError } from '../../src/github/errors.ts';
import { InputError } from '../../src/lib/errors.ts';

/** The flags given, or an exit code when the command line was `--help` or wrong. */
export function parseFlags(argv: readonly string[], known: readonly string[], usage: string): Set<string> | number {
  const unknown = argv.filter((arg) => !known.includes(arg) && arg !== '--help');
  if (argv.includes('--help')) {
    console.log(usage);
    return 0;
  }
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown.join(' ')}\n${usage}`);
    return 2;
  }
  return new Set(argv);
}

/**
 * GITHUB_TOKEN and GITHUB_API_URL, trimmed (empty means unset), and SITREP_GITHUB_THROTTLE=off,
 * which is for local test servers only: it switches off plugin-throttling (write pacing and
 * rate-limit waits), so tests that spawn a CLI need not wait 1–3 s per write.
 */
export function githubEnv(env: NodeJS.ProcessEnv): { token: string | undefined; apiUrl: string | undefined; throttle: boolean } {
  return {
    token: env['GITHUB_TOKEN']?.trim() || undefined,
    apiUrl: env['GITHUB_API_URL']?.trim() || undefined,
    throttle: env['SITREP_GITHUB_THROTTLE']?.trim().toLowerCase() !== 'off',
  };
}

/**
 * Runs a CLI's main and sets the exit code: its own, 1 after a GitHubError or InputError (told as
 * such, as JSON too with `json`), 1 with a stack for anything else, which is a bug.
 */
export function runGitHubCli(command: string, json: boolean, main: () => Promise<number>, failureNote = ''): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = 1;
      if (!(error instanceof GitHubError || error instanceof InputError)) {
        console.error(`sitrep ${command} failed unexpectedly (a bug — please report it):`, error);
        return;
      }
      console.error(`sitrep ${command} failed: ${error.message}${failureNote ? `\n${failureNote}` : ''}`);
      if (json) {
        const detail =
          error instanceof GitHubError
            ? { endpoint: error.endpoint, status: error.status, detail: error.detail, hint: error.hint }
            : { where: error.where, problems: error.problems };
        console.log(JSON.stringify({ ok: false, error: { kind: error.name, message: error.message, ...detail } }, null, 2));
      }
    },
  );
}

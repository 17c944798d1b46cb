/**
 * The one runner every script uses: arguments parsed by node:util `parseArgs` (strict: an unknown
 * option prints the usage and exits 2; `--help` prints it and exits 0), and one way to fail —
 * an ExitError with its code; a GitHubError or InputError told as such (the endpoint, status and
 * remedy, or the file and key), as JSON too under `--json`; anything else is a bug, with a stack.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { GitHubError } from '../../src/github/errors.ts';
import { InputError } from '../../src/lib/errors.ts';
import { DEFAULT_BOT_LOGIN } from '../../src/lib/sitrep-comment.ts';

/** Ends a command with `code` and a message for stderr (no stack: it is not a bug). */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends Options> {
  /** `sync`, `announce`…: names the command in messages. */
  readonly name: string;
  readonly usage: string;
  readonly options: O;
  /** Printed after the failure message (e.g. "the previous snapshot was left unchanged"). */
  readonly failureNote?: string;
}

type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O & { help: { type: 'boolean' } }; strict: true }>>['values'];

/** Parses `argv` for `spec`; a usage error becomes ExitError(…, 2), `--help` ExitError('', 0) after printing the usage. */
export function parseCommandLine<O extends Options>(spec: CliSpec<O>, argv: readonly string[]): Values<O> {
  let values: Values<O>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { ...spec.options, help: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ExitError(`${error instanceof Error ? error.message : String(error)}\n${spec.usage}`, 2);
  }
  if ((values as { help?: boolean }).help) {
    console.log(spec.usage);
    throw new ExitError('', 0);
  }
  return values;
}

/** Runs `main` with the parsed options and sets the exit code (its return value, or 0). */
export function runCli<O extends Options>(spec: CliSpec<O>, main: (values: Values<O>) => Promise<number | undefined> | number | undefined): void {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  Promise.resolve()
    .then(() => main(parseCommandLine(spec, argv)))
    .then(
      (code) => {
        process.exitCode = code ?? 0;
      },
      (error: unknown) => {
        process.exitCode = reportFailure(spec, error, json);
      },
    );
}

function reportFailure(spec: CliSpec<Options>, error: unknown, json: boolean): number {
  if (error instanceof ExitError) {
    if (error.message) console.error(error.code === 2 ? error.message : `sitrep ${spec.name}: ${error.message}`);
    return error.code;
  }
  if (!(error instanceof GitHubError || error instanceof InputError)) {
    console.error(`sitrep ${spec.name} failed unexpectedly (a bug — please report it):`, error);
    return 1;
  }
  console.error(`sitrep ${spec.name} failed: ${error.message}${spec.failureNote ? `\n${spec.failureNote}` : ''}`);
  if (json) {
    const detail =
      error instanceof GitHubError
        ? { endpoint: error.endpoint, status: error.status, detail: error.detail, hint: error.hint }
        : { where: error.where, problems: error.problems };
    console.log(JSON.stringify({ ok: false, error: { kind: error.name, message: error.message, ...detail } }, null, 2));
  }
  return 1;
}

/**
 * GITHUB_TOKEN and GITHUB_API_URL, trimmed (empty means unset); the login sitrep writes as
 * (SITREP_BOT_LOGIN, by default GITHUB_TOKEN's github-actions[bot]); and SITREP_GITHUB_THROTTLE=off,
 * which is for local test servers only: it switches off plugin-throttling (write pacing and
 * rate-limit waits), so tests that spawn a CLI need not wait 1–3 s per write.
 */
export function githubEnv(env: NodeJS.ProcessEnv): { token: string | undefined; apiUrl: string | undefined; throttle: boolean; botLogin: string } {
  return {
    token: env['GITHUB_TOKEN']?.trim() || undefined,
    apiUrl: env['GITHUB_API_URL']?.trim() || undefined,
    throttle: env['SITREP_GITHUB_THROTTLE']?.trim().toLowerCase() !== 'off',
    botLogin: env['SITREP_BOT_LOGIN']?.trim() || DEFAULT_BOT_LOGIN,
  };
}

/** A warning: `::warning::` lines become annotations on the workflow run; elsewhere a plain line on stderr. */
export function printWarning(command: string, message: string): void {
  if (process.env['GITHUB_ACTIONS'] === 'true')
    console.error(`::warning title=sitrep ${command}::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`);
  else console.error(`warning: ${message}`);
}

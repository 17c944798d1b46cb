/**
 * `sitrep preview [--port N] [--save]`: the page of your real issues on your laptop (issue #14).
 * Syncs into a temporary snapshot, then builds and serves it like `npm start`. It runs the real
 * `sync` and `start` commands as children, so trust is decided exactly as in CI: by the
 * repository's collaborator permissions (which need a token) and `maintainers` in the config.
 *
 * Token: GITHUB_TOKEN, else `gh auth token` when the GitHub CLI is installed and logged in.
 * Repository: GITHUB_REPOSITORY, else `repository` in content/status.yml (the config requires it).
 * Without a token nobody's permission can be checked: the preview goes on with `maintainers` alone
 * when the config lists some, and stops (exit 1) when it lists none, since a page that trusts
 * nobody shows no incidents at all and would look like "all operational".
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/data/load-config.ts';
import { displayPath, ROOT, resolveDataPaths } from '../src/data/paths.ts';
import { ExitError, githubEnv, printWarning, runCli } from './lib/cli.ts';

const USAGE = `Usage: sitrep preview [--port N] [--save]
  --port N  serve on this port (default: PORT, else 4321)
  --save    sync into content/snapshot.json (the one \`sitrep build\` uses) instead of a temporary file
Environment: GITHUB_TOKEN (else \`gh auth token\`), GITHUB_REPOSITORY, GITHUB_API_URL.`;

/** `gh auth token` for the API's host, or undefined when gh is missing, logged out or fails. */
function tokenFromGh(apiUrl: string | undefined): string | undefined {
  const host = apiUrl ? new URL(apiUrl).hostname.replace(/^api\./, '') : undefined;
  const args = ['auth', 'token', ...(host && host !== 'github.com' ? ['--hostname', host] : [])];
  const result = spawnSync('gh', args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return result.status === 0 ? result.stdout.trim() || undefined : undefined;
}

/** Who is trusted without a token, in words. */
function explainTrustWithoutToken(repository: string, maintainers: readonly string[], config: string): string {
  return [
    'No token: GITHUB_TOKEN is not set and `gh auth token` gave none (install the GitHub CLI and run `gh auth login`, or set GITHUB_TOKEN).',
    `Who is trusted: only people with write, maintain or admin permission on ${repository}, or listed under \`maintainers:\` in ${config}, put anything on the page.`,
    "GitHub's permission API needs a token, so without one nobody's permission can be verified and only `maintainers` count: " +
      (maintainers.length > 0 ? `${maintainers.join(', ')}.` : 'the config lists nobody.'),
    maintainers.length > 0
      ? 'Incidents opened, labelled or closed by anyone else are left off, so the page may show fewer incidents than CI does (anonymous requests are also limited to 60 an hour).'
      : 'Nobody can be trusted, so the page would show no incidents at all — and look like "all operational". Not building it.',
  ].join('\n');
}

/** Runs scripts/<command>.ts of this package with tsx; resolves with its exit code. */
function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const child = spawn(process.execPath, [tsx, path.join(ROOT, 'scripts', `${command}.ts`), ...args], { stdio: 'inherit', env });
  // Ctrl+C reaches the child too (same process group); a signal sent to this process alone is passed on.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 130 : 1));
    });
  });
}

runCli({ name: 'preview', usage: USAGE, options: { port: { type: 'string' }, save: { type: 'boolean' } } }, async (flags) => {
  const env = process.env;
  const paths = resolveDataPaths(env);
  const config = loadConfig(paths.config, env);
  const port = flags.port ?? env['PORT'] ?? '4321';
  if (!/^\d{1,5}$/.test(port)) throw new ExitError(`--port must be a port number, got "${port}"\n${USAGE}`, 2);

  const github = githubEnv(env);
  const token = github.token ?? tokenFromGh(github.apiUrl);
  if (!token) {
    const explanation = explainTrustWithoutToken(config.repository, config.maintainers, displayPath(paths.config));
    if (config.maintainers.length === 0) throw new ExitError(explanation);
    printWarning('preview', explanation);
  }

  const work = mkdtempSync(path.join(tmpdir(), 'sitrep-preview-'));
  try {
    const snapshot = flags.save ? paths.snapshot : path.join(work, 'snapshot.json');
    const childEnv: NodeJS.ProcessEnv = {
      ...env,
      ...(token ? { GITHUB_TOKEN: token } : {}),
      GITHUB_REPOSITORY: config.repository,
      SITREP_SNAPSHOT: snapshot,
      SITREP_OUT_DIR: path.join(work, 'dist'),
      PORT: port,
    };
    // Never the demo: with no snapshot (a failed sync) the build refuses as it does in CI.
    childEnv['CI'] = 'true';
    delete childEnv['SITREP_DEMO'];
    process.stderr.write(`sitrep preview: syncing ${config.repository} into ${flags.save ? displayPath(snapshot) : 'a temporary snapshot'}\n`);
    const synced = await runCommand('sync', [], childEnv);
    if (synced !== 0) throw new ExitError('the sync failed (see above); nothing was built');
    return await runCommand('start', [], childEnv);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

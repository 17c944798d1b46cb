/**
 * Runs a CLI of scripts/ as a real `tsx` process (asynchronously, so a test server in this process
 * keeps answering), with only the environment given plus PATH and HOME. `undefined` unsets a name.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runScript(script: string, args: readonly string[], env: Record<string, string | undefined>): Promise<ScriptResult> {
  const fullEnv: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'] };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) fullEnv[name] = value;
  return new Promise((resolve) => {
    execFile(path.join(ROOT, 'node_modules/.bin/tsx'), [script, ...args], { cwd: ROOT, env: fullEnv, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

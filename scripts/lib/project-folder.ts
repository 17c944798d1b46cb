/**
 * The adopter's project folder — the one holding content/status.yml and .github/ — where `init`
 * writes: SITREP_PROJECT if set, else the current directory. (Issue 14 part A puts the same rule in
 * src/data/paths.ts as `PROJECT`; on merging, this becomes that constant.)
 */
import path from 'node:path';

export function projectFolder(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env['SITREP_PROJECT']?.trim() || process.cwd());
}

/**
 * File-system half of the "Your brand" keys (issue #13): a `logo` or `favicon` that names a file
 * in public/ must exist when the site is built, or the header would show a broken image on every
 * page. Reading the reference is src/lib/brand-assets.ts; only the existence check lives here.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { readAssetRef } from '../lib/brand-assets.ts';
import { InputError } from '../lib/errors.ts';
import type { SiteConfig } from '../lib/schema/config.ts';
import { displayPath } from './paths.ts';

const isFile = (file: string): boolean => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The problems, one line per key: `logo: public/logo.svg does not exist (…)`. */
function findMissingBrandFiles(config: Pick<SiteConfig, 'logo' | 'favicon'>, publicDir: string): string[] {
  return (['logo', 'favicon'] as const).flatMap((key) => {
    const value = config[key];
    const ref = value === undefined ? null : readAssetRef(value);
    if (ref?.kind !== 'public') return [];
    const file = path.join(publicDir, ref.file);
    return isFile(file) ? [] : [`${key}: ${displayPath(file)} does not exist (put the file there, or use an https:// URL)`];
  });
}

/** Throws an InputError naming the config file, the key and the missing path. */
export function checkBrandFiles(config: Pick<SiteConfig, 'logo' | 'favicon'>, publicDir: string, where: string): void {
  const problems = findMissingBrandFiles(config, publicDir);
  if (problems.length > 0) throw new InputError(`${where} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`, where, problems);
}

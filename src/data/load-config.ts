/** Reads and validates `content/status.yml` (file system edge; the schema lives in src/lib). */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { InputError, parseWithFriendlyErrors } from '../lib/errors.ts';
import { type SiteConfig, SiteConfigSchema } from '../lib/schema/config.ts';
import { CONFIG_FILE, upgradeToCurrentVersion } from '../lib/schema/versions.ts';
import { displayPath } from './paths.ts';

/** Parses YAML text into a validated config; `where` names the file in errors. */
export function parseConfigText(text: string, where: string): SiteConfig {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => e.message.split('\n')[0] ?? e.message);
    throw new InputError(`${where} is not valid YAML:\n${problems.map((p) => `  - ${p}`).join('\n')}`, where, problems);
  }
  return parseWithFriendlyErrors(SiteConfigSchema, upgradeToCurrentVersion(CONFIG_FILE, doc.toJS() ?? {}, where), where);
}

/**
 * Reads the config file. GITHUB_REPOSITORY, when set, overrides `repository` (the Action sets it),
 * and SITREP_SITE_URL overrides `site` (the workflow passes the Pages URL).
 */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): SiteConfig {
  const where = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InputError(`${where} could not be read (${(cause as NodeJS.ErrnoException).code ?? cause}). Create it from the example in the README.`, where);
  }
  const config = parseConfigText(text, where);
  const repository = env['GITHUB_REPOSITORY']?.trim();
  const site = env['SITREP_SITE_URL']?.trim();
  return parseWithFriendlyErrors(
    SiteConfigSchema,
    { ...config, ...(repository ? { repository } : {}), ...(site ? { site } : {}) },
    `${where} (with GITHUB_REPOSITORY / SITREP_SITE_URL applied)`,
  );
}

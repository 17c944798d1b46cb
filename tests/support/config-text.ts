/** The smallest valid content/status.yml, and the problems a config text is refused with, for the config tests. */
import { parseConfigText } from '../../src/data/load-config.ts';
import { InputError } from '../../src/lib/errors.ts';

export const MINIMAL_CONFIG = `title: T
description: D
repository: acme/widgets
site: https://acme.github.io/status
components:
  - id: cli
    name: CLI
`;

/** The problems `text` is refused with; throws if it is accepted. */
export function configProblems(text: string): readonly string[] {
  try {
    parseConfigText(text, 'content/status.yml');
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

/**
 * Decides what a build publishes: the synced snapshot, or the demo. Demo incidents must never
 * reach a real status page, so in CI a missing snapshot is an error, not a fallback.
 */
import { InputError } from '../lib/errors.ts';
import { hasSnapshot } from './load-snapshot.ts';
import { type DataPaths, DEMO_PATHS, displayPath, resolveDataPaths } from './paths.ts';

export interface DataSource {
  readonly demo: boolean;
  readonly paths: DataPaths;
  /** Why the demo was chosen, for the build log. */
  readonly reason: string;
}

const isSet = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

export function resolveDataSource(env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = hasSnapshot): DataSource {
  const paths = resolveDataPaths(env);
  if (isSet(env['SITREP_DEMO'])) return { demo: true, paths: DEMO_PATHS, reason: 'SITREP_DEMO is set' };
  if (exists(paths.snapshot)) return { demo: false, paths, reason: `snapshot ${displayPath(paths.snapshot)}` };
  if (isSet(env['CI']) || isSet(env['GITHUB_ACTIONS'])) {
    throw new InputError(
      `No snapshot at ${displayPath(paths.snapshot)}, and this is CI: refusing to build the demo, whose made-up incidents must never reach a real status page.\n` +
        'Run `npm run sync` before `npm run build` (it needs GITHUB_TOKEN and GITHUB_REPOSITORY), or set SITREP_DEMO=1 to build the demo on purpose.',
      displayPath(paths.snapshot),
    );
  }
  return { demo: true, paths: DEMO_PATHS, reason: `no snapshot at ${displayPath(paths.snapshot)} yet (run \`npm run sync\`)` };
}

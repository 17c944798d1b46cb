/** `npm run build`: snapshot (or, on a workstation only, the demo) → dist/. */
import { displayPath, resolveOutDir } from '../src/data/paths.ts';
import { buildSite } from './lib/build-site.ts';
import { runCli } from './lib/cli.ts';

runCli({ name: 'build', usage: 'Usage: npm run build (environment: see the README)', options: {} }, async () => {
  const source = await buildSite();
  const out = displayPath(resolveOutDir());
  process.stdout.write(`sitrep: built ${source.demo ? 'the DEMO site' : 'the status site'} into ${out}/ (${source.reason})\n`);
  return 0;
});

/** `npm run build`: snapshot (or, on a workstation only, the demo) → dist/. */
import { buildSite, runCli } from './lib/build-site.ts';

runCli(async () => {
  const source = await buildSite();
  const out = process.env['SITREP_OUT_DIR'] ?? 'dist';
  process.stdout.write(`sitrep: built ${source.demo ? 'the DEMO site' : 'the status site'} into ${out}/ (${source.reason})\n`);
});

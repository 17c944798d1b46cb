/** `npm start`: build (the demo, until a snapshot exists) and serve it on localhost. */
import path from 'node:path';
import { loadConfig } from '../src/data/load-config.ts';
import { ROOT } from '../src/data/paths.ts';
import { splitSiteUrl } from '../src/lib/urls.ts';
import { buildSite } from './lib/build-site.ts';
import { ExitError, runCli } from './lib/cli.ts';
import { startStaticServer } from './lib/site/static-server.ts';

runCli({ name: 'start', usage: 'Usage: npm start (PORT to change the port; PORT=0 picks a free one)', options: {} }, async () => {
  const port = Number(process.env['PORT']?.trim() || 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ExitError(`PORT must be a port number (0 picks a free one), got "${process.env['PORT']}"`, 2);
  const source = await buildSite();
  // Served as GitHub Pages serves it (our static server, not Astro's preview, which answered `/`
  // with its own 404 when the site has a base path), except that `/` redirects to the base.
  const { base } = splitSiteUrl(loadConfig(source.paths.config).site);
  const server = await startStaticServer({ root: path.resolve(ROOT, process.env['SITREP_OUT_DIR'] ?? 'dist'), base, port, redirectRoot: true });
  process.stdout.write(`\nsitrep: serving ${source.demo ? 'the DEMO site' : 'the status site'} at ${server.url}\n        (Ctrl+C to stop)\n`);
  return undefined; // the server keeps the process alive
});

/** `npm start`: build (the demo, until a snapshot exists) and serve it on localhost. */
import { preview } from 'astro';
import { ROOT } from '../src/data/paths.ts';
import { buildSite } from './lib/build-site.ts';
import { runCli } from './lib/cli.ts';

runCli({ name: 'start', usage: 'Usage: npm start (PORT to change the port)', options: {} }, async () => {
  const source = await buildSite();
  const port = Number(process.env['PORT'] ?? 4321);
  const server = await preview({ root: ROOT, logLevel: 'error', server: { host: '127.0.0.1', port } });
  const base = (await import('../src/lib/urls.ts')).splitSiteUrl((await import('../src/data/load-config.ts')).loadConfig(source.paths.config).site).base;
  const url = `http://127.0.0.1:${server.port}${base === '/' ? '/' : `${base}/`}`;
  process.stdout.write(`\nsitrep: serving ${source.demo ? 'the DEMO site' : 'the status site'} at ${url}\n        (Ctrl+C to stop)\n`);
  return undefined; // the preview server keeps the process alive
});

// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { backgroundPageWrites } from './src/data/background-page-writes.ts';
import { loadConfig } from './src/data/load-config.ts';
import { preloadSnapshot } from './src/data/load-snapshot.ts';
import { resolveOutDir } from './src/data/paths.ts';
import { resolveDataSource } from './src/data/source.ts';
import { splitSiteUrl } from './src/lib/urls.ts';

// src/data/paths.ts reads the project folder from here once it is bundled (see ROOT there).
process.env['SITREP_ROOT'] ??= fileURLToPath(new URL('.', import.meta.url));

// `site` and `base` come from content/status.yml (or the demo's config), so a project-pages URL
// such as https://owner.github.io/repo builds with the base path /repo.
const source = resolveDataSource();
const { site, base } = splitSiteUrl(loadConfig(source.paths.config).site);
// The snapshot is read and validated here, once, before Astro empties the output folder; the
// pages take this copy (src/data/load-snapshot.ts).
if (!source.demo) preloadSnapshot(source.paths.snapshot);
const outDir = resolveOutDir();

export default defineConfig({
  site,
  base,
  // The adopter's project folder, not the package's (issue #14): <project>/dist.
  outDir,
  // public/ of the project (SITREP_PUBLIC moves it): where `logo` and `favicon` files live.
  publicDir: source.paths.public,
  trailingSlash: 'ignore',
  build: {
    format: 'directory',
    // One request per page: the CSS is small and a status page is read on bad networks.
    inlineStylesheets: 'always',
  },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Pages are written on a worker thread while the next one renders (src/data/background-page-writes.ts).
  integrations: [backgroundPageWrites(outDir)],
});

#!/usr/bin/env node
// `npm create sitrep [-- flags]` is `sitrep init [flags]`, run from the sitrep release of the same
// version (a dependency, pinned exactly: both packages are published together by one release).
// Its exit code is init's.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// sitrep's package.json, found the way Node finds packages (nested or hoisted node_modules), but
// without `require.resolve('sitrep/package.json')`, which a package's `exports` map may refuse.
const require = createRequire(import.meta.url);
const manifest = (require.resolve.paths('sitrep') ?? []).map((dir) => path.join(dir, 'sitrep', 'package.json')).find((file) => existsSync(file));
if (!manifest) {
  console.error('create-sitrep: the sitrep package is not installed next to it; run `npx sitrep@1 init` instead.');
  process.exit(1);
}
const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
const entry = typeof bin === 'string' ? bin : bin?.sitrep;
if (!entry) {
  console.error(`create-sitrep: ${manifest} names no \`sitrep\` command; run \`npx sitrep@1 init\` instead.`);
  process.exit(1);
}
const result = spawnSync(process.execPath, [path.join(path.dirname(manifest), entry), 'init', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);

/** `npm run bench`: the size of the npm package an adopter downloads (issue #14), from `npm pack --dry-run`. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from '../../src/data/paths.ts';

interface PackInfo {
  size: number;
  unpackedSize: number;
  entryCount: number;
}

/** One line: tarball and unpacked size, file count. */
export async function packageSizeLine(): Promise<string> {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const [info] = JSON.parse(stdout) as PackInfo[];
  if (!info) return 'npm pack printed nothing';
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  return `tarball ${kb(info.size)}, unpacked ${kb(info.unpackedSize)}, ${info.entryCount} files (dependencies not counted)`;
}

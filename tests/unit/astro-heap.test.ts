import { expect, test } from 'vitest';
import { astroHeapFlags } from '../../scripts/lib/astro-heap.ts';

const MB = 2 ** 20;

test.each([
  { name: 'the demo gets the floor', bytes: null, options: '', flags: ['--max-old-space-size=256', '--max-semi-space-size=16'] },
  { name: '1,000 incidents (2.3 MB) get the floor', bytes: 2.3 * MB, options: '', flags: ['--max-old-space-size=256', '--max-semi-space-size=16'] },
  { name: '10,000 incidents (23 MB) get a little more', bytes: 23 * MB, options: '', flags: ['--max-old-space-size=266', '--max-semi-space-size=16'] },
  { name: '30,000 incidents (70 MB) get room to grow', bytes: 70 * MB, options: '', flags: ['--max-old-space-size=548', '--max-semi-space-size=16'] },
  { name: 'a cap the user set in NODE_OPTIONS is theirs', bytes: 23 * MB, options: '--max-old-space-size=4096', flags: ['--max-semi-space-size=16'] },
  { name: 'so is the young generation', bytes: null, options: '--enable-source-maps --max-semi-space-size=64', flags: ['--max-old-space-size=256'] },
])('$name', ({ bytes, options, flags }) => {
  expect(astroHeapFlags(bytes, options)).toEqual(flags);
});

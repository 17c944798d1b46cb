/**
 * Figures for `npm run bench`: how long sitrep takes over issue text built to be slow (issue #10,
 * item 10). Printed, not asserted: tests/unit/hostile-markdown.test.ts asserts the outcomes.
 * Before the fix, the heading row took 40 s at 4,000 spaces (cubic) and the nested quotes
 * crashed the build.
 */
import { splitSections } from '../../src/lib/issue-form.ts';
import { createMarkdownRenderer } from '../../src/lib/markdown.ts';

const render = createMarkdownRenderer({ githubUrl: 'https://github.com', repository: 'acme/widgets' });

const CASES: { name: string; run: () => unknown }[] = [
  { name: 'issue-form heading padded with 16,000 spaces', run: () => splitSections(`### a${' '.repeat(16_000)}b`) },
  { name: '2,000 nested quotes (2 KB) → plain text', run: () => render(`${'>'.repeat(2000)} x`) },
  { name: '56 KB of inline HTML (<b>x</b> × 4,000)', run: () => render(`deep ${'word <b>x</b> '.repeat(4000)}`) },
  { name: '64 KB of #123 and @user references', run: () => render('see #12 by @octo '.repeat(3800)) },
];

/** One line per case: its name and the milliseconds it took (best of 3). */
export function hostileTextFigures(): string[] {
  return CASES.map(({ name, run }) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      run();
      best = Math.min(best, performance.now() - started);
    }
    return `  ${name.padEnd(48)} ${best.toFixed(0).padStart(6)} ms`;
  });
}

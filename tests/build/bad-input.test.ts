/**
 * Bad input gets a clear error that says what and where, and loses nothing else; the page never
 * claims "all operational" because data failed to load or went stale; demo data never ships from CI.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { buildFixture, text } from '../support/build.ts';
import { CONFIG_INPUT, closed, comment, issue, snapshot } from '../support/records.ts';

describe('refusals with a clear message', () => {
  test('an invalid config names the file and the key, and builds nothing', async () => {
    const build = await buildFixture({ config: stringify({ ...CONFIG_INPUT, components: [{ id: 'Bad Id', name: 'X' }] }), snapshot: snapshot([]) });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/status\.yml is not valid:\n\s+- components\.0\.id: use lowercase letters/);
    expect(build.stderr).not.toMatch(/ZodError|at .*node_modules/);
    expect(build.exists('')).toBe(false);
  });

  test('an invalid snapshot names the file and the field', async () => {
    const build = await buildFixture({ snapshot: { ...snapshot([]), issues: {} } });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/snapshot\.json is not valid:\n\s+- issues: expected array, got object/);
    expect(build.exists('')).toBe(false);
  });

  test('a snapshot of a newer schema is refused, naming the file, both versions and what to do', async () => {
    const build = await buildFixture({ snapshot: { ...snapshot([]), schemaVersion: 9 } });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/snapshot\.json has snapshot schema 9, newer than this sitrep reads \(1\): .*upgrade sitrep/);
    expect(build.exists('')).toBe(false);
  });

  test('an invalid snapshot leaves the previous build as it was, and is told without a stack trace', async () => {
    // The snapshot is validated once, in the Astro process, before Astro empties the output folder.
    const previous = mkdtempSync(path.join(tmpdir(), 'sitrep-previous-'));
    writeFileSync(path.join(previous, 'index.html'), '<p>the last good build</p>');
    const build = await buildFixture({ snapshot: { ...snapshot([]), takenAt: 'yesterday' }, env: { SITREP_OUT_DIR: previous } });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/snapshot\.json is not valid:\n\s+- takenAt:/);
    expect(build.stderr).not.toMatch(/ZodError|at .*node_modules/);
    expect(readFileSync(path.join(previous, 'index.html'), 'utf8')).toBe('<p>the last good build</p>');
  });

  test('a snapshot that is not JSON says so and how to fix it', async () => {
    const build = await buildFixture({ snapshot: '{"schemaVersion": 1,' });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/snapshot\.json is not valid JSON .*Run `npm run sync`/);
  });

  test('CI without a snapshot refuses to fall back to the demo', async () => {
    const build = await buildFixture({ env: { CI: 'true' } });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/No snapshot at .*snapshot\.json, and this is CI: refusing to build the demo/);
    expect(build.exists('')).toBe(false);
  });
});

describe('the demo', () => {
  test('the explicit switch builds it anywhere, marked on every page', async () => {
    const build = await buildFixture({ env: { CI: 'true', SITREP_DEMO: '1' }, siteUrl: 'https://example.github.io/demo-sub' });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toContain('built the DEMO site');
    const files = build.htmlFiles();
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(text(build.page(file).querySelector('[data-demo-banner]')), file).toMatch(/^Demo data/);
    expect(build.page('').querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
  });
});

describe('never "all operational" by mistake', () => {
  // The banner's wording for every case is decided and tested in the model (tests/unit/banner.test.ts);
  // these builds check that the page draws it, with the warnings around it.
  const quiet = [closed(issue({ number: 1, createdAt: '2026-11-19T10:00:00Z' }), '2026-11-19T11:00:00Z')];

  test('stale data: the banner and a warning say the status may be out of date', async () => {
    const build = await buildFixture({ snapshot: snapshot(quiet, { takenAt: '2026-11-21T09:00:00Z' }) });
    expect(build.code, build.stderr).toBe(0);
    const doc = build.page('');
    expect(text(doc.querySelector('[data-banner]'))).toBe('No incidents reported as of 21 Nov 2026, 09:00 UTC — this status may be out of date');
    expect(doc.querySelector('[data-overall]')?.className).toContain('s-unknown');
    expect(doc.querySelector('#stale-warning')?.hasAttribute('hidden')).toBe(false);
    expect(text(doc.querySelector('#stale-warning'))).toContain('180 minutes before this page was built');
  });

  test('an unreadable record is skipped, the rest renders, and the banner does not claim all is well', async () => {
    const build = await buildFixture({ snapshot: snapshot([...quiet, { number: 5, title: 'broken', state: 'weird' }], { takenAt: '2026-11-21T11:58:00Z' }) });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/warning: issue #5: skipped, not a valid issue record: .*state: expected one of "open", "closed"/);
    const doc = build.page('');
    expect(text(doc.querySelector('[data-banner]'))).toBe('No known incidents, but some records could not be read');
    expect(doc.querySelector('[data-overall]')?.className).toContain('s-unknown');
    expect(doc.querySelector('#stale-warning')?.hasAttribute('hidden')).toBe(true);
    expect(build.exists('incidents/1/')).toBe(true);
  });
});

describe('hostile Markdown cannot take the build down', () => {
  test('2,000 nested quotes and a backtracking heading: the build succeeds, the text shows as plain text, the log names the issue', async () => {
    const hostile = issue({
      number: 9,
      labels: ['incident', 'P0'],
      body: `### Severity\n\nP0\n\n### What is broken\n\nEverything.\n\n### a${' '.repeat(16_000)}b\n\ntail`,
      comments: [comment({ at: '2026-11-21T10:30:00Z', body: `${'>'.repeat(2000)} still investigating <a href="java&#x09;script:alert(1)">x</a>` })],
    });
    const build = await buildFixture({ snapshot: snapshot([hostile], { takenAt: '2026-11-21T11:58:00Z' }) });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/note: issue #9: text shown as plain text: nested more than 100 levels deep/);
    const doc = build.page('incidents/9/');
    expect(text(doc.body)).toContain('still investigating');
    expect([...doc.querySelectorAll('a')].filter((a) => /script:/i.test(a.getAttribute('href') ?? ''))).toEqual([]);
    expect(doc.body.innerHTML).toContain('&lt;a href="java');
    expect(text(build.page('').querySelector('[data-banner]'))).not.toBe('All systems operational');
  });
});

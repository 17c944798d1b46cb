/**
 * Every built page is valid HTML (html-validate, its recommended and document presets). Runs on
 * the files, no browser needed, so it runs even where Chromium is missing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ConfigData, HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildDemoSite, listHtmlFiles } from '../../scripts/lib/site/demo-site.ts';

const CONFIG: ConfigData = {
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // A page's <title> is the incident's title as a maintainer wrote it, plus the site's name;
    // cutting it at 70 characters (a search-engine snippet length) would hide which incident a
    // browser tab shows.
    'long-title': 'off',
    // Both `<br>` and `<br />` are valid HTML; Astro writes the first, sanitize-html (issue
    // text) the second. The rule is about house style, not correctness.
    'void-style': 'off',
  },
};

describe('HTML validity of every built page', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await buildDemoSite();
  });

  test('html-validate finds no error or warning in any page', async () => {
    const validator = new HtmlValidate(CONFIG);
    const files = listHtmlFiles(dir);
    expect(files.length).toBeGreaterThan(30);
    const messages: string[] = [];
    for (const file of files) {
      const report = await validator.validateString(readFileSync(path.join(dir, file), 'utf8'), file);
      for (const result of report.results) {
        for (const m of result.messages) messages.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message} (${m.selector ?? ''})`);
      }
    }
    expect(messages).toEqual([]);
  });

  test('the validator is strict enough to catch what matters (a planted error fails)', async () => {
    const validator = new HtmlValidate(CONFIG);
    const page = readFileSync(path.join(dir, 'index.html'), 'utf8').replace('</main>', '<div id="main"></div><a rel="nofollow">y</a></main>');
    const report = await validator.validateString(page, 'planted.html');
    const rules = new Set(report.results.flatMap((r) => r.messages.map((m) => m.ruleId)));
    expect([...rules]).toEqual(expect.arrayContaining(['no-dup-id', 'attribute-misuse']));
  });
});

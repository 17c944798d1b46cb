/**
 * Issue text built to take the build down: nesting deep enough to overflow marked's stack, text
 * far past GitHub's 65,536-character limit, and lines built to make a regex backtrack. Each must
 * render (as plain text when it cannot be rendered in bounded depth and size), never throw, and
 * say which issue it came from. Outcomes only: a timer would make the test flaky, so the lines
 * are long enough that a super-linear regex could not finish within the test timeout at all.
 */
import { describe, expect, test } from 'vitest';
import { INCIDENT_FIELDS } from '../../src/lib/form-fields.ts';
import { findComponent } from '../../src/lib/issue-components.ts';
import { parseIssueForm, readSelections, splitSections } from '../../src/lib/issue-form.ts';
import { createMarkdownRenderer, markdownToPlainText } from '../../src/lib/markdown.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { comment, config, issue, snapshot } from '../support/records.ts';

const render = createMarkdownRenderer({ githubUrl: 'https://github.com', repository: 'acme/widgets' });

const HOSTILE = [
  { name: '2,000 nested quotes', md: `${'>'.repeat(2000)} deep` },
  { name: '3,000 nested ordered-list markers', md: `${'1) '.repeat(3000)}deep` },
  { name: '2,000 nested bullet markers', md: `${'- '.repeat(2000)}deep` },
  { name: 'quotes and lists mixed', md: `${'> - '.repeat(1500)}deep` },
  { name: 'nested quotes across lines', md: Array.from({ length: 300 }, (_, i) => `${'>'.repeat(i + 1)} deep`).join('\n') },
  { name: 'far longer than GitHub allows', md: `deep ${'word <b>x</b> '.repeat(20_000)}` },
];

describe('Markdown that cannot be rendered in bounded depth and size is shown as plain text', () => {
  test.each(HOSTILE)('$name', ({ md }) => {
    const reasons: string[] = [];
    const html = render(md, (why) => reasons.push(why));
    expect(reasons).toHaveLength(1);
    expect(html).toMatch(/^<p>/);
    expect(html).toContain('deep');
    expect(html).not.toMatch(/<(?!\/?(p|br)\b)/); // escaped: no tag but the paragraph and its breaks
    const textReasons: string[] = [];
    expect(markdownToPlainText(md, (why) => textReasons.push(why))).toContain('deep');
    expect(textReasons).toHaveLength(1);
  });

  test.each([
    { name: 'ten nested quotes', md: `${'> '.repeat(10)}fine`, tag: '<blockquote>', count: 10 },
    { name: 'a nested list', md: '- a\n  - b\n    - c', tag: '<ul>', count: 3 },
    { name: '100 nested quotes (the limit)', md: `${'>'.repeat(100)} fine`, tag: '<blockquote>', count: 100 },
  ])('ordinary nesting still renders as Markdown: $name', ({ md, tag, count }) => {
    const reasons: string[] = [];
    expect(render(md, (why) => reasons.push(why)).split(tag)).toHaveLength(count + 1);
    expect(reasons).toEqual([]);
  });
});

describe('parsing regexes are linear', () => {
  const spaces = ' '.repeat(16_000);
  test('a heading line with 16,000 spaces before its last character', () => {
    const { sections } = splitSections(`### a${spaces}b\n\nvalue`);
    expect(sections).toEqual([{ heading: `a${spaces}b`, value: 'value' }]);
    expect(splitSections(`## a${spaces}b`, '##').sections[0]?.heading).toBe(`a${spaces}b`);
    expect(parseIssueForm(`### Severity${spaces}x\n\nP0`, INCIDENT_FIELDS).fields.severity).toBeNull();
  });

  test.each([
    { heading: '### Severity ###', expected: 'Severity' },
    { heading: '### Severity   ', expected: 'Severity' },
    { heading: '###   What is broken', expected: 'What is broken' },
    { heading: '### C#', expected: 'C' },
    { heading: '### #', expected: '#' },
  ])('heading text of "$heading" is "$expected"', ({ heading, expected }) => {
    expect(splitSections(`${heading}\nx`).sections[0]?.heading).toBe(expected);
  });

  test('a checkbox line with 16,000 spaces before its last character', () => {
    expect(readSelections(`- [x] a${spaces}b\n- [ ] c`)).toEqual([`a${spaces}b`]);
    expect(readSelections(`- [x] ${spaces}`)).toEqual([]);
  });

  test('a component name with 64,000 letters after an opening parenthesis', () => {
    const components = config().components;
    expect(findComponent(`(${'a'.repeat(64_000)}`, components)).toBeUndefined();
    expect(findComponent('Command line (`cli`)', components)?.id).toBe('cli');
    expect(findComponent(`CLI (cli)${spaces}`, components)?.id).toBe('cli');
  });
});

describe('the build log names the issue', () => {
  test('an incident whose comment nests 2,000 quotes renders, with a notice naming it', () => {
    const record = issue({ number: 7, comments: [comment({ at: '2026-11-20T10:30:00Z', body: `${'>'.repeat(2000)} boom` })] });
    const model = buildSiteModel({
      config: config(),
      snapshot: SnapshotSchema.parse(snapshot([record])),
      postmortemFiles: [],
      now: new Date('2026-11-21T12:00:00Z'),
      demo: false,
    });
    expect(model.incidents.map((i) => i.number)).toEqual([7]);
    expect(model.incidents[0]?.updates.some((u) => u.html.includes('boom'))).toBe(true);
    expect(model.notices).toContainEqual({ where: 'issue #7', message: expect.stringMatching(/shown as plain text: nested more than \d+ levels deep/) });
  });
});

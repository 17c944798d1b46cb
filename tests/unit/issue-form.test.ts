import { describe, expect, test } from 'vitest';
import { INCIDENT_FIELDS } from '../../src/lib/form-fields.ts';
import { parseIssueForm, readIssueNumbers, readSelections } from '../../src/lib/issue-form.ts';
import { formBody } from '../support/records.ts';

describe('parseIssueForm', () => {
  test.each([
    { name: 'form field', body: formBody({ 'What is broken': 'Installs fail.' }), key: 'broken', value: 'Installs fail.' },
    { name: '_No response_ is empty', body: formBody({ 'Who is affected': '_No response_', 'What is broken': 'x' }), key: 'affected', value: null },
    { name: 'alias heading', body: formBody({ Workaround: 'Pin 1.2.', 'What is broken': 'x' }), key: 'workaround', value: 'Pin 1.2.' },
    { name: 'heading case and punctuation', body: '### what IS broken?\n\nAll of it', key: 'broken', value: 'All of it' },
    { name: 'multi-line value', body: formBody({ 'Expected fix time': 'Today\n\n- maybe\n- sooner' }), key: 'eta', value: 'Today\n\n- maybe\n- sooner' },
    { name: 'CRLF line ends', body: '### Severity\r\n\r\nP0\r\n', key: 'severity', value: 'P0' },
    { name: '### inside a code fence is not a heading', body: '### What is broken\n\n```\n### Severity\n```', key: 'severity', value: null },
  ])('$name', ({ body, key, value }) => {
    expect(parseIssueForm(body, INCIDENT_FIELDS).fields[key as keyof typeof INCIDENT_FIELDS]).toBe(value);
  });

  test('a body with no known heading is free text', () => {
    const form = parseIssueForm('The docs are down.\n\n### Notes\n\nsee logs', INCIDENT_FIELDS);
    expect(form.freeText).toBe('The docs are down.\n\n### Notes\n\nsee logs');
    expect(form.fields.broken).toBeNull();
  });

  test('unknown headings are kept as extra, preamble as free text', () => {
    const form = parseIssueForm('Intro line\n\n### What is broken\n\nx\n\n### Logs\n\nstack', INCIDENT_FIELDS);
    expect(form.freeText).toBe('Intro line');
    expect(form.extra).toEqual([{ heading: 'Logs', value: 'stack' }]);
  });

  test.each([{ body: null }, { body: '' }, { body: '   ' }])('empty body $body', ({ body }) => {
    expect(parseIssueForm(body, INCIDENT_FIELDS)).toMatchObject({ freeText: null, extra: [] });
  });
});

describe('readSelections', () => {
  test.each([
    { name: 'checked boxes only', value: '- [X] CLI\n- [ ] Docs\n- [x] npm packages', expected: ['CLI', 'npm packages'] },
    { name: 'dropdown multi-select', value: 'CLI, Docs', expected: ['CLI', 'Docs'] },
    { name: 'nothing checked', value: '- [ ] CLI', expected: [] },
    { name: 'empty', value: null, expected: [] },
  ])('$name', ({ value, expected }) => {
    expect(readSelections(value)).toEqual(expected);
  });
});

describe('readIssueNumbers', () => {
  test.each([
    { value: '#12', expected: [12] },
    { value: '12', expected: [12] },
    { value: 'Post-mortem for #12 and #13 (#12)', expected: [12, 13] },
    { value: 'see https://x.y/#12 and a&#12;', expected: [] },
    { value: null, expected: [] },
  ])('$value', ({ value, expected }) => {
    expect(readIssueNumbers(value)).toEqual(expected);
  });
});

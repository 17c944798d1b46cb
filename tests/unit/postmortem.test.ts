import { describe, expect, test } from 'vitest';
import { buildPostmortemFromFile, buildPostmortemFromIssue, readActionItems } from '../../src/lib/postmortem.ts';
import type { ReferencedIssue } from '../../src/lib/schema/snapshot.ts';
import { formBody, issue } from '../support/records.ts';

const render = { html: (md: string) => `<p>${md}</p>`, text: (md: string) => md };
const ref = (number: number, state: 'open' | 'closed'): [number, ReferencedIssue] => [
  number,
  { number, state, title: `#${number}`, url: `https://github.com/acme/widgets/issues/${number}` },
];
const referenced = new Map([ref(20, 'closed'), ref(21, 'open'), ref(22, 'closed')]);

describe('readActionItems', () => {
  test.each([
    { name: 'ticked box', line: '- [x] Add a check', done: true, links: [] },
    { name: 'open box', line: '- [ ] Add a check', done: false, links: [] },
    { name: 'open box whose linked issue is closed', line: '- [ ] Fix it #20', done: true, links: [{ number: 20, state: 'closed' }] },
    { name: 'linked issue still open', line: '- [ ] Fix it #21', done: false, links: [{ number: 21, state: 'open' }] },
    {
      name: 'all linked issues must be closed',
      line: '- [ ] Fix #20 and #21',
      done: false,
      links: [
        { number: 20, state: 'closed' },
        { number: 21, state: 'open' },
      ],
    },
    { name: 'unknown linked issue', line: '- [ ] Fix #99', done: false, links: [{ number: 99, state: 'unknown' }] },
  ])('$name', ({ line, done, links }) => {
    const [item] = readActionItems(line, referenced, render);
    expect(item?.done).toBe(done);
    expect(item?.links.map(({ number, state }) => ({ number, state }))).toEqual(links);
  });

  test('lines that are not tasks are ignored', () => {
    expect(readActionItems('Some intro\n- a plain bullet\n- [x] real task', referenced, render)).toHaveLength(1);
  });
});

describe('post-mortem issues', () => {
  test.each([
    { name: 'incident in the form field', title: 'Post-mortem', body: formBody({ 'Incident number': '#12', Summary: 'S' }), incidents: [12] },
    { name: 'bare number in the form field', title: 'Post-mortem', body: formBody({ 'Incident number': '12' }), incidents: [12] },
    { name: 'incident in the title', title: 'Post-mortem of #14', body: formBody({ Summary: 'S' }), incidents: [14] },
    { name: 'several incidents', title: 'PM', body: formBody({ Incident: '#14, #15' }), incidents: [14, 15] },
  ])('$name', ({ title, body, incidents }) => {
    expect(buildPostmortemFromIssue(issue({ number: 30, title, body, labels: ['postmortem'] }), referenced, render)?.incidents).toEqual(incidents);
  });

  test('names no incident → undefined', () => {
    expect(buildPostmortemFromIssue(issue({ number: 30, title: 'Thoughts', body: 'No number', labels: ['postmortem'] }), referenced, render)).toBeUndefined();
  });

  test('sections are read', () => {
    const body = formBody({
      'Incident number': '#12',
      Summary: 'Sum',
      Timeline: '- 10:00 start',
      'Root cause (5 whys)': '1. Why?',
      'Action items': '- [ ] Fix #21\n- [x] Done',
    });
    const pm = buildPostmortemFromIssue(issue({ number: 30, body, labels: ['postmortem'] }), referenced, render);
    expect(pm).toMatchObject({
      summaryHtml: '<p>Sum</p>',
      timelineHtml: '<p>- 10:00 start</p>',
      rootCauseHtml: '<p>1. Why?</p>',
      source: { kind: 'issue', number: 30 },
    });
    expect(pm?.actionItems.map((a) => a.done)).toEqual([false, true]);
  });
});

test('post-mortem files use ## headings and the # title', () => {
  const markdown = '# Post-mortem: the outage\n\n## Summary\n\nIt broke.\n\n## Root cause\n\nWhy x5\n\n## Action items\n\n- [ ] Fix #22\n';
  const pm = buildPostmortemFromFile({ incident: 12, path: 'content/postmortems/12.md', markdown }, referenced, render);
  expect(pm).toMatchObject({
    incidents: [12],
    title: 'Post-mortem: the outage',
    summaryHtml: '<p>It broke.</p>',
    rootCauseHtml: '<p>Why x5</p>',
    source: { kind: 'file', path: 'content/postmortems/12.md' },
  });
  expect(pm.actionItems).toMatchObject([{ done: true, links: [{ number: 22, state: 'closed' }] }]);
});

/**
 * The sync fetches exactly what the model publishes (issue #9): label names compared the same way
 * (GitHub treats them case-insensitively), and action items' references read by the model's reader.
 */
import { describe, expect, test } from 'vitest';
import { incidentBody, PEOPLE } from '../support/github-fixtures.ts';
import { readSnapshot, recordOf, syncInProcess, useSyncFixture } from './harness.ts';

const fixture = useSyncFixture();

describe('label names', () => {
  test.each([
    { name: 'lower case, as configured', label: 'incident' },
    { name: 'capitalised, as `npm run labels` accepts', label: 'Incident' },
    { name: 'upper case', label: 'INCIDENT' },
  ])('$name: fetched on the first (full) run and on incremental runs', async ({ label }) => {
    const { server, repo, ws } = fixture;
    const first = repo.addIssue({ title: 'Down', body: incidentBody('All of it.'), labels: [label], user: PEOPLE.admin });
    await syncInProcess(server, ws);
    expect(recordOf(ws, first.number)?.labels).toEqual([label]);
    const second = repo.addIssue({ title: 'Down again', body: incidentBody('Again.'), labels: [label], user: PEOPLE.admin });
    expect((await syncInProcess(server, ws)).mode).toBe('incremental');
    expect(recordOf(ws, second.number)?.labels).toEqual([label]);
  });
});

describe('post-mortem action items', () => {
  test('the sync fetches the issues the model links, and only those', async () => {
    const { server, repo, ws } = fixture;
    const numbers = Array.from({ length: 40 }, (_, i) => repo.addIssue({ labels: ['bug'], title: `Bug ${i + 1}` }).number);
    const [a, b, c] = numbers;
    const body = [
      '### Incident number',
      '',
      '#1',
      '',
      '### Action items',
      '',
      `+ [ ] Plus bullet #${a}`,
      `1. [ ] Ordered #${b}`,
      `- [ ] Entity-encoded hash &#35;${c} is text, not a reference`,
      '',
      '### Timeline',
      '',
      `- [ ] not an action item #${c}`,
    ].join('\n');
    repo.addIssue({ labels: ['Postmortem'], title: 'Post-mortem', body, user: PEOPLE.admin });
    await syncInProcess(server, ws);
    expect(readSnapshot(ws).referencedIssues.map((r) => r.number)).toEqual([a, b]);
  });
});

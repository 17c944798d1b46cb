/**
 * The issue forms are generated from the config, and what GitHub makes of a submitted form must
 * read back as the incident it describes: the forms and the parser share one list of headings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/data/load-config.ts';
import { buildIncident } from '../../src/lib/incident.ts';
import { generateIssueTemplates } from '../../src/lib/issue-templates.ts';
import { buildMaintenance } from '../../src/lib/maintenance.ts';
import { buildPostmortemFromIssue } from '../../src/lib/postmortem.ts';
import { issue, maintainer } from '../support/records.ts';

const config = loadConfig(path.resolve('content/status.yml'), {});
const templates = generateIssueTemplates(config);
const render = { html: (md: string) => md, text: (md: string) => md };

interface Element {
  type: string;
  id?: string;
  attributes: { label?: string; options?: (string | { label: string })[] };
}

/** Renders a submitted form the way GitHub writes the issue body. */
function submit(file: string, answers: Record<string, string | string[]>): string {
  const form = parse(templates[file] ?? '') as { body: Element[] };
  return form.body
    .filter((el) => el.type !== 'markdown')
    .map((el) => {
      const answer = answers[el.id ?? ''];
      let value: string;
      if (el.type === 'checkboxes') {
        value = (el.attributes.options ?? [])
          .map((o) => (typeof o === 'string' ? o : o.label))
          .map((label) => `- [${(answer as string[] | undefined)?.some((a) => label.startsWith(a)) ? 'X' : ' '}] ${label}`)
          .join('\n');
      } else if (el.type === 'dropdown') {
        value = (el.attributes.options ?? []).map(String).find((o) => o.startsWith(String(answer))) ?? '_No response_';
      } else value = typeof answer === 'string' && answer ? answer : '_No response_';
      return `### ${el.attributes.label}\n\n${value}`;
    })
    .join('\n\n');
}

test('the committed forms match content/status.yml (run `npm run templates` after editing it)', () => {
  for (const [file, text] of Object.entries(templates)) expect(readFileSync(path.resolve(file), 'utf8'), file).toBe(text);
});

describe('a submitted form reads back', () => {
  test('incident', () => {
    const body = submit('.github/ISSUE_TEMPLATE/incident.yml', { severity: 'P1', components: ['CLI', 'npm packages'], broken: 'Installs fail', eta: '2 h' });
    const notices: { where: string; message: string }[] = [];
    const incident = buildIncident(issue({ number: 1, labels: ['incident'], body }), config, render, notices);
    expect(incident).toMatchObject({
      severity: 'P1',
      severitySource: 'form',
      components: ['cli', 'npm-packages'],
      scope: { broken: 'Installs fail', eta: '2 h', affected: null, workaround: null },
    });
    expect(notices).toEqual([]);
  });

  test('maintenance', () => {
    const body = submit('.github/ISSUE_TEMPLATE/maintenance.yml', {
      start: '2026-12-01 10:00',
      end: '2026-12-01 12:00',
      components: ['Documentation'],
      impact: 'Read-only',
    });
    const m = buildMaintenance(issue({ number: 2, labels: ['maintenance'], body }), config, new Date('2026-11-21T00:00:00Z'), render, []);
    expect(m).toMatchObject({
      status: 'scheduled',
      scheduledFor: '2026-12-01T10:00:00.000Z',
      scheduledUntil: '2026-12-01T12:00:00.000Z',
      components: ['docs'],
      impactHtml: 'Read-only',
    });
  });

  test('post-mortem', () => {
    const body = submit('.github/ISSUE_TEMPLATE/postmortem.yml', { incident: '#12', summary: 'S', rootCause: '1. Why? x', actionItems: '- [ ] Fix #30' });
    const pm = buildPostmortemFromIssue(issue({ number: 3, labels: ['postmortem'], body, author: maintainer() }), new Map(), render);
    expect(pm).toMatchObject({
      incidents: [12],
      summaryHtml: 'S',
      rootCauseHtml: '1. Why? x',
      actionItems: [{ done: false, links: [{ number: 30, state: 'unknown' }] }],
    });
  });
});

test('every form applies its configured label and lists every component', () => {
  const incident = parse(templates['.github/ISSUE_TEMPLATE/incident.yml'] ?? '') as { labels: string[]; body: Element[] };
  expect(incident.labels).toEqual([config.labels.incident]);
  const boxes = incident.body.find((el) => el.type === 'checkboxes')?.attributes.options ?? [];
  expect(boxes).toHaveLength(config.components.length);
});

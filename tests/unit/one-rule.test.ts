/**
 * Rules the model and the sync must answer the same way (issue #9): label names, component labels
 * and post-mortem action-item references are each read by one function of src/lib.
 */
import { describe, expect, test } from 'vitest';
import { readActionItems } from '../../src/lib/postmortem.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { config, formBody, issue, snapshot } from '../support/records.ts';

const NOW = new Date('2026-11-21T12:00:00Z');
const render = { html: (md: string) => md, text: (md: string) => md };
const model = (issues: unknown[]) =>
  buildSiteModel({ config: config(), snapshot: SnapshotSchema.parse(snapshot(issues)), postmortemFiles: [], now: NOW, demo: false });

const window = { 'Window start (UTC)': '2026-11-21 11:00', 'Window end (UTC)': '2026-11-21 13:00' };

describe('component labels are read one way for incidents and maintenance', () => {
  test.each([
    { name: 'plain', label: 'component:docs', components: ['docs'], warned: false },
    { name: 'prefix case differs', label: 'Component:docs', components: ['docs'], warned: false },
    { name: 'space after the prefix', label: 'component: docs', components: ['docs'], warned: false },
    { name: 'unknown component', label: 'component:nope', components: [], warned: true },
  ])('$name', ({ label, components, warned }) => {
    const m = model([
      issue({ number: 1, labels: ['incident', label] }),
      issue({ number: 2, labels: ['maintenance', label], body: formBody({ ...window, Impact: 'Slow.' }) }),
    ]);
    expect(m.incidents[0]?.components).toEqual(components);
    expect(m.maintenances[0]?.components).toEqual(components);
    for (const where of ['issue #1', 'issue #2']) expect(m.notices.some((n) => n.where === where && n.message.includes('unknown component'))).toBe(warned);
  });
});

describe('action-item references', () => {
  test.each([
    { name: 'dash', line: '- [ ] Add a canary #12', links: [12] },
    { name: 'plus bullet', line: '+ [ ] Add a canary #12', links: [12] },
    { name: 'ordered item', line: '1. [ ] Add a canary #12', links: [12] },
    { name: 'ordered item with )', line: '2) [x] Add a canary #12', links: [12] },
    { name: 'entity-encoded hash is not an issue', line: '- [ ] Add a canary &#35;12', links: [] },
    { name: 'entity then a reference', line: '- [ ] Fix &#35; then #13', links: [13] },
    { name: 'double hash', line: '- [ ] See ##14', links: [] },
    { name: 'other repository', line: '- [ ] See other/repo#15', links: [] },
  ])('$name', ({ line, links }) => {
    expect(readActionItems(line, new Map(), render).flatMap((item) => item.links.map((l) => l.number))).toEqual(links);
  });
});

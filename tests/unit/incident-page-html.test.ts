/**
 * The incident page's body as a string (src/lib/incident-page-html.ts, issue #15). The build tests
 * check the page as a whole, and a `diff -r` of the demo and of a 10,000-incident build showed it
 * byte for byte what the Astro template wrote; these check what a string renderer can get wrong on
 * its own: that every piece of text a person wrote stays text.
 */
import { Window } from 'happy-dom';
import { describe, expect, test } from 'vitest';
import { attribute } from '../../src/lib/html-escape.ts';
import { incidentPageHtml, updatesHtml } from '../../src/lib/incident-page-html.ts';
import { SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { makeUrls } from '../../src/lib/urls.ts';
import { CONFIG_INPUT, closed, comment, config, formBody, issue, snapshot } from '../support/records.ts';

const HOSTILE = `<img src=x onerror="alert(1)"> & 'quotes' "too"`;

function parse(html: string): Document {
  const window = new Window();
  window.document.body.innerHTML = html;
  return window.document as unknown as Document;
}

function page(records: unknown[], components = CONFIG_INPUT.components): { html: string; doc: Document } {
  const model = buildSiteModel({
    config: config({ components }),
    snapshot: SnapshotSchema.parse(snapshot(records)),
    postmortemFiles: [],
    now: new Date('2026-11-21T12:00:00Z'),
    demo: false,
  });
  const incident = model.incidents[0];
  if (!incident) throw new Error('the records hold no published incident');
  const html = incidentPageHtml(model, incident, makeUrls('/status/'));
  return { html, doc: parse(html) };
}

/** Elements and attributes nobody asked for: what an injection would add. */
function injected(doc: Document): string[] {
  return [...doc.querySelectorAll('*')].flatMap((el) => [
    ...(['IMG', 'SCRIPT', 'IFRAME'].includes(el.tagName) ? [el.tagName] : []),
    ...[...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
  ]);
}

describe('text a person wrote stays text', () => {
  test('a promised next update, a workaround and an update', () => {
    const opened = issue({
      number: 7,
      body: formBody({ Severity: 'P1', 'What is broken': `Installs fail ${HOSTILE}`, Components: 'CLI' }),
      comments: [
        comment({ at: '2026-11-21T10:00:00Z', body: `Looking into it ${HOSTILE}\n\nWorkaround: pin 1.2 ${HOSTILE}\nNext update: in 30 minutes ${HOSTILE}` }),
      ],
    });
    const { doc } = page([opened]);
    expect(injected(doc)).toEqual([]);
    // The model keeps a promise's plain text (tags dropped); what is left stays text.
    expect(doc.querySelector('[data-next-update]')?.textContent).toContain(`in 30 minutes & 'quotes' "too"`);
    expect(doc.querySelector('.updates .prose')?.textContent).toContain('Looking into it');
    expect(doc.querySelector('.scope')?.textContent).toContain('pin 1.2');
  });

  test('component names from the config and the closing entry', () => {
    const resolved = closed(issue({ number: 8, body: formBody({ Severity: 'P2', 'What is broken': 'x', Components: 'cli' }) }), '2026-11-21T11:00:00Z');
    const { doc } = page([resolved], [{ id: 'cli', name: `CLI ${HOSTILE}` }]);
    expect(injected(doc)).toEqual([]);
    expect(doc.querySelector('.facts a[href="/status/components/cli/"]')?.textContent).toBe(`CLI ${HOSTILE}`);
    expect(doc.querySelector('[data-closing="resolved"]')?.textContent).toContain('This incident has been resolved.');
  });
});

describe('updatesHtml', () => {
  test('no updates says so', () => {
    expect(updatesHtml([], '2026-11-21T12:00:00Z')).toBe('<p class="muted">No updates yet.</p>');
  });

  test("an update's author is text and its id an attribute", () => {
    const doc = parse(
      updatesHtml(
        [{ id: 5, author: HOSTILE, createdAt: '2026-11-21T10:00:00Z', html: '<p>ok</p>', text: 'ok', url: 'https://github.com/a/b/issues/1' }],
        '2026-11-21T12:00:00Z',
      ),
    );
    expect(injected(doc)).toEqual([]);
    expect(doc.querySelector('#update-5 .meta span:last-child')?.textContent).toBe(`by ${HOSTILE}`);
  });
});

describe('attribute, as Astro writes one', () => {
  test.each([
    ['data-due', '', ' data-due'],
    ['href', '/a?b=1&c="2"', ' href="/a?b=1&#38;c=&#34;2&#34;"'],
    ['data-update', 42, ' data-update="42"'],
  ] as const)('%s=%j', (name, value, expected) => {
    expect(attribute(name, value)).toBe(expected);
  });
});

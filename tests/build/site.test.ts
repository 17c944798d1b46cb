/**
 * Builds a fixture snapshot with the real build under a sub-path base and checks, with a DOM
 * parser, what a visitor sees on each page type.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { buildFixture, type FixtureBuild, text } from '../support/build.ts';

/** The `dl.facts` of a page as "term: value" lines. */
const facts = (doc: Document): string[] => [...doc.querySelectorAll('dl.facts dt')].map((dt) => `${text(dt)}: ${text(dt.nextElementSibling)}`);

/** The elements before the first one `keep` refuses. */
function leading(items: readonly Element[], keep: (item: Element) => boolean): Element[] {
  const end = items.findIndex((item) => !keep(item));
  return items.slice(0, end === -1 ? items.length : end);
}

import { closed, comment, event, formBody, issue, outsider, snapshot } from '../support/records.ts';

const NOW = '2026-11-21T12:00:00Z';
const at = (hoursAgo: number): string => new Date(new Date(NOW).getTime() - hoursAgo * 3600_000).toISOString();

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> [click](javascript:alert(2)) <iframe src="https://evil.example"></iframe>';

function fixtureIssues() {
  const p0 = issue({
    number: 101,
    title: 'Installs fail with 404',
    createdAt: at(2),
    updatedAt: at(1),
    labels: ['incident', 'P0', 'component:npm', 'identified'],
    assignees: ['ada'],
    body: formBody({
      Severity: 'P0',
      'Affected components': '- [x] CLI\n- [ ] Website',
      'What is broken': 'npm install fails with E404.',
      'Who is affected': 'Everyone installing.',
      'Workaround or alternatives': 'Pin version 1.2.3.',
      'Expected fix time': 'Within 2 hours',
      'Upstream cause links': '_No response_',
    }),
    comments: [
      comment({ id: 1, at: at(1.9), body: 'Looking into it.' }),
      comment({ id: 2, at: at(1.8), body: 'FAKE UPDATE: all fixed, download from evil.example', author: outsider('troll') }),
      comment({ id: 3, at: at(1.5), body: 'Status: identified\n\nThe release job broke.' }),
    ],
    events: [event('assigned', at(1.95), { assignee: 'ada' }), event('labeled', at(1.5), { label: 'identified' })],
  });
  const p2 = issue({
    number: 102,
    title: 'Docs search slow',
    createdAt: at(5),
    labels: ['incident', 'P2', 'component:docs', 'monitoring'],
    body: formBody({ 'What is broken': 'Search takes 10 s.' }),
  });
  const resolved = closed(
    issue({
      number: 90,
      title: 'CLI crashed on start',
      createdAt: at(30),
      labels: ['incident', 'P1', 'component:cli'],
      body: `A free-text body. ${XSS}`,
      comments: [comment({ id: 4, at: at(29), body: `Fixed. ${XSS}` })],
    }),
    at(28),
  );
  const withdrawn = closed(
    issue({ number: 85, title: 'Website down? (false alarm)', createdAt: at(40), labels: ['incident', 'P1', 'component:site'] }),
    at(39),
    'not_planned',
  );
  const pmIssue = issue({
    number: 95,
    title: 'Post-mortem: CLI crash (#90)',
    labels: ['postmortem'],
    createdAt: at(20),
    body: formBody({
      'Incident number': '#90',
      Summary: 'The CLI crashed for an hour.',
      'Root cause (5 whys)': '1. Why? A bad release.',
      'Action items': '- [ ] Add a smoke test #200\n- [ ] Canary releases #201',
    }),
  });
  const untrusted = issue({ number: 99, title: 'OUTSIDER INCIDENT SHOULD NOT APPEAR', author: outsider(), createdAt: at(1) });
  const embargoed = issue({ number: 98, title: 'EMBARGOED SHOULD NOT APPEAR', labels: ['incident', 'P0', 'embargoed'], createdAt: at(1) });
  const old = Array.from({ length: 30 }, (_, i) =>
    closed(
      issue({ number: 60 - i, title: `Old incident ${60 - i}`, createdAt: at(24 * (20 + i * 10)), labels: ['incident', 'P2', 'component:site'] }),
      at(24 * (20 + i * 10) - 1),
    ),
  );
  return [p0, p2, resolved, withdrawn, pmIssue, untrusted, embargoed, ...old];
}

let site: FixtureBuild;
beforeAll(async () => {
  site = await buildFixture({
    now: NOW,
    siteUrl: 'https://acme.github.io/status-sub',
    config: {
      title: 'Acme status',
      description: 'Status of Acme widgets.',
      repository: 'acme/widgets',
      site: 'https://example.invalid/overridden',
      historyPageSize: 10,
      components: [
        { id: 'cli', name: 'CLI', group: 'Tools' },
        { id: 'npm', name: 'npm packages', group: 'Tools' },
        { id: 'docs', name: 'Documentation', group: 'Web' },
        { id: 'site', name: 'Website' },
      ],
    },
    snapshot: snapshot([...fixtureIssues(), { number: 77, title: null, body: 'malformed' }], {
      takenAt: '2026-11-21T11:52:00Z',
      referencedIssues: [{ number: 200, title: 'Smoke test', state: 'closed', url: 'https://github.com/acme/widgets/issues/200' }],
    }),
    postmortems: { '60.md': '# Post-mortem: old incident\n\n## Summary\n\nOld.\n\n## Action items\n\n- [x] Done thing\n' },
  });
  if (site.code !== 0) throw new Error(`fixture build failed:\n${site.stderr}\n${site.stdout}`);
});

describe('home page', () => {
  test('banner shows the worst active incident', () => {
    const doc = site.page('');
    expect(doc.querySelector('[data-overall]')?.getAttribute('data-overall')).toBe('major_outage');
    expect(text(doc.querySelector('[data-overall] [data-banner]'))).toBe('Major outage');
  });

  test('active incidents, most severe first, with workaround, ETA and latest trusted update', () => {
    const doc = site.page('');
    const cards = [...doc.querySelectorAll('section[aria-labelledby="active-heading"] [data-incident]')];
    expect(cards.map((c) => c.getAttribute('data-incident'))).toEqual(['101', '102']);
    const p0 = text(cards[0]);
    expect(p0).toContain('P0 · Critical');
    expect(p0).toContain('Identified');
    expect(p0).toContain('Pin version 1.2.3.');
    expect(p0).toContain('Within 2 hours');
    expect(p0).toContain('The release job broke.');
    expect(p0).not.toContain('Status: identified');
  });

  test('components grouped with their current status', () => {
    const doc = site.page('');
    const status = (id: string) => doc.querySelector(`[data-component="${id}"]`)?.getAttribute('data-status');
    expect([status('cli'), status('npm'), status('docs'), status('site')]).toEqual(['major_outage', 'major_outage', 'degraded_performance', 'operational']);
    expect([...doc.querySelectorAll('details[data-group] summary')].map((s) => text(s.querySelector('span')))).toEqual(['Tools', 'Web']);
    // Groups with something wrong are open; a component without a group is not put in an invented one.
    expect([...doc.querySelectorAll('details[data-group]')].map((d) => d.hasAttribute('open'))).toEqual([true, true]);
    expect(doc.querySelector('[data-ungrouped] [data-component="site"]')).not.toBeNull();
  });

  test('resolved and withdrawn in the last 7 days are listed; old ones are not', () => {
    const recent = [...site.page('').querySelectorAll('section[aria-labelledby="recent-heading"] [data-incident]')].map((c) => c.getAttribute('data-incident'));
    expect(recent).toEqual(['90', '85']);
  });

  test('untrusted, embargoed and outsider text never appear anywhere', () => {
    for (const file of site.htmlFiles()) {
      const html = site.page(file).documentElement.outerHTML;
      expect(html, file).not.toContain('SHOULD NOT APPEAR');
      expect(html, file).not.toContain('FAKE UPDATE');
    }
  });

  test('data time, build time, and the incomplete-data warning for the malformed record', () => {
    const doc = site.page('');
    expect(doc.body.getAttribute('data-as-of')).toBe('2026-11-21T11:52:00.000Z');
    expect(doc.querySelector('#stale-warning')?.hasAttribute('hidden')).toBe(true);
    expect(text(doc.querySelector('[data-incomplete-warning]'))).toContain('One incident record could not be read');
    expect(text(doc.querySelector('footer'))).toContain('Data as of 21 Nov 2026, 11:52 UTC');
  });

  test('severity legend: on its own page, linked from the home page', () => {
    expect(site.page('').querySelector('.legend')).toBeNull();
    expect(site.page('').querySelector(`a[href="${site.base}/severity/"]`)).not.toBeNull();
    expect(text(site.page('severity/').querySelector('.legend'))).toContain('Extreme or total interruption, no reasonable workaround.');
  });

  test('Maintenance is in the header navigation of every page', () => {
    for (const p of ['', 'severity/', 'incidents/101/'])
      expect([...site.page(p).querySelectorAll('header nav a')].map((a) => [text(a), a.getAttribute('href')])).toContainEqual([
        'Maintenance',
        `${site.base}/maintenance/`,
      ]);
  });

  test('the malformed issue is reported in the build log', () => {
    expect(site.stderr).toMatch(/warning: issue #77: skipped, not a valid issue record: title: expected string, got null/);
  });
});

describe('incident page', () => {
  test('facts, scope and updates of an active incident', () => {
    const doc = site.page('incidents/101/');
    expect(text(doc.querySelector('h1'))).toBe('Installs fail with 404');
    expect(facts(doc)).toEqual([
      'Status: Identified — We know the cause and are working on a fix.',
      'Severity: P0 (Critical): Extreme or total interruption, no reasonable workaround.',
      'Components: CLI, npm packages',
      'Started: 21 Nov 2026, 10:00 UTC (2 hours ago)',
      'Acknowledged: 21 Nov 2026, 10:00 UTC (after 0 s: declared by a maintainer)',
      'Ongoing for: 2 h',
      'Incident commander: ada',
      'On GitHub: Issue #101',
    ]);
    const scope = [...doc.querySelectorAll('.scope h3')].map((h) => `${text(h)}: ${text(h.nextElementSibling)}`);
    expect(scope).toEqual([
      'What is broken: npm install fails with E404.',
      'Who is affected: Everyone installing.',
      'Workaround (said 21 Nov 2026, 10:00 UTC): Pin version 1.2.3.',
      'Expected fix (said 21 Nov 2026, 10:00 UTC): Within 2 hours',
    ]);
    expect([...doc.querySelectorAll('[data-update]')].map((u) => u.getAttribute('data-update'))).toEqual(['3', '1']);
    expect(doc.querySelector('a[href="https://github.com/acme/widgets/issues/101"]')).not.toBeNull();
  });

  test('a resolved incident shows its resolve time and links its post-mortem', () => {
    const doc = site.page('incidents/90/');
    expect(facts(doc)).toContain('Resolved: 20 Nov 2026, 08:00 UTC (after 2 h)');
    expect(doc.querySelector(`a[href="${site.base}/postmortems/90/"]`)).not.toBeNull();
  });

  test('a withdrawn incident is kept and marked', () => {
    const doc = site.page('incidents/85/');
    expect(text(doc.querySelector('[data-withdrawn]'))).toContain('false alarm');
  });

  test('XSS in bodies and comments is inert', () => {
    const doc = site.page('incidents/90/');
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.textContent).toContain('Progressive enhancement only');
    expect(doc.querySelectorAll('iframe, [onerror], [onclick], [onload]')).toHaveLength(0);
    expect([...doc.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => /^\s*javascript:/i.test(h ?? ''))).toEqual([]);
  });
});

describe('history', () => {
  test('every incident ever, paginated, nothing dropped', () => {
    const seen: string[] = [];
    let page = 1;
    for (;;) {
      const p = page === 1 ? 'history/' : `history/${page}/`;
      if (!site.exists(p)) break;
      seen.push(...[...site.page(p).querySelectorAll('[data-incident]')].map((c) => c.getAttribute('data-incident') ?? ''));
      page += 1;
    }
    expect(page - 1).toBe(4);
    expect(seen).toHaveLength(34);
    expect(new Set(seen).size).toBe(34);
    expect(seen).not.toContain('99');
    expect(seen).not.toContain('98');
  });

  test('pages link to each other and are grouped by month', () => {
    const doc = site.page('history/2/');
    expect(doc.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe(`${site.base}/history/`);
    expect(doc.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(`${site.base}/history/3/`);
    expect([...doc.querySelectorAll('main h2')].length).toBeGreaterThan(0);
  });
});

describe('component, post-mortem and 404 pages', () => {
  test('component page shows its status and history', () => {
    const doc = site.page('components/site/');
    expect(doc.querySelector('[data-component-status]')?.getAttribute('data-component-status')).toBe('operational');
    // The first page of its 31 past incidents (paged like the history: 10 a page).
    expect(doc.querySelectorAll('[data-incident]').length).toBe(10);
    // Its incidents are P2s and a withdrawn P1: never downtime.
    expect(doc.querySelector('[data-uptime]')?.getAttribute('data-uptime')).toBe('100');
    const cli = site.page('components/cli/');
    expect(Number(cli.querySelector('[data-uptime]')?.getAttribute('data-uptime'))).toBeLessThan(100);
    expect(cli.querySelectorAll('.uptime .days > *')).toHaveLength(90);
  });

  test('component pages are paged like the history: newest first, every incident once, linked both ways', () => {
    const seen: string[] = [];
    const files: string[] = [];
    for (let page = 1; ; page += 1) {
      const p = page === 1 ? 'components/site/' : `components/site/${page}/`;
      if (!site.exists(p)) break;
      files.push(p);
      seen.push(...[...site.page(p).querySelectorAll('[data-incident]')].map((c) => c.getAttribute('data-incident') ?? ''));
    }
    expect(files).toHaveLength(4);
    // The false alarm 40 hours ago, then the old incidents from the newest (#60) back.
    expect(seen).toEqual(['85', ...Array.from({ length: 30 }, (_, i) => String(60 - i))]);
    const links = (p: string) => {
      const doc = site.page(p);
      return { prev: doc.querySelector('a[rel="prev"]')?.getAttribute('href') ?? null, next: doc.querySelector('a[rel="next"]')?.getAttribute('href') ?? null };
    };
    expect(links('components/site/')).toEqual({ prev: null, next: `${site.base}/components/site/2/` });
    expect(links('components/site/2/')).toEqual({ prev: `${site.base}/components/site/`, next: `${site.base}/components/site/3/` });
    expect(links('components/site/4/')).toEqual({ prev: `${site.base}/components/site/3/`, next: null });
    expect(text(site.page('components/site/3/').querySelector('[data-past-incidents]'))).toContain('Page 3 of 4');
  });

  test("only a component's first page carries the 90-day strip, monitors and active incidents; every page its status and feeds", () => {
    const first = site.page('components/site/');
    const older = site.page('components/site/2/');
    expect(first.querySelectorAll('.uptime .days > *')).toHaveLength(90);
    expect(older.querySelector('[data-uptime]')).toBeNull();
    expect(older.querySelector('[data-component-status]')?.getAttribute('data-component-status')).toBe('operational');
    expect(older.querySelector(`main a[href="${site.base}/components/site/"]`)).not.toBeNull();
    const feeds = (doc: Document) => [...doc.querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute('href'));
    expect(feeds(older)).toEqual(feeds(first));
    expect(feeds(older).length).toBeGreaterThan(feeds(site.page('history/')).length);
    // CLI: an active P0 on the first page, few past incidents, so no pager at all.
    const cli = site.page('components/cli/');
    expect(text(cli.querySelector('main'))).toContain('Active incidents');
    expect(cli.querySelector('nav.pager')).toBeNull();
    expect(site.exists('components/cli/2/')).toBe(false);
  });

  test('post-mortem from an issue, with action items following linked issues', () => {
    const doc = site.page('postmortems/90/');
    expect(text(doc.querySelector('h1'))).toBe('Post-mortem: CLI crash (#90)');
    expect(text(doc.querySelector('main'))).toContain('Root cause (5 whys) Why? A bad release.');
    expect([...doc.querySelectorAll('[data-action-done]')].map((li) => li.getAttribute('data-action-done'))).toEqual(['true', 'false']);
  });

  test('post-mortem from a file, and the index lists both', () => {
    expect(text(site.page('postmortems/60/').querySelector('h1'))).toBe('Post-mortem: old incident');
    expect(site.page('postmortems/').querySelectorAll('main li.card')).toHaveLength(2);
  });

  test('the post-mortem index shows each one’s action-item progress, with no separator to strand on a phone', () => {
    const index = site.page('postmortems/');
    expect([...index.querySelectorAll('[data-action-items]')].map(text)).toEqual(['1 of 2 action items done', '1 of 1 action items done']);
    for (const meta of index.querySelectorAll('main li.card .meta'))
      expect([...meta.childNodes].filter((n) => n.nodeType === 3 && /\S/.test(n.textContent ?? '')).map((n) => n.textContent)).toEqual([]);
  });

  test('404 page exists', () => {
    expect(text(site.page('404.html').querySelector('h1'))).toBe('Page not found');
  });
});

describe('links and metadata', () => {
  test('every internal link and asset resolves to a built file under the base', () => {
    const broken: string[] = [];
    for (const file of site.htmlFiles()) {
      const doc = site.page(file);
      for (const el of doc.querySelectorAll('a[href], link[href], img[src], script[src]')) {
        const ref = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
        const url = new URL(ref, `https://acme.github.io${site.base}/${file}`);
        if (url.origin !== 'https://acme.github.io') continue;
        expect(url.pathname.startsWith(`${site.base}/`), `${file} → ${ref} escapes the base`).toBe(true);
        if (!site.exists(url.pathname.slice(site.base.length))) broken.push(`${file} → ${ref}`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('every page has a title, a description and a canonical URL under the site', () => {
    for (const file of site.htmlFiles()) {
      const doc = site.page(file);
      expect(text(doc.querySelector('title')), file).not.toBe('');
      expect(doc.querySelector('meta[name="description"]')?.getAttribute('content'), file).toBeTruthy();
      expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), file).toMatch(/^https:\/\/acme\.github\.io\/status-sub\//);
    }
  });

  test('every page is the same document around its content, the pages endpoints write (not the layout) included', () => {
    const frame = (doc: Document) => ({
      lang: doc.documentElement.getAttribute('lang'),
      head: [...doc.head.children].map((el) => el.tagName).filter((tag) => tag !== 'LINK'),
      style: [...doc.querySelectorAll('style')].map((el) => el.textContent),
      body: [...doc.body.attributes].map((a) => `${a.name}=${a.value}`),
      header: doc.querySelector('body > header.site')?.outerHTML,
      // The chrome's notices lead <main>; a page's own (an incident's "Withdrawn") come after its heading.
      notices: leading([...(doc.querySelector('main')?.children ?? [])], (el) => el.classList.contains('notice')).map((el) => el.outerHTML),
      footer: doc.querySelector('body > footer.site')?.outerHTML,
      script: [...doc.querySelectorAll('script')].map((el) => el.textContent),
    });
    const home = frame(site.page(''));
    expect(home.style.join('')).toContain('.chart{');
    expect(home.script.join('')).toContain('data-local');
    const files = site.htmlFiles();
    expect(files.filter((f) => /^incidents\/\d+\/index\.html$/.test(f)).length).toBeGreaterThan(3);
    expect(files).toEqual(expect.arrayContaining(['history/index.html', 'history/severity/p0/index.html', 'components/cli/index.html']));
    for (const file of files) expect(frame(site.page(file)), file).toEqual(home);
    const incident = site.page('incidents/101/');
    expect(incident.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe('https://acme.github.io/status-sub/incidents/101/');
    expect(text(incident.querySelector('title'))).toBe('Installs fail with 404 · Acme status');
    expect(incident.querySelector('meta[name="description"]')?.getAttribute('content')).toMatch(/^Identified · P0: /);
    expect(text(incident.querySelector('main h1'))).toBe('Installs fail with 404');
  });

  test('no demo banner on a real snapshot', () => {
    expect(site.page('').querySelector('[data-demo-banner]')).toBeNull();
  });
});

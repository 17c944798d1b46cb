/**
 * A repository's files for the test server: branches, commits and trees (flat: path → text), the
 * REST endpoints `templates --publish` reads and writes through (repository, contents, git refs,
 * commits and trees, pull requests), protected branches that refuse ref updates as GitHub does,
 * and a hook to land a concurrent push between a client's read and its write.
 * https://docs.github.com/en/rest/git — https://docs.github.com/en/rest/repos/contents — https://docs.github.com/en/rest/pulls
 */
import { createHash } from 'node:crypto';
import type { FakeGitHubRepo } from './github-repo.ts';
import type { GitHubTestServer, RouteContext, RouteHandler, RouteResult } from './github-server.ts';

const DOCS = 'https://docs.github.com/rest';
const notFound = (): RouteResult => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}

export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
}

export class FakeGitStore {
  defaultBranch = 'main';
  /** Branch → head commit. */
  readonly branches = new Map<string, string>();
  readonly commits = new Map<string, FakeCommit>();
  readonly trees = new Map<string, ReadonlyMap<string, string>>();
  readonly pulls: FakePull[] = [];
  /** Branches whose ref updates GitHub refuses, with the status it answers (422, or 409 under a ruleset). */
  readonly protectedBranches = new Map<string, 403 | 409 | 422>();
  /** What the token may write: `contents` (refs, trees, commits) and `pullRequests` (GitHub's "Allow GitHub Actions to create pull requests"). */
  readonly tokenCan = { contents: true, pullRequests: true };
  /** Runs once, right before the next ref update is applied (a push that lands in between). */
  beforeRefUpdate: (() => void) | undefined;
  private nextPull = 1000;

  constructor() {
    this.branches.set(this.defaultBranch, this.storeCommit(this.storeTree(new Map()), [], 'Initial commit'));
  }

  private storeTree(files: ReadonlyMap<string, string>): string {
    const sha = sha1(JSON.stringify([...files].sort(([a], [b]) => a.localeCompare(b))));
    this.trees.set(sha, files);
    return sha;
  }

  private storeCommit(tree: string, parents: string[], message: string): string {
    const sha = sha1(JSON.stringify({ tree, parents, message, n: this.commits.size }));
    this.commits.set(sha, { sha, tree, parents, message });
    return sha;
  }

  /** The files at a branch or commit. */
  files(ref = this.defaultBranch): ReadonlyMap<string, string> {
    const commit = this.commits.get(this.branches.get(ref) ?? ref);
    if (!commit) throw new Error(`fixture: no branch or commit ${ref}`);
    return this.trees.get(commit.tree) ?? new Map();
  }

  read(path: string, ref = this.defaultBranch): string | undefined {
    return this.files(ref).get(path);
  }

  /** A person's push: changes (null deletes) on top of `branch`, which is created from the default branch if new. */
  push(changes: Record<string, string | null>, message = 'Edit files', branch = this.defaultBranch): string {
    const parent = this.branches.get(branch) ?? this.branches.get(this.defaultBranch)!;
    const files = new Map(this.files(parent));
    for (const [path, text] of Object.entries(changes)) {
      if (text === null) files.delete(path);
      else files.set(path, text);
    }
    const sha = this.storeCommit(this.storeTree(files), [parent], message);
    this.branches.set(branch, sha);
    return sha;
  }

  /** Commits on `branch`, newest first, following first parents. */
  history(branch = this.defaultBranch): FakeCommit[] {
    const out: FakeCommit[] = [];
    for (let sha = this.branches.get(branch); sha; sha = this.commits.get(sha)?.parents[0]) out.push(this.commits.get(sha)!);
    return out;
  }

  createTree(base: string | undefined, entries: { path: string; content: string }[]): string {
    const files = new Map(base ? (this.trees.get(base) ?? []) : []);
    for (const entry of entries) files.set(entry.path, entry.content);
    return this.storeTree(files);
  }

  createCommit(tree: string, parents: string[], message: string): string {
    return this.storeCommit(tree, parents, message);
  }

  createPull(spec: { title: string; body: string; head: string; base: string }): FakePull {
    const pull: FakePull = { number: this.nextPull++, state: 'open', ...spec };
    this.pulls.push(pull);
    return pull;
  }
}

const stores = new WeakMap<FakeGitHubRepo, FakeGitStore>();

/** The files of a test repository (created with one empty commit on `main`). */
export function gitOf(repo: FakeGitHubRepo): FakeGitStore {
  let store = stores.get(repo);
  if (!store) {
    store = new FakeGitStore();
    stores.set(repo, store);
  }
  return store;
}

const bodyOf = (ctx: { body: unknown }): Record<string, unknown> =>
  typeof ctx.body === 'object' && ctx.body !== null ? (ctx.body as Record<string, unknown>) : {};

/** 401 without a token, 403 when the token may not write contents; otherwise runs `write`. */
function contentsWrite(write: (ctx: RouteContext & { git: FakeGitStore; repo: FakeGitHubRepo }) => RouteResult): RouteHandler {
  return (ctx) => {
    if (!ctx.authenticated) return { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS } };
    const git = gitOf(ctx.repo!);
    if (!git.tokenCan.contents) return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } };
    return write({ ...ctx, git, repo: ctx.repo! });
  };
}

const refJson = (api: string, repo: FakeGitHubRepo, branch: string, sha: string) => ({
  ref: `refs/heads/${branch}`,
  url: `${api}/repos/${repo.fullName}/git/refs/heads/${branch}`,
  object: { type: 'commit', sha, url: `${api}/repos/${repo.fullName}/git/commits/${sha}` },
});

const pullJson = (api: string, repo: FakeGitHubRepo, git: FakeGitStore, pull: FakePull) => ({
  number: pull.number,
  state: pull.state,
  title: pull.title,
  body: pull.body,
  html_url: `https://github.com/${repo.fullName}/pull/${pull.number}`,
  url: `${api}/repos/${repo.fullName}/pulls/${pull.number}`,
  head: { ref: pull.head, label: `${repo.fullName.split('/')[0]}:${pull.head}`, sha: git.branches.get(pull.head) ?? null },
  base: { ref: pull.base, label: `${repo.fullName.split('/')[0]}:${pull.base}` },
});

/** `heads/main` → `main`; anything else (tags) is not kept here. */
const branchOf = (ref: string | undefined): string | undefined => (ref?.startsWith('heads/') ? ref.slice('heads/'.length) : undefined);

export function installGitRoutes(server: GitHubTestServer): void {
  const api = () => server.url;

  // https://docs.github.com/en/rest/repos/repos#get-a-repository
  server.route(
    'GET',
    '/repos/:owner/:repo',
    ({ repo }) => ({
      status: 200,
      body: { full_name: repo!.fullName, name: repo!.fullName.split('/')[1], default_branch: gitOf(repo!).defaultBranch, private: false },
    }),
    true,
  );

  // https://docs.github.com/en/rest/repos/contents#get-repository-content (files only)
  server.route(
    'GET',
    '/repos/:owner/:repo/contents/:path',
    ({ repo, params, query }) => {
      const git = gitOf(repo!);
      const ref = query.get('ref') ?? git.defaultBranch;
      if (!git.branches.has(ref) && !git.commits.has(ref))
        return { status: 404, body: { message: `No commit found for the ref ${ref}`, documentation_url: DOCS } };
      const text = git.read(params['path'] ?? '', ref);
      if (text === undefined) return notFound();
      const content = Buffer.from(text).toString('base64').replace(/.{60}/g, '$&\n');
      return { status: 200, body: { type: 'file', path: params['path'], encoding: 'base64', content, sha: sha1(`blob ${text}`) } };
    },
    true,
  );

  // https://docs.github.com/en/rest/git/refs#get-a-reference
  server.route(
    'GET',
    '/repos/:owner/:repo/git/ref/:ref',
    ({ repo, params }) => {
      const branch = branchOf(params['ref']);
      const sha = branch ? gitOf(repo!).branches.get(branch) : undefined;
      return branch && sha ? { status: 200, body: refJson(api(), repo!, branch, sha) } : notFound();
    },
    true,
  );

  // https://docs.github.com/en/rest/git/commits#get-a-commit-object
  server.route(
    'GET',
    '/repos/:owner/:repo/git/commits/:sha',
    ({ repo, params }) => {
      const commit = gitOf(repo!).commits.get(params['sha'] ?? '');
      if (!commit) return notFound();
      return { status: 200, body: { sha: commit.sha, message: commit.message, tree: { sha: commit.tree }, parents: commit.parents.map((sha) => ({ sha })) } };
    },
    true,
  );

  // https://docs.github.com/en/rest/git/trees#create-a-tree (entries with inline `content`)
  server.route(
    'POST',
    '/repos/:owner/:repo/git/trees',
    contentsWrite(({ git, ...ctx }) => {
      const { base_tree: base, tree } = bodyOf(ctx) as { base_tree?: string; tree?: { path: string; mode: string; type: string; content?: string }[] };
      if (base && !git.trees.has(base)) return { status: 422, body: { message: 'base_tree is not a valid tree oid', documentation_url: DOCS } };
      if (!Array.isArray(tree) || tree.some((e) => e.mode !== '100644' || e.type !== 'blob' || typeof e.content !== 'string')) {
        return { status: 422, body: { message: 'Invalid tree info', documentation_url: DOCS } };
      }
      const sha = git.createTree(
        base,
        tree.map((e) => ({ path: e.path, content: e.content ?? '' })),
      );
      return { status: 201, body: { sha, tree: [...(git.trees.get(sha) ?? [])].map(([path]) => ({ path, mode: '100644', type: 'blob' })), truncated: false } };
    }),
    true,
  );

  // https://docs.github.com/en/rest/git/commits#create-a-commit
  server.route(
    'POST',
    '/repos/:owner/:repo/git/commits',
    contentsWrite(({ git, ...ctx }) => {
      const { tree, parents, message } = bodyOf(ctx) as { tree?: string; parents?: string[]; message?: string };
      if (!tree || !git.trees.has(tree) || !Array.isArray(parents) || parents.some((p) => !git.commits.has(p)) || !message) {
        return { status: 422, body: { message: 'Validation Failed', documentation_url: DOCS } };
      }
      const sha = git.createCommit(tree, parents, message);
      return { status: 201, body: { sha, message, tree: { sha: tree }, parents: parents.map((p) => ({ sha: p })) } };
    }),
    true,
  );

  // https://docs.github.com/en/rest/git/refs#update-a-reference
  server.route(
    'PATCH',
    '/repos/:owner/:repo/git/refs/:ref',
    contentsWrite(({ git, repo, params, ...ctx }) => {
      const branch = branchOf(params['ref']);
      const { sha, force } = bodyOf(ctx) as { sha?: string; force?: boolean };
      if (!branch || !git.branches.has(branch)) return { status: 422, body: { message: 'Reference does not exist', documentation_url: DOCS } };
      const hook = git.beforeRefUpdate;
      git.beforeRefUpdate = undefined;
      hook?.();
      const refused = git.protectedBranches.get(branch);
      if (refused) {
        const message =
          refused === 409
            ? 'Repository rule violations found\n\nChanges must be made through a pull request.'
            : `Protected branch update failed for refs/heads/${branch}.`;
        return { status: refused, body: { message, documentation_url: DOCS } };
      }
      const commit = sha ? git.commits.get(sha) : undefined;
      if (!commit) return { status: 422, body: { message: 'Object does not exist', documentation_url: DOCS } };
      const head = git.branches.get(branch)!;
      if (!force && !isAncestor(git, head, commit.sha)) return { status: 422, body: { message: 'Update is not a fast forward', documentation_url: DOCS } };
      git.branches.set(branch, commit.sha);
      return { status: 200, body: refJson(api(), repo, branch, commit.sha) };
    }),
    true,
  );

  // https://docs.github.com/en/rest/git/refs#create-a-reference
  server.route(
    'POST',
    '/repos/:owner/:repo/git/refs',
    contentsWrite(({ git, repo, ...ctx }) => {
      const { ref, sha } = bodyOf(ctx) as { ref?: string; sha?: string };
      const branch = branchOf(ref?.replace(/^refs\//, ''));
      if (!branch || !sha || !git.commits.has(sha)) return { status: 422, body: { message: 'Validation Failed', documentation_url: DOCS } };
      if (git.branches.has(branch)) return { status: 422, body: { message: 'Reference already exists', documentation_url: DOCS } };
      git.branches.set(branch, sha);
      return { status: 201, body: refJson(api(), repo, branch, sha) };
    }),
    true,
  );

  // https://docs.github.com/en/rest/pulls/pulls#list-pull-requests (head = "owner:branch")
  server.route(
    'GET',
    '/repos/:owner/:repo/pulls',
    ({ repo, query }) => {
      const git = gitOf(repo!);
      const owner = repo!.fullName.split('/')[0];
      const state = query.get('state') ?? 'open';
      const head = query.get('head');
      const base = query.get('base');
      const pulls = git.pulls
        .filter((p) => state === 'all' || p.state === state)
        .filter((p) => !head || head === `${owner}:${p.head}`)
        .filter((p) => !base || base === p.base);
      return { status: 200, body: pulls.map((p) => pullJson(api(), repo!, git, p)), paginate: true };
    },
    true,
  );

  // https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request
  server.route(
    'POST',
    '/repos/:owner/:repo/pulls',
    contentsWrite(({ git, repo, ...ctx }) => {
      if (!git.tokenCan.pullRequests) {
        return { status: 403, body: { message: 'GitHub Actions is not permitted to create or approve pull requests.', documentation_url: DOCS } };
      }
      const { title, body, head, base } = bodyOf(ctx) as { title?: string; body?: string; head?: string; base?: string };
      if (!title || !head || !base || !git.branches.has(head) || !git.branches.has(base))
        return { status: 422, body: { message: 'Validation Failed', documentation_url: DOCS } };
      if (git.pulls.some((p) => p.state === 'open' && p.head === head && p.base === base)) {
        return {
          status: 422,
          body: {
            message: 'Validation Failed',
            errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.fullName.split('/')[0]}:${head}.` }],
            documentation_url: DOCS,
          },
        };
      }
      return { status: 201, body: pullJson(api(), repo, git, git.createPull({ title, body: body ?? '', head, base })) };
    }),
    true,
  );
}

function isAncestor(git: FakeGitStore, ancestor: string, of: string): boolean {
  const seen = new Set<string>();
  const queue = [of];
  while (queue.length > 0) {
    const sha = queue.shift()!;
    if (sha === ancestor) return true;
    if (seen.has(sha)) continue;
    seen.add(sha);
    queue.push(...(git.commits.get(sha)?.parents ?? []));
  }
  return false;
}

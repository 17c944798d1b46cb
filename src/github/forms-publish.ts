/**
 * `sitrep templates --publish`: makes the issue forms on the default branch match the config on
 * the default branch, through the REST git API (no clone, no push credentials in the checkout).
 *
 * It reads the config from the branch head itself — not from the checkout, which may already be
 * behind — renders the forms, and compares them with the forms at that same head. When they differ
 * it commits only the form files on top of that head and moves the branch without force: a push
 * that landed meanwhile makes GitHub refuse ("not a fast forward"), and the whole comparison runs
 * again from the new head. A branch GitHub refuses to update (branch protection, a ruleset) gets
 * the same commit on sitrep's own branch `sitrep/forms` and ONE pull request, which later runs
 * leave alone while it already holds the right forms. Never touches any other file, never deletes.
 */
import { InputError } from '../lib/errors.ts';
import type { GitHubClient } from './client.ts';
import { type ClientDefaultsOptions, createClientWithDefaults } from './client.ts';
import { GitHubError, toGitHubError } from './errors.ts';
import { isRateLimited, parseRepo, statusOf } from './fetchers.ts';

/** The branch the pull request comes from; sitrep's own, force-moved to each new set of forms. */
export const FORMS_BRANCH = 'sitrep/forms';
const COMMIT_MESSAGE = 'Regenerate the issue forms from content/status.yml\n\nWritten by `sitrep templates --publish`.';
const PERMISSION_HINT =
  'The token may not commit the forms or open the pull request: the workflow job needs `permissions: contents: write, pull-requests: write`, and for the pull request the repository must let GitHub Actions create pull requests (Settings → Actions → General → Workflow permissions).';
/** Fresh heads to retry from when pushes keep landing between the read and the write. */
const ATTEMPTS = 3;

export interface PublishFormsOptions extends ClientDefaultsOptions {
  /** owner/repo. */
  repository: string;
  /** The config's path in the repository. */
  configPath: string;
  /** The forms (path → text) for a config text; throws on a config the schema refuses. */
  renderForms: (configText: string, where: string) => Record<string, string>;
}

export type PublishFormsResult =
  | { action: 'up-to-date'; branch: string; head: string }
  | { action: 'committed'; branch: string; commit: string; files: string[] }
  | { action: 'pull-request'; branch: string; files: string[]; number: number; url: string; created: boolean; refusal: string };

interface Head {
  branch: string;
  sha: string;
  tree: string;
}

export async function publishForms(options: PublishFormsOptions): Promise<PublishFormsResult> {
  const { owner, repo } = parseRepo(options.repository);
  const { octokit, timeoutMs } = createClientWithDefaults(options);
  const api = new RepoFiles(octokit, owner, repo);
  try {
    const { data: info } = await octokit.request('GET /repos/{owner}/{repo}', { owner, repo });
    const branch = info.default_branch;
    for (let attempt = 1; ; attempt++) {
      const head = await api.head(branch);
      if (!head)
        throw new GitHubError(`GET /repos/${owner}/${repo}/git/ref/heads/${branch}`, 404, `the default branch ${branch} has no commit`, 'Push a first commit.');
      const configText = await api.read(options.configPath, head.sha);
      if (configText === undefined) {
        throw new GitHubError(
          `GET /repos/${owner}/${repo}/contents/${options.configPath}?ref=${branch}`,
          404,
          `${options.configPath} is not on ${branch}`,
          'Commit the config first (`sitrep init` writes one).',
        );
      }
      const forms = options.renderForms(configText, `${options.configPath} on ${branch}`);
      const drifted = await api.differing(forms, head.sha);
      if (drifted.length === 0) return { action: 'up-to-date', branch, head: head.sha };

      const commit = await api.commit(
        head,
        drifted.map((path) => ({ path, content: forms[path] ?? '' })),
      );
      const refusal = await api.moveBranch(branch, commit);
      if (refusal === null) return { action: 'committed', branch, commit, files: drifted };
      if (refusal === 'not-fast-forward') {
        if (attempt < ATTEMPTS) continue;
        throw new GitHubError(
          `PATCH /repos/${owner}/${repo}/git/refs/heads/${branch}`,
          422,
          `${branch} kept moving: ${ATTEMPTS} attempts were each overtaken by another push`,
          'The next run tries again.',
        );
      }
      return { action: 'pull-request', branch, files: drifted, refusal, ...(await api.proposeBranch(branch, commit, forms)) };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const failure = toGitHubError(error, { repository: options.repository, timeoutMs, authenticated: Boolean(options.token) });
    if (statusOf(error) !== 403 || isRateLimited(error)) throw failure;
    throw new GitHubError(failure.endpoint, 403, failure.detail, PERMISSION_HINT, { cause: error });
  }
}

/** The REST calls, one method each; errors other than the expected refusals propagate. */
class RepoFiles {
  constructor(
    private readonly octokit: GitHubClient,
    private readonly owner: string,
    private readonly repo: string,
  ) {}

  private get where() {
    return { owner: this.owner, repo: this.repo };
  }

  async head(branch: string): Promise<Head | null> {
    const sha = await this.branchSha(branch);
    if (!sha) return null;
    const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...this.where, commit_sha: sha });
    return { branch, sha, tree: data.tree.sha };
  }

  async branchSha(branch: string): Promise<string | null> {
    try {
      const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...this.where, ref: `heads/${branch}` });
      return data.object.sha;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** A file's text at a commit, or undefined when there is none. */
  async read(path: string, ref: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { ...this.where, path, ref });
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
      return Buffer.from(data.content, 'base64').toString('utf8');
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** The paths of `forms` whose text at `ref` differs (or is missing), in order. */
  async differing(forms: Record<string, string>, ref: string): Promise<string[]> {
    const drifted: string[] = [];
    for (const [path, text] of Object.entries(forms)) if ((await this.read(path, ref)) !== text) drifted.push(path);
    return drifted;
  }

  /** A commit of `files` on top of `head`, every other file as it is there. */
  async commit(head: Head, files: { path: string; content: string }[]): Promise<string> {
    const { data: tree } = await this.octokit.request('POST /repos/{owner}/{repo}/git/trees', {
      ...this.where,
      base_tree: head.tree,
      tree: files.map((f) => ({ path: f.path, mode: '100644' as const, type: 'blob' as const, content: f.content })),
    });
    const { data: commit } = await this.octokit.request('POST /repos/{owner}/{repo}/git/commits', {
      ...this.where,
      message: COMMIT_MESSAGE,
      tree: tree.sha,
      parents: [head.sha],
    });
    return commit.sha;
  }

  /**
   * Moves `branch` to `commit` without force. null when done; 'not-fast-forward' when a push
   * landed since the read; GitHub's message when it refuses the branch itself (protection, a
   * ruleset: 403, 409 or 422 — GitHub answers all three depending on the rule).
   */
  async moveBranch(branch: string, commit: string): Promise<null | 'not-fast-forward' | string> {
    try {
      // No retry: a 409 (a ruleset's refusal) is an answer, not a transient failure.
      await this.octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
        ...this.where,
        ref: `heads/${branch}`,
        sha: commit,
        force: false,
        request: { retries: 0 },
      });
      return null;
    } catch (error) {
      const status = statusOf(error);
      const message = error instanceof Error ? error.message : String(error);
      if (status === 422 && /fast.?forward/i.test(message)) return 'not-fast-forward';
      if ((status === 422 || status === 409) && /protect|rule|pull request|review/i.test(message)) return message;
      if (status === 403 && /protect|rule|pull request|review/i.test(message)) return message;
      throw error;
    }
  }

  /** Puts `commit` on FORMS_BRANCH (unless it already holds these forms) and finds or opens the one pull request. */
  async proposeBranch(base: string, commit: string, forms: Record<string, string>): Promise<{ number: number; url: string; created: boolean }> {
    const current = await this.branchSha(FORMS_BRANCH);
    if (current === null) {
      try {
        await this.octokit.request('POST /repos/{owner}/{repo}/git/refs', { ...this.where, ref: `refs/heads/${FORMS_BRANCH}`, sha: commit });
      } catch (error) {
        // Another run created it just now: its forms are these forms, from the same config.
        if (!(statusOf(error) === 422 && /already exists/i.test(error instanceof Error ? error.message : ''))) throw error;
      }
    } else if ((await this.differing(forms, current)).length > 0) {
      await this.octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { ...this.where, ref: `heads/${FORMS_BRANCH}`, sha: commit, force: true });
    }
    const open = await this.openPull(base);
    if (open) return { ...open, created: false };
    try {
      const { data } = await this.octokit.request('POST /repos/{owner}/{repo}/pulls', {
        ...this.where,
        head: FORMS_BRANCH,
        base,
        title: 'Update the issue forms to match content/status.yml',
        body: [
          `\`content/status.yml\` changed on \`${base}\`, and the issue forms under \`.github/ISSUE_TEMPLATE\` no longer match it (its components, labels or title).`,
          '',
          `${base} is protected, so sitrep could not commit the regenerated forms directly: merge this pull request to update them. Until then, people filing an incident see the old forms, and ticked components that no longer exist are dropped.`,
          '',
          `Written by \`sitrep templates --publish\`. Later config changes update this branch (\`${FORMS_BRANCH}\`); it changes nothing but the forms.`,
        ].join('\n'),
      });
      return { number: data.number, url: data.html_url, created: true };
    } catch (error) {
      // Two overlapping runs: the other one opened it first.
      const again = statusOf(error) === 422 ? await this.openPull(base) : null;
      if (again) return { ...again, created: false };
      throw error;
    }
  }

  private async openPull(base: string): Promise<{ number: number; url: string } | null> {
    const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/pulls', {
      ...this.where,
      head: `${this.owner}:${FORMS_BRANCH}`,
      base,
      state: 'open',
      per_page: 10,
    });
    const pull = data[0];
    return pull ? { number: pull.number, url: pull.html_url } : null;
  }
}

/** The result as lines for the terminal. Pure. */
export function formatPublishResult(result: PublishFormsResult): string {
  switch (result.action) {
    case 'up-to-date':
      return `sitrep: the issue forms on ${result.branch} match content/status.yml`;
    case 'committed':
      return `sitrep: committed ${result.files.join(', ')} to ${result.branch} (${result.commit.slice(0, 7)})`;
    case 'pull-request':
      return `sitrep: ${result.branch} refused the commit (${result.refusal.split('\n')[0]}); ${result.created ? 'opened' : 'kept'} pull request #${result.number} from ${FORMS_BRANCH}: ${result.url}\n  forms: ${result.files.join(', ')}`;
  }
}

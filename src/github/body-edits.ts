/**
 * Who wrote each version of an issue's body (issue #10, item 1). REST does not say who edited a
 * body; GraphQL's `userContentEdits` does: each edit's `editor`, `editedAt` and, in `diff`, the
 * whole text of that version. Once a body has been edited, GitHub's history also holds the
 * original (the version the author opened it with).
 *
 * Asked only where it matters: an issue whose author is not trusted (only then can an untrusted
 * person have written its body) and whose body changed since the last run. GraphQL needs a token.
 *
 * https://docs.github.com/en/graphql/reference/objects#usercontentedit
 */
import type { BodyEdit } from '../lib/schema/snapshot.ts';
import type { GitHubClient } from './client.ts';
import { malformedResponse } from './errors.ts';
import type { Repo } from './fetchers.ts';
import type { IsTrusted } from './to-records.ts';
import { GHOST } from './to-records.ts';

/** GitHub keeps every version; 100 is one page and far beyond any incident report's edits. */
export const MAX_BODY_EDITS = 100;

const BODY_EDITS = `query userContentEdits($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      userContentEdits(first: ${MAX_BODY_EDITS}) { nodes { editedAt editor { login } diff } }
    }
  }
}`;

/** One version as GraphQL gives it; the editor's trust is decided later, like every actor's. */
export interface RawBodyEdit {
  editedAt: string;
  /** null for a deleted account. */
  editor: string | null;
  body: string | null;
}

interface BodyEditsAnswer {
  repository: { issue: { userContentEdits: { nodes: unknown[] } | null } | null } | null;
}

function readNode(node: unknown): RawBodyEdit | null {
  if (typeof node !== 'object' || node === null) return null;
  const { editedAt, editor, diff } = node as { editedAt?: unknown; editor?: { login?: unknown } | null; diff?: unknown };
  if (typeof editedAt !== 'string') return null;
  const login = editor && typeof editor.login === 'string' ? editor.login : null;
  return { editedAt, editor: login, body: typeof diff === 'string' && diff !== '' ? diff : null };
}

/** GraphQL's `userContentEdits.nodes` as versions, oldest first; null when a node is not shaped as asked. */
export function toRawBodyEdits(nodes: readonly unknown[]): RawBodyEdit[] | null {
  const edits = nodes.map(readNode);
  if (edits.some((e) => e === null)) return null;
  return (edits as RawBodyEdit[]).sort((a, b) => Date.parse(a.editedAt) - Date.parse(b.editedAt));
}

/** The versions of issue `number`'s body, oldest first; empty when it was never edited. */
export async function listBodyEdits(octokit: GitHubClient, { owner, repo }: Repo, number: number): Promise<RawBodyEdit[]> {
  const answer = await octokit.graphql<BodyEditsAnswer>(BODY_EDITS, { owner, name: repo, number });
  const nodes = answer?.repository?.issue?.userContentEdits?.nodes;
  const what = `POST /graphql (userContentEdits of issue #${number})`;
  if (!Array.isArray(nodes)) throw malformedResponse(what, 'the edit history of the issue');
  const edits = toRawBodyEdits(nodes);
  if (!edits) throw malformedResponse(what, 'edits with editedAt, editor and diff');
  return edits;
}

export function toBodyEdits(edits: readonly RawBodyEdit[], isTrusted: IsTrusted): BodyEdit[] {
  return edits.map((e) => ({
    editedAt: e.editedAt,
    editor: e.editor ? { login: e.editor, trusted: isTrusted(e.editor) } : { login: GHOST, trusted: false },
    body: e.body,
  }));
}

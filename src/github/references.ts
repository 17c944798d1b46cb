/**
 * Which issues a post-mortem's action items point at. Pure.
 *
 * An action item is a task-list line (`- [ ] Add a canary #123`, `* [x] … #45`); `#N` names an
 * issue of the same repository. `other/repo#N` and `abc#N` are not same-repository references.
 */

const TASK_LINE = /^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s+(.*)$/;
const ISSUE_REF = /(?<![\w/#])#(\d+)\b/g;

/** Issue numbers referenced from task-list lines of `body`, in first-seen order, without repeats. */
export function parseActionItemReferences(body: string | null): number[] {
  if (!body) return [];
  const numbers = new Set<number>();
  for (const line of body.split(/\r?\n/)) {
    const text = TASK_LINE.exec(line)?.[1];
    if (text === undefined) continue;
    for (const match of text.matchAll(ISSUE_REF)) {
      const n = Number(match[1]);
      if (Number.isSafeInteger(n) && n > 0) numbers.add(n);
    }
  }
  return [...numbers];
}

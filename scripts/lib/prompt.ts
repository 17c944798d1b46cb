/**
 * Questions on a terminal or a pipe (node:readline). Lines are read through readline's async
 * iterator, which buffers them: piped answers that arrive before their question are not lost,
 * as they would be with `rl.question`.
 */
import { createInterface } from 'node:readline';
import { ExitError } from './cli.ts';

export interface Prompter {
  /** Asks until there is an answer; an empty one takes `fallback` when there is one. */
  ask(question: string, fallback?: string): Promise<string>;
  close(): void;
}

export function createPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question, fallback) {
      for (;;) {
        output.write(`${question}${fallback ? ` [${fallback}]` : ''}: `);
        const next = await lines.next();
        if (next.done) {
          output.write('\n');
          throw new ExitError(`no answer to "${question}" (the input ended); pass it as a flag, or --yes to take the defaults`, 2);
        }
        const answer = String(next.value).trim();
        if (answer) return answer;
        if (fallback) return fallback;
      }
    },
    close: () => rl.close(),
  };
}

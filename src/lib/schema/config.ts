/**
 * The site configuration: `content/status.yml`, the one file a maintainer edits.
 * Types are derived from the schema so that the YAML, the docs and the code cannot drift.
 */
import { z } from 'astro/zod';
import { isHttpUrl } from '../url-schemes.ts';
import { AccentSchema, FaviconSchema, FooterSchema, HeaderLinksSchema, LogoSchema } from './brand.ts';
import { checkMonitors, FailuresToOpenSchema, MonitorsSchema, SuccessesToCloseSchema } from './monitors.ts';
import { NotifySchema, OnCallSchema } from './response.ts';

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const COMPONENT_ID = /^[a-z0-9][a-z0-9-]*$/;
/** A URL the page links to or builds on: http(s) only (a `javascript:` or `data:` one would run). */
const HttpUrlSchema = z.string().url().refine(isHttpUrl, 'use an http:// or https:// URL');

export const ComponentSchema = z
  .object({
    /** Stable id, used in labels (`component:<id>`), URLs and the API. */
    id: z.string().regex(COMPONENT_ID, 'use lowercase letters, digits and dashes, e.g. "npm-packages"'),
    /** Human name shown on the page and in the issue form. */
    name: z.string().min(1),
    /** One line saying what the component is. */
    description: z.string().optional(),
    /** Components sharing a group are shown together in a collapsible section. */
    group: z.string().min(1).optional(),
    /** Where the component lives, linked from its page. */
    url: HttpUrlSchema.optional(),
  })
  .strict();

export const LabelsSchema = z
  .object({
    /** Marks an issue as an incident. */
    incident: z.string().min(1).default('incident'),
    /** Severity labels, most severe first. */
    severity: z
      .object({
        P0: z.string().min(1).default('P0'),
        P1: z.string().min(1).default('P1'),
        P2: z.string().min(1).default('P2'),
      })
      .strict()
      .default({}),
    /** Prefix of component labels: `component:cli` marks the component with id `cli`. */
    componentPrefix: z.string().min(1).default('component:'),
    /** Status labels that move an open incident on. */
    status: z
      .object({
        investigating: z.string().min(1).default('investigating'),
        identified: z.string().min(1).default('identified'),
        monitoring: z.string().min(1).default('monitoring'),
      })
      .strict()
      .default({}),
    /** Marks a scheduled maintenance issue. */
    maintenance: z.string().min(1).default('maintenance'),
    /** Marks a post-mortem issue. */
    postmortem: z.string().min(1).default('postmortem'),
    /** Keeps an incident (e.g. a security issue) off the page until removed. */
    embargoed: z.string().min(1).default('embargoed'),
  })
  .strict()
  .default({});

export const SiteConfigSchema = z
  .object({
    /** The config's format version (issue #14): absent means 1; a newer one is refused (src/lib/schema/versions.ts). */
    version: z.literal(1).optional(),
    /** Page title, e.g. "Acme status". */
    title: z.string().min(1),
    /** One sentence under the title and in search results. */
    description: z.string().min(1),
    /** owner/repo holding the incident issues; the GITHUB_REPOSITORY env var overrides it. */
    repository: z.string().regex(REPOSITORY, 'expected "owner/repo"'),
    /** Public URL of the site; a project-pages URL (https://owner.github.io/repo) implies the base path /repo. */
    site: HttpUrlSchema,
    /** Web URL of the GitHub instance, for links to issues and profiles. */
    githubUrl: HttpUrlSchema.default('https://github.com'),
    /** Data older than this at build time (or in the visitor's browser) is flagged as possibly stale. */
    staleAfterMinutes: z.number().int().positive().default(30),
    /** Incidents per page in the full history. */
    historyPageSize: z.number().int().min(5).max(200).default(25),
    /** The production assets the page covers, in display order. */
    components: z
      .array(ComponentSchema)
      .min(1, 'list at least one component')
      .superRefine((components, ctx) => {
        const seen = new Set<string>();
        components.forEach((c, i) => {
          if (seen.has(c.id)) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'id'], message: `duplicate component id "${c.id}"` });
          }
          seen.add(c.id);
        });
      }),
    labels: LabelsSchema,
    /** GitHub logins trusted beyond the repository's own write-access holders. */
    maintainers: z.array(z.string().regex(LOGIN, 'expected a GitHub login')).default([]),
    /** Follow-the-sun rotations paged by @mention when an incident nobody owns appears. */
    oncall: OnCallSchema.optional(),
    /** Chat channels and webhooks told of every incident step. */
    notify: NotifySchema.default([]),
    /** Checks that open and resolve incidents on their own (see src/lib/schema/monitors.ts). */
    monitors: MonitorsSchema,
    /** Consecutive failed monitor runs that open an incident, for monitors that do not say. */
    failuresToOpen: FailuresToOpenSchema,
    /** Consecutive good monitor runs that resolve it, for monitors that do not say. */
    successesToClose: SuccessesToCloseSchema,
    /** Your brand (src/lib/schema/brand.ts): a file in public/ or an https URL, shown before the title. */
    logo: LogoSchema.optional(),
    /** A .svg, .png or .ico file in public/ or at an https URL: every page's icon. */
    favicon: FaviconSchema.optional(),
    /** Link and accent colour, "#rgb" or "#rrggbb"; shaded per theme where it lacks contrast. */
    accent: AccentSchema.optional(),
    /** Header links after the navigation: `[{ text: Discord, url: "https://…" }]`. */
    links: HeaderLinksSchema.default([]),
    /** Footer text, inline Markdown (links, code, bold, emphasis). */
    footer: FooterSchema.optional(),
  })
  .strict()
  .superRefine((config, ctx) =>
    checkMonitors(
      config.monitors,
      config.components.map((c) => c.id),
      ctx,
    ),
  );

export type Component = z.infer<typeof ComponentSchema>;
export type Labels = z.infer<typeof LabelsSchema>;
export type SiteConfig = z.infer<typeof SiteConfigSchema>;
/** What a maintainer writes: everything with a default may be left out. */
export type SiteConfigInput = z.input<typeof SiteConfigSchema>;

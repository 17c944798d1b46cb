/**
 * The snapshot: the contract between the sync (scripts/, the only network code) and the site.
 *
 * It holds raw-but-trimmed facts from GitHub; every decision (is this an incident, what is its
 * status) is made later by src/lib from these facts. Trust is the exception: it needs GitHub's
 * permission API, so the sync decides it and records it on every actor.
 *
 * Issues are validated one by one (see `IssueRecordSchema`): a malformed issue is reported and
 * skipped while the rest of the snapshot is used. Anything else malformed fails the build.
 */
import { z } from 'astro/zod';

export const SNAPSHOT_SCHEMA_VERSION = 1;

/**
 * zod's own `.datetime({ offset: true })` pattern, compiled once: `.datetime()` compiles its
 * pattern again for every value it checks, 1.1 s of reading a 10,000-incident snapshot (issue #15).
 */
const TIMESTAMP_PATTERN = z.datetimeRegex({ offset: true, local: false, precision: null });

/** ISO 8601 instant, as GitHub returns it (`2026-11-21T10:04:05Z`). */
export const TimestampSchema = z.string().regex(TIMESTAMP_PATTERN, { message: 'Invalid datetime' });

export const ActorSchema = z
  .object({
    /** GitHub login; "ghost" for a deleted account (GitHub's own convention for `user: null`). */
    login: z.string().min(1),
    /** Admin, maintain or write permission on the repository, or listed in `maintainers`. */
    trusted: z.boolean(),
  })
  .strict();

export const CommentRecordSchema = z
  .object({
    id: z.number().int(),
    author: ActorSchema,
    /** Markdown as written on GitHub: untrusted HTML until sanitized. */
    body: z.string(),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    url: z.string().url(),
  })
  .strict();

export const EventTypeSchema = z.enum(['labeled', 'unlabeled', 'assigned', 'unassigned', 'closed', 'reopened', 'renamed']);

export const EventRecordSchema = z
  .object({
    id: z.number().int(),
    type: EventTypeSchema,
    actor: ActorSchema,
    createdAt: TimestampSchema,
    /** Label name, for labeled/unlabeled. */
    label: z.string().optional(),
    /** Assignee login, for assigned/unassigned. */
    assignee: z.string().optional(),
    /** For closed: why (GitHub's `state_reason`). */
    stateReason: z.enum(['completed', 'not_planned', 'duplicate']).nullable().optional(),
    /** For renamed: the title before and after (who renamed is `actor`). */
    rename: z.object({ from: z.string(), to: z.string() }).strict().optional(),
  })
  .strict();

/** One version of an issue's body and who wrote it (GraphQL `userContentEdits`: `editor`, `editedAt`, `diff`). */
export const BodyEditSchema = z
  .object({
    editedAt: TimestampSchema,
    editor: ActorSchema,
    /** The whole body as of this edit; null when it was emptied. */
    body: z.string().nullable(),
  })
  .strict();

export const IssueRecordSchema = z
  .object({
    number: z.number().int().positive(),
    title: z.string(),
    /** Markdown body (an issue form renders as `### Heading` sections); null when empty. */
    body: z.string().nullable(),
    url: z.string().url(),
    state: z.enum(['open', 'closed']),
    /** GitHub's `state_reason`: `not_planned` marks a withdrawn incident. */
    stateReason: z.enum(['completed', 'not_planned', 'reopened', 'duplicate']).nullable(),
    labels: z.array(z.string()),
    author: ActorSchema,
    /** Assignee logins in GitHub's order; the first is the incident commander. */
    assignees: z.array(z.string()),
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
    closedAt: TimestampSchema.nullable(),
    /** The issues endpoint also lists pull requests; the sync drops them, the model ignores them. */
    isPullRequest: z.boolean().default(false),
    /** All comments, oldest first. */
    comments: z.array(CommentRecordSchema),
    /** Label, assignment, close, reopen and rename events, oldest first. */
    events: z.array(EventRecordSchema),
    /**
     * Versions of the body, oldest first, when it was ever edited; absent when it never was or
     * the sync could not ask (no token). Lets the model show the last version a maintainer saw.
     */
    bodyEdits: z.array(BodyEditSchema).optional(),
  })
  .strict();

export const ReferencedIssueSchema = z
  .object({
    number: z.number().int().positive(),
    title: z.string(),
    state: z.enum(['open', 'closed']),
    url: z.string().url(),
  })
  .strict();

/**
 * Where a sync cut short by the rate limit stopped (issue #15): the tracked issues it had listed
 * but not fetched yet. Versioned on its own so its shape can change without a snapshot migration.
 */
export const SyncResumeSchema = z
  .object({
    version: z.literal(1),
    /** Why the cut run listed everything (it finishes that listing's work); null when it was incremental. */
    fullReason: z.string().nullable(),
    /** When the cut run started: the reconciliation time once every pending issue is fetched. */
    startedAt: TimestampSchema,
    /** Issues left to fetch, in the order they are fetched (open first, newest first). */
    pending: z.array(z.object({ number: z.number().int().positive(), nodeId: z.string().min(1) }).strict()).min(1),
  })
  .strict();

/** Sync bookkeeping, owned by the sync: lets the next run ask only for what changed. */
export const SyncStateSchema = z
  .object({
    /** `updated_at` of the most recently updated issue seen: the next run's `since`. */
    highWaterMark: TimestampSchema.nullable(),
    /** ETag of each listing request, keyed by a name the sync chooses. */
    etags: z.record(z.string(), z.string()),
    /** When the sync last listed every tracked issue (catches deletions and transfers); absent before the first. */
    reconciledAt: TimestampSchema.optional(),
    /** Permission answers, re-checked at most daily. */
    permissions: z.record(z.string(), z.object({ permission: z.string(), checkedAt: TimestampSchema }).strict()),
    /** Issue numbers named by post-mortem action items that GitHub answered 404/410 for: not asked again until listed. */
    missingReferences: z.array(z.number().int().positive()).optional(),
    /** A run the rate limit cut short: the next run fetches these before anything else, without listing again. */
    resume: SyncResumeSchema.optional(),
  })
  .strict();

export const SnapshotSchema = z
  .object({
    schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
    /** When the sync finished reading GitHub: the "data as of" time. */
    takenAt: TimestampSchema,
    /** owner/repo the issues came from. */
    repository: z.string(),
    /** Validated one by one with `IssueRecordSchema`, so one bad issue cannot sink the page. */
    issues: z.array(z.unknown()),
    /** State of issues named by post-mortem action items. */
    referencedIssues: z.array(ReferencedIssueSchema).default([]),
    sync: SyncStateSchema.optional(),
  })
  .strict();

export type Actor = z.infer<typeof ActorSchema>;
export type CommentRecord = z.infer<typeof CommentRecordSchema>;
export type EventRecord = z.infer<typeof EventRecordSchema>;
export type BodyEdit = z.infer<typeof BodyEditSchema>;
export type IssueRecord = z.infer<typeof IssueRecordSchema>;
export type ReferencedIssue = z.infer<typeof ReferencedIssueSchema>;
export type SyncState = z.infer<typeof SyncStateSchema>;
export type Snapshot = z.infer<typeof SnapshotSchema>;
/** A snapshot as the sync writes it: issues fully typed. */
export type SnapshotInput = Omit<z.input<typeof SnapshotSchema>, 'issues'> & { issues: z.input<typeof IssueRecordSchema>[] };

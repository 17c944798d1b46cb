/**
 * The delivery record of `npm run notify` (content/notify-state.json): which event reached which
 * channel, what is still failing, and the subscribe issues sitrep keeps. Kept between runs in the
 * Actions cache like the snapshot, never committed; validated on read and on write.
 */
import { z } from 'astro/zod';

export const DeliverySchema = z
  .object({
    /** delivered: never sent again; failing: retried next run; gave_up: failed too often, never retried. */
    status: z.enum(['delivered', 'failing', 'gave_up']),
    /** Runs that tried to deliver it. */
    attempts: z.number().int().min(0),
    firstAttemptAt: z.string().datetime({ offset: true }),
    lastAttemptAt: z.string().datetime({ offset: true }),
    /** A webhook event can be several requests (the incident, then each component): how many got through. */
    partsDelivered: z.number().int().min(0).default(0),
    /** Why the last attempt failed. */
    lastError: z.string().optional(),
  })
  .strict();

export const EventRecordSchema = z
  .object({
    /** When the event happened: records are pruned by it. */
    at: z.string().datetime({ offset: true }),
    /** Keyed by channel id (`notifyChannelId`) or `subscribe:<key>`. */
    channels: z.record(z.string(), DeliverySchema),
  })
  .strict();

export const SubscribeIssueSchema = z
  .object({
    number: z.number().int().positive(),
    /** The issue on GitHub's web, linked from the page's "Get updates". */
    url: z.string().url(),
  })
  .strict();

export const NotifyStateSchema = z
  .object({
    schemaVersion: z.literal(1),
    updatedAt: z.string().datetime({ offset: true }),
    /** Keyed by event id, e.g. `incident-12:update:3456`. */
    deliveries: z.record(z.string(), EventRecordSchema).default({}),
    /** The subscribe issues of a repository, keyed `all` or by component id. */
    subscriptions: z
      .object({ repository: z.string(), issues: z.record(z.string(), SubscribeIssueSchema) })
      .strict()
      .optional(),
  })
  .strict();

export type Delivery = z.infer<typeof DeliverySchema>;
export type NotifyState = z.infer<typeof NotifyStateSchema>;

/** The record before the first run. */
export function emptyNotifyState(now: Date): NotifyState {
  return { schemaVersion: 1, updatedAt: now.toISOString(), deliveries: {} };
}

/**
 * The response loop's configuration: who is on call (`oncall`) and which chat channels hear of
 * incidents (`notify`). Secrets never sit in the file: a channel names the environment variable
 * (an Actions secret in the workflow) that holds its URL.
 */
import { z } from 'astro/zod';
import { findRotationOverlaps, WEEKDAYS, type Weekday } from '../oncall.ts';
import { SEVERITIES } from '../severity.ts';

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const RotationSchema = z
  .object({
    /** Shown on the page and in pages, e.g. "Europe". */
    name: z.string().min(1),
    /** UTC "HH:MM" at which the rotation takes over. */
    start: z.string().regex(CLOCK, 'expected a UTC time "HH:MM", e.g. "03:00"'),
    /** UTC "HH:MM" at which it hands over; before `start` means the window crosses midnight, equal means all day. */
    end: z.string().regex(CLOCK, 'expected a UTC time "HH:MM", e.g. "15:00"'),
    /** GitHub logins in paging order: the first is primary, the second secondary, … */
    responders: z.array(z.string().regex(LOGIN, 'expected a GitHub login')).min(1, 'list at least one responder'),
    /** Days (UTC) on which the window starts; every day when left out. */
    days: z
      .array(
        z.string().transform((day, ctx) => {
          const short = day.trim().toLowerCase().slice(0, 3) as Weekday;
          if (WEEKDAYS.includes(short)) return short;
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected a weekday (mon … sun), got "${day}"` });
          return z.NEVER;
        }),
      )
      .min(1)
      .optional(),
  })
  .strict();

export const OnCallSchema = z
  .object({
    /** Minutes without acknowledgement before the next responder is paged. */
    escalateAfterMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(10),
    /** How many more rounds through the whole rotation after the first. */
    repeat: z.number().int().min(0).max(10).default(2),
    /** Severities that page a person; the others only notify the channels. */
    severities: z.array(z.enum(SEVERITIES)).default(['P0', 'P1']),
    /** Show who is on call now (rotation name and logins) on the home page. */
    showOnPage: z.boolean().default(true),
    /** Follow-the-sun windows in UTC; they must not overlap (gaps are allowed: nobody is paged then). */
    rotations: z
      .array(RotationSchema)
      .min(1, 'list at least one rotation')
      .superRefine((rotations, ctx) => {
        for (const message of findRotationOverlaps(rotations)) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      }),
  })
  .strict();

export const NOTIFY_KINDS = ['slack', 'discord', 'teams', 'ntfy', 'webhook'] as const;
export const NOTIFY_EVENTS = ['declared', 'status_changed', 'update', 'resolved', 'withdrawn', 'maintenance_started', 'maintenance_ended'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export const NotifyChannelSchema = z
  .object({
    /** slack, discord and teams take incoming-webhook URLs; ntfy a topic URL; webhook gets Statuspage's JSON. */
    kind: z.enum(NOTIFY_KINDS),
    /** Environment variable (an Actions secret in the workflow) holding the URL. */
    urlEnv: z.string().regex(ENV_NAME, 'expected an environment variable name, e.g. SLACK_WEBHOOK_URL'),
    /** Name in logs and in the delivery record; defaults to `<kind>:<urlEnv>`. */
    name: z.string().min(1).optional(),
    /** Events it wants; every event when left out. */
    events: z.array(z.enum(NOTIFY_EVENTS)).min(1).optional(),
    /** Severities it wants; every severity when left out (maintenance has none and always passes). */
    severities: z.array(z.enum(SEVERITIES)).min(1).optional(),
  })
  .strict();

export const NotifySchema = z.array(NotifyChannelSchema).superRefine((channels, ctx) => {
  const seen = new Set<string>();
  channels.forEach((channel, i) => {
    const id = notifyChannelId(channel);
    if (seen.has(id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i], message: `two channels named "${id}": give one a distinct name` });
    seen.add(id);
  });
});

/** The key a channel's deliveries are recorded under. */
export function notifyChannelId(channel: { kind: string; urlEnv: string; name?: string | undefined }): string {
  return channel.name ?? `${channel.kind}:${channel.urlEnv}`;
}

export type OnCallConfig = z.infer<typeof OnCallSchema>;
export type NotifyChannel = z.infer<typeof NotifyChannelSchema>;

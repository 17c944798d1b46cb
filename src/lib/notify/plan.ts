/**
 * Which events each channel still owes, and what a delivery attempt leaves in the record. Pure:
 * the runner (src/notify/run-notify.ts) does the sending.
 *
 * Rules:
 * - exactly once: an event recorded `delivered` (or `gave_up`) for a channel is never sent again;
 * - no history flood: an event older than `maxAgeMs` (24 h) that the channel never tried is not
 *   sent — so the first run, a newly added channel or a lost cache announce at most a day;
 * - a failing delivery is retried each run until it has failed `maxAttempts` runs (5) or for
 *   `giveUpAfterMs` (6 h), then given up with a warning;
 * - records of events older than `keepMs` (7 days, well past the 24 h window) are pruned.
 */

import type { Delivery, NotifyState } from '../schema/notify-state.ts';
import type { NotifyChannel } from '../schema/response.ts';
import type { NotifyEvent } from './events.ts';

export interface DeliveryPolicy {
  readonly maxAgeMs: number;
  readonly maxAttempts: number;
  readonly giveUpAfterMs: number;
  readonly keepMs: number;
}

const HOUR = 60 * 60 * 1000;
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { maxAgeMs: 24 * HOUR, maxAttempts: 5, giveUpAfterMs: 6 * HOUR, keepMs: 7 * 24 * HOUR };

/** A channel's `events` and `severities` filters (both "everything" when left out). */
export function channelWants(channel: Pick<NotifyChannel, 'events' | 'severities'>, event: NotifyEvent): boolean {
  if (channel.events && !event.kinds.some((k) => channel.events?.includes(k))) return false;
  if (channel.severities && event.severity !== null && !channel.severities.includes(event.severity)) return false;
  return true;
}

export function findDelivery(state: NotifyState, eventId: string, targetId: string): Delivery | undefined {
  return state.deliveries[eventId]?.channels[targetId];
}

export interface DuePlan {
  /** Oldest first. */
  readonly due: NotifyEvent[];
  /** Wanted, never tried, and older than the window: not sent. */
  readonly tooOld: number;
}

/** The events a target still owes, given its filter. */
export function planDue(
  events: readonly NotifyEvent[],
  targetId: string,
  wants: (e: NotifyEvent) => boolean,
  state: NotifyState,
  now: Date,
  policy: DeliveryPolicy,
): DuePlan {
  const oldest = new Date(now.getTime() - policy.maxAgeMs).toISOString();
  const due: NotifyEvent[] = [];
  let tooOld = 0;
  for (const event of events) {
    if (!wants(event)) continue;
    const delivery = findDelivery(state, event.id, targetId);
    if (delivery?.status === 'delivered' || delivery?.status === 'gave_up') continue;
    if (!delivery && event.at < oldest) tooOld += 1;
    else due.push(event);
  }
  return { due, tooOld };
}

export type AttemptOutcome = { readonly ok: true; readonly parts: number } | { readonly ok: false; readonly error: string; readonly partsDelivered: number };

/** The record after one attempt; `gaveUp` when this failure was the last one allowed. */
export function recordAttempt(
  state: NotifyState,
  event: Pick<NotifyEvent, 'id' | 'at'>,
  targetId: string,
  outcome: AttemptOutcome,
  now: Date,
  policy: DeliveryPolicy,
): { state: NotifyState; delivery: Delivery; gaveUp: boolean } {
  const previous = findDelivery(state, event.id, targetId);
  const at = now.toISOString();
  const attempts = (previous?.attempts ?? 0) + 1;
  const firstAttemptAt = previous?.firstAttemptAt ?? at;
  let delivery: Delivery;
  let gaveUp = false;
  if (outcome.ok) {
    delivery = { status: 'delivered', attempts, firstAttemptAt, lastAttemptAt: at, partsDelivered: outcome.parts };
  } else {
    gaveUp = attempts >= policy.maxAttempts || now.getTime() - Date.parse(firstAttemptAt) >= policy.giveUpAfterMs;
    delivery = {
      status: gaveUp ? 'gave_up' : 'failing',
      attempts,
      firstAttemptAt,
      lastAttemptAt: at,
      partsDelivered: Math.max(previous?.partsDelivered ?? 0, outcome.partsDelivered),
      lastError: outcome.error,
    };
  }
  const record = state.deliveries[event.id] ?? { at: new Date(event.at).toISOString(), channels: {} };
  return {
    state: { ...state, updatedAt: at, deliveries: { ...state.deliveries, [event.id]: { ...record, channels: { ...record.channels, [targetId]: delivery } } } },
    delivery,
    gaveUp,
  };
}

/** Drops the records of events older than `keepMs`. */
export function pruneState(state: NotifyState, now: Date, policy: DeliveryPolicy): NotifyState {
  const oldest = new Date(now.getTime() - policy.keepMs).toISOString();
  const deliveries = Object.fromEntries(Object.entries(state.deliveries).filter(([, r]) => r.at >= oldest));
  return { ...state, deliveries };
}

/**
 * `npm run notify`'s work, given everything read: tells every channel (and every subscribe issue)
 * the events it still owes, records each attempt, and returns the new record. Channels are served
 * in parallel, each in event order; a channel's first failure in a run defers its remaining events
 * to the next run, so one hanging receiver costs one timeout and never delays the others.
 * Nothing here throws for a delivery: failures are recorded, warned about, and retried.
 */

import type { GitHubClient } from '../github/client.ts';
import { parseRepo } from '../github/fetchers.ts';
import { commentOnSubscribeIssue, ensureSubscribeIssues } from '../github/subscriptions.ts';
import { createApiContext } from '../lib/api/context.ts';
import { componentFeedPath, SITE_FEEDS } from '../lib/api/paths.ts';
import { listNotifyEvents, type NotifyEvent } from '../lib/notify/events.ts';
import { composeMessage, type NotifyMessage } from '../lib/notify/message.ts';
import { buildDiscordPayload, buildNtfyRequest, buildSlackPayload, buildTeamsPayload, type OutgoingRequest } from '../lib/notify/payloads.ts';
import {
  type AttemptOutcome,
  channelWants,
  DEFAULT_DELIVERY_POLICY,
  type DeliveryPolicy,
  findDelivery,
  planDue,
  pruneState,
  recordAttempt,
} from '../lib/notify/plan.ts';
import { buildStatuspageWebhooks } from '../lib/notify/statuspage-webhook.ts';
import { ALL_KEY, subscriptionTargetId, subscriptionWants, writeSubscriptionComment } from '../lib/notify/subscriptions.ts';
import type { SiteConfig } from '../lib/schema/config.ts';
import type { NotifyState } from '../lib/schema/notify-state.ts';
import { type NotifyChannel, notifyChannelId } from '../lib/schema/response.ts';
import type { SiteModel } from '../lib/site-model.ts';
import { splitSiteUrl } from '../lib/urls.ts';
import { postJson } from './post-json.ts';

export interface NotifyGitHub {
  readonly octokit: GitHubClient;
  /** The login the token writes as: only its issues with the marker are sitrep's. */
  readonly botLogin: string;
}

export interface NotifyOptions {
  readonly config: SiteConfig;
  readonly model: SiteModel;
  readonly now: Date;
  readonly state: NotifyState;
  /** Where the channels' `urlEnv` are looked up. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dryRun: boolean;
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
  readonly policy?: DeliveryPolicy;
  /** null: no subscribe issues this run (no token, or --no-subscribe). */
  readonly github: NotifyGitHub | null;
  readonly warn: (message: string) => void;
  readonly fetch?: typeof fetch;
  /** Called with the record after each attempt, so a run killed half-way never repeats what it sent. */
  readonly onRecord?: (state: NotifyState) => void;
}

export interface TargetSummary {
  readonly id: string;
  /** slack, discord, …, or `subscribe`. */
  readonly kind: string;
  /** Why nothing was tried, e.g. "SLACK_WEBHOOK_URL is not set". */
  skipped?: string;
  /** Event ids delivered this run (or, with --dry-run, that would be). */
  readonly sent: string[];
  readonly failed: { event: string; error: string }[];
  readonly gaveUp: string[];
  /** Left for the next run after this run's first failure. */
  deferred: number;
  /** Older than the 24-hour window and never tried: not sent. */
  tooOld: number;
}

export interface NotifySummary {
  readonly dryRun: boolean;
  readonly events: number;
  readonly targets: TargetSummary[];
  readonly subscribeIssues: { readonly found: Record<string, number>; readonly created: string[] } | null;
}

interface Target {
  readonly id: string;
  readonly kind: string;
  readonly wants: (event: NotifyEvent) => boolean;
  /** Sends part `from` onwards; resolves with how many parts got through and the first error. */
  readonly send: (event: NotifyEvent, message: NotifyMessage, from: number) => Promise<AttemptOutcome>;
}

async function sendAll(requests: readonly OutgoingRequest[], from: number, timeoutMs: number, fetcher: typeof fetch | undefined): Promise<AttemptOutcome> {
  for (let i = from; i < requests.length; i += 1) {
    const request = requests[i];
    if (!request) continue;
    const result = await postJson(request.url, request.body, timeoutMs, fetcher);
    if (!result.ok) return { ok: false, error: result.error ?? 'failed', partsDelivered: i };
  }
  return { ok: true, parts: requests.length };
}

export async function runNotify(options: NotifyOptions): Promise<{ state: NotifyState; summary: NotifySummary }> {
  const { config, model, now, dryRun, warn } = options;
  const policy = options.policy ?? DEFAULT_DELIVERY_POLICY;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const api = createApiContext(model, splitSiteUrl(config.site).base);
  const events = listNotifyEvents(model, now);
  const messageCtx = { config, urls: api.urls, absolute: api.absolute, now };
  let state = pruneState(options.state, now, policy);
  const summaries: TargetSummary[] = [];

  const channelRequests = (channel: NotifyChannel, url: string, event: NotifyEvent, m: NotifyMessage): OutgoingRequest[] => {
    switch (channel.kind) {
      case 'slack':
        return [{ url, body: buildSlackPayload(m) }];
      case 'discord':
        return [{ url, body: buildDiscordPayload(m) }];
      case 'teams':
        return [{ url, body: buildTeamsPayload(m) }];
      case 'ntfy':
        return [buildNtfyRequest(url, m)];
      case 'webhook':
        return buildStatuspageWebhooks(event, api).map((body) => ({ url, body }));
    }
  };

  const targets: Target[] = [];
  for (const channel of config.notify) {
    const id = notifyChannelId(channel);
    const url = options.env[channel.urlEnv]?.trim();
    if (!url) {
      warn(`notify channel "${id}": ${channel.urlEnv} is not set (add it as an Actions secret and pass it to the notify step); skipped`);
      summaries.push({ id, kind: channel.kind, skipped: `${channel.urlEnv} is not set`, sent: [], failed: [], gaveUp: [], deferred: 0, tooOld: 0 });
      continue;
    }
    targets.push({
      id,
      kind: channel.kind,
      wants: (e) => channelWants(channel, e),
      send: (event, m, from) => sendAll(channelRequests(channel, url, event, m), from, timeoutMs, options.fetch),
    });
  }

  let subscribeIssues: NotifySummary['subscribeIssues'] = null;
  if (options.github) {
    const { octokit, botLogin } = options.github;
    const repo = parseRepo(config.repository);
    try {
      const { issues: found, created } = await ensureSubscribeIssues({
        octokit,
        config,
        botLogin,
        dryRun,
        warn,
        links: (key) => ({
          page: api.absolute(key === ALL_KEY ? api.urls.home : api.urls.component(key)),
          feed: api.absolute(api.urls.file(key === ALL_KEY ? SITE_FEEDS.atom : componentFeedPath(key, 'atom'))),
        }),
      });
      subscribeIssues = { found: Object.fromEntries([...found].map(([k, v]) => [k, v.number])), created };
      state = {
        ...state,
        subscriptions: { repository: config.repository, issues: Object.fromEntries([...found].map(([k, v]) => [k, { number: v.number, url: v.url }])) },
      };
      for (const [key, issue] of found) {
        targets.push({
          id: subscriptionTargetId(key),
          kind: 'subscribe',
          wants: (e) => subscriptionWants(key, e),
          send: async (_event, m) => {
            try {
              await commentOnSubscribeIssue(octokit, repo, issue.number, writeSubscriptionComment(m));
              return { ok: true, parts: 1 };
            } catch (error) {
              return { ok: false, error: `commenting on #${issue.number}: ${error instanceof Error ? error.message : String(error)}`, partsDelivered: 0 };
            }
          },
        });
      }
    } catch (error) {
      warn(`subscribe issues: ${error instanceof Error ? error.message : String(error)}; no subscription comments this run`);
    }
  }

  await Promise.all(
    targets.map(async (target) => {
      const plan = planDue(events, target.id, target.wants, state, now, policy);
      const summary: TargetSummary = { id: target.id, kind: target.kind, sent: [], failed: [], gaveUp: [], deferred: 0, tooOld: plan.tooOld };
      summaries.push(summary);
      for (const [index, event] of plan.due.entries()) {
        if (dryRun) {
          summary.sent.push(event.id);
          continue;
        }
        const from = findDelivery(state, event.id, target.id)?.partsDelivered ?? 0;
        const outcome = await target.send(event, composeMessage(event, messageCtx), from);
        const result = recordAttempt(state, event, target.id, outcome, new Date(now.getTime()), policy);
        state = result.state;
        options.onRecord?.(state);
        if (outcome.ok) {
          summary.sent.push(event.id);
          continue;
        }
        summary.failed.push({ event: event.id, error: outcome.error });
        if (result.gaveUp) {
          summary.gaveUp.push(event.id);
          warn(`notify "${target.id}": gave up on ${event.id} after ${result.delivery.attempts} failed runs (last: ${outcome.error})`);
        } else {
          warn(
            `notify "${target.id}": ${event.id} failed (${outcome.error}); retrying next run (attempt ${result.delivery.attempts} of ${policy.maxAttempts})`,
          );
        }
        summary.deferred = plan.due.length - index - 1;
        break;
      }
    }),
  );
  return { state: { ...state, updatedAt: now.toISOString() }, summary: { dryRun, events: events.length, targets: summaries, subscribeIssues } };
}

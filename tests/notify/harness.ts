/**
 * Set-up for the notify scenarios: the site model built from real-shaped records (the pure
 * model the build uses), the real runNotify posting with fetch to WebhookReceivers on 127.0.0.1,
 * and, for the subscribe issues, the real octokit against the test GitHub server.
 */
import { createClientWithDefaults } from '../../src/github/client.ts';
import type { SiteConfigInput } from '../../src/lib/schema/config.ts';
import { emptyNotifyState, type NotifyState } from '../../src/lib/schema/notify-state.ts';
import { type IssueRecord, SnapshotSchema } from '../../src/lib/schema/snapshot.ts';
import { buildSiteModel } from '../../src/lib/site-model.ts';
import { type NotifyOptions, type NotifySummary, runNotify } from '../../src/notify/run-notify.ts';
import { config, snapshot } from '../support/records.ts';

export interface NotifyRun {
  state: NotifyState;
  summary: NotifySummary;
  warnings: string[];
}

export interface RunInput {
  issues: IssueRecord[];
  now: string;
  state?: NotifyState;
  config?: Partial<SiteConfigInput>;
  env?: Record<string, string | undefined>;
  github?: { apiUrl: string; token: string; botLogin?: string };
  overrides?: Partial<NotifyOptions>;
}

export async function notifyOnce(input: RunInput): Promise<NotifyRun> {
  const now = new Date(input.now);
  const cfg = config(input.config);
  const model = buildSiteModel({ config: cfg, snapshot: SnapshotSchema.parse(snapshot(input.issues)), postmortemFiles: [], now, demo: false });
  const warnings: string[] = [];
  const github = input.github
    ? {
        octokit: createClientWithDefaults({ token: input.github.token, apiUrl: input.github.apiUrl, throttle: false, retries: 0, timeoutMs: 2_000 }).octokit,
        botLogin: input.github.botLogin ?? 'github-actions[bot]',
      }
    : null;
  const { state, summary } = await runNotify({
    config: cfg,
    model,
    now,
    state: input.state ?? emptyNotifyState(now),
    env: input.env ?? {},
    dryRun: false,
    timeoutMs: 1_000,
    github,
    warn: (m) => warnings.push(m),
    ...input.overrides,
  });
  return { state, summary, warnings };
}

/** Runs one after another, each from the record the last one left. */
export async function notifySeries(inputs: RunInput[]): Promise<NotifyRun[]> {
  const runs: NotifyRun[] = [];
  let state: NotifyState | undefined;
  for (const input of inputs) {
    const run = await notifyOnce({ ...input, ...(state ? { state } : {}) });
    runs.push(run);
    state = run.state;
  }
  return runs;
}

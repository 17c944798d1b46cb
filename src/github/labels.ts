/**
 * `npm run labels`: gives the repository every label of the config's label set
 * (src/lib/label-set.ts decides; this file only talks to GitHub). Creates missing labels, updates
 * the colour and description of differing ones, and never deletes or renames anything. Running it
 * twice changes nothing the second time: one listing request, no writes.
 */

import { buildLabelSet, type LabelPlan, planLabelChanges } from '../lib/label-set.ts';
import type { SiteConfig } from '../lib/schema/config.ts';
import { type ClientDefaultsOptions, createClientWithDefaults } from './client.ts';
import { toGitHubError } from './errors.ts';
import { fetchListing, parseRepo } from './fetchers.ts';
import { writeRefused } from './write-errors.ts';

export interface LabelsOptions extends ClientDefaultsOptions {
  config: SiteConfig;
  /** Read the labels and report the plan; write nothing. */
  dryRun?: boolean;
}

export interface LabelsSummary {
  repository: string;
  dryRun: boolean;
  plan: LabelPlan;
  /** HTTP requests made, retries included. */
  requests: number;
}

interface GitHubLabel {
  name: string;
  color: string;
  description: string | null;
}

const isLabel = (value: unknown): value is GitHubLabel => {
  const label = value as Partial<GitHubLabel> | null;
  return typeof label?.name === 'string' && typeof label.color === 'string';
};

export async function syncLabels(options: LabelsOptions): Promise<LabelsSummary> {
  const { config } = options;
  const repository = config.repository;
  const { owner, repo } = parseRepo(repository);
  const { octokit, stats, timeoutMs } = createClientWithDefaults(options);
  try {
    const listing = await fetchListing(octokit, { path: `/repos/${owner}/${repo}/labels`, query: {}, guard: isLabel, what: 'labels' });
    const existing = listing.notModified ? [] : listing.items;
    const plan = planLabelChanges(buildLabelSet(config), existing);
    if (!options.dryRun) {
      for (const label of plan.create) {
        await octokit.request('POST /repos/{owner}/{repo}/labels', { owner, repo, name: label.name, color: label.color, description: label.description });
      }
      for (const { current, wanted } of plan.update) {
        await octokit.request('PATCH /repos/{owner}/{repo}/labels/{name}', {
          owner,
          repo,
          name: current.name,
          color: wanted.color,
          description: wanted.description,
        });
      }
    }
    return { repository, dryRun: Boolean(options.dryRun), plan, requests: stats.requests };
  } catch (error) {
    throw writeRefused(error, 'create or update labels') ?? toGitHubError(error, { repository, timeoutMs, authenticated: Boolean(options.token) });
  }
}

/** The summary as lines for the terminal. Pure. */
export function formatLabelsSummary(summary: LabelsSummary): string {
  const { plan } = summary;
  const verb = (done: string, planned: string) => (summary.dryRun ? planned : done);
  const lines = [`Labels of ${summary.repository}${summary.dryRun ? ' (dry run: nothing was changed)' : ''}`];
  for (const label of plan.create) lines.push(`  ${verb('created', 'would create')} "${label.name}" #${label.color}: ${label.description}`);
  for (const { current, wanted } of plan.update) {
    const changes: string[] = [];
    if (current.color.toLowerCase() !== wanted.color.toLowerCase()) changes.push(`colour #${current.color} → #${wanted.color}`);
    if ((current.description ?? '') !== wanted.description) changes.push(`description → "${wanted.description}"`);
    lines.push(`  ${verb('updated', 'would update')} "${current.name}": ${changes.join(', ')}`);
  }
  lines.push(`  ${plan.unchanged.length} label(s) already right; ${summary.requests} request(s)`);
  return lines.join('\n');
}

/**
 * The page's status rollup in Statuspage's words. The indicator follows the banner (the worst
 * active incident, or maintenance while only maintenance is under way); the description never
 * passes stale or incomplete data off as good news.
 */
import type { ComponentStatus } from '../severity.ts';
import type { SiteModel } from '../site-model.ts';
import type { ApiStatus, Indicator } from './statuspage-types.ts';

export const INDICATOR_FOR_STATUS: Readonly<Record<ComponentStatus, Indicator>> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** The texts Statuspage itself uses, which some integrations show verbatim. */
export const INDICATOR_TEXT: Readonly<Record<Indicator, string>> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

/**
 * The indicator has no "unknown", and inventing an outage would be as false as claiming none, so
 * the indicator stays and the description says what is known: records that could not be read,
 * and data older than `staleAfterMinutes` with its time.
 */
export function deriveApiStatus({ banner }: Pick<SiteModel, 'banner'>): ApiStatus {
  const indicator = INDICATOR_FOR_STATUS[banner.status];
  let description = banner.tone === 'unknown' && banner.incomplete ? 'No Known Incidents, but Some Records Could Not Be Read' : INDICATOR_TEXT[indicator];
  if (banner.stale) description += ` (as of ${banner.asOf}; may be out of date)`;
  return { indicator, description };
}

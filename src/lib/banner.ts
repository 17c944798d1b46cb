/**
 * The banner: what the whole page says about the project's health, decided once for the home
 * page, the badges and the status API. "Stale or incomplete data never says all is well": when
 * nothing is known to be wrong but records could not be read or the data is older than
 * `staleAfterMinutes`, the tone is `unknown`, never a green "operational". Pure.
 */
import { formatUtc } from './format.ts';
import type { ComponentStatus } from './severity.ts';

/** The status from incidents and maintenance alone (see deriveOverallStatus in site-model.ts). */
export interface OverallStatus {
  readonly status: ComponentStatus;
  readonly text: string;
  /**
   * Some records could not be read: the page must not claim that all is well.
   * Set when issues were skipped as malformed.
   */
  readonly incomplete: boolean;
}

export interface Banner {
  /** The worst active incident's component status, or maintenance while only that is under way. */
  readonly status: ComponentStatus;
  /** What the page may show: `unknown` when it says "operational" but cannot vouch for it. */
  readonly tone: ComponentStatus | 'unknown';
  /** The banner's sentence. */
  readonly text: string;
  /** The sentence once the data has gone stale (the page's script swaps it in on old pages). */
  readonly staleText: string;
  /** When the data was taken, as every surface writes it: `21 Nov 2026, 10:04 UTC`. */
  readonly asOf: string;
  /** Why "operational" cannot be vouched for (`some records could not be read`, `no data since …`), or null. */
  readonly doubt: string | null;
  readonly stale: boolean;
  readonly incomplete: boolean;
}

export function deriveBanner(overall: OverallStatus, stale: boolean, dataAsOf: string): Banner {
  const asOf = formatUtc(dataAsOf);
  const staleText = `No incidents reported as of ${asOf} — this status may be out of date`;
  const doubt = overall.incomplete ? 'some records could not be read' : stale ? `no data since ${asOf}` : null;
  const quiet = overall.status === 'operational';
  return {
    status: overall.status,
    tone: quiet && doubt ? 'unknown' : overall.status,
    text: quiet && stale && !overall.incomplete ? staleText : overall.text,
    staleText,
    asOf,
    doubt,
    stale,
    incomplete: overall.incomplete,
  };
}

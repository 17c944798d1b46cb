/**
 * The objects of Atlassian Statuspage's public API v2, field by field as Statuspage serves them
 * (https://metastatuspage.com/api, the reference clients read). Timestamps are ISO 8601 with
 * milliseconds and an offset; ids are strings.
 */
import type { ComponentStatus, Impact } from '../severity.ts';

export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';
export type ApiIncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';
export type ApiMaintenanceStatus = 'scheduled' | 'in_progress' | 'verifying' | 'completed';

export interface ApiPage {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly time_zone: string;
  readonly updated_at: string;
}

export interface ApiStatus {
  readonly indicator: Indicator;
  readonly description: string;
}

export interface ApiComponent {
  readonly id: string;
  readonly name: string;
  readonly status: ComponentStatus;
  readonly created_at: string;
  readonly updated_at: string;
  readonly position: number;
  readonly description: string | null;
  readonly showcase: boolean;
  readonly start_date: string | null;
  readonly group_id: string | null;
  readonly page_id: string;
  readonly group: boolean;
  readonly only_show_if_degraded: boolean;
  /** Groups only: the ids of the components in the group. */
  readonly components?: readonly string[];
}

/** One component whose status an update changed. */
export interface ApiAffectedComponent {
  readonly code: string;
  readonly name: string;
  readonly old_status: ComponentStatus;
  readonly new_status: ComponentStatus;
}

export interface ApiIncidentUpdate<S extends string = ApiIncidentStatus> {
  readonly id: string;
  readonly status: S;
  /** Plain text. */
  readonly body: string;
  readonly incident_id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly display_at: string;
  /** null when the update changed no component's status. */
  readonly affected_components: readonly ApiAffectedComponent[] | null;
  readonly deliver_notifications: boolean;
}

interface ApiIncidentBase<S extends string> {
  readonly id: string;
  readonly name: string;
  readonly status: S;
  readonly impact: Impact;
  readonly created_at: string;
  readonly updated_at: string;
  readonly started_at: string;
  readonly monitoring_at: string | null;
  readonly resolved_at: string | null;
  /** The incident's page on the status site. */
  readonly shortlink: string;
  readonly page_id: string;
  readonly components: readonly ApiComponent[];
  /** Newest first. */
  readonly incident_updates: readonly ApiIncidentUpdate<S>[];
}

export interface ApiIncident extends ApiIncidentBase<ApiIncidentStatus> {
  /** Plain text of the post-mortem, when one is published. */
  readonly postmortem_body?: string;
}

export interface ApiMaintenance extends ApiIncidentBase<ApiMaintenanceStatus> {
  readonly scheduled_for: string;
  readonly scheduled_until: string;
}

export interface SummaryFile {
  readonly page: ApiPage;
  readonly components: readonly ApiComponent[];
  readonly incidents: readonly ApiIncident[];
  readonly scheduled_maintenances: readonly ApiMaintenance[];
  readonly status: ApiStatus;
}
/** Every other file is the page plus some of summary.json's keys, as Statuspage's are. */
type FileOf<K extends Exclude<keyof SummaryFile, 'page'>> = Pick<SummaryFile, 'page' | K>;
export type StatusFile = FileOf<'status'> & {
  /** A sitrep extension, present when monitors are configured: when they last ran (null: never). */
  readonly monitors?: { readonly last_run_at: string | null; readonly inconclusive: string | null };
};
export type ComponentsFile = FileOf<'components'>;
export type IncidentsFile = FileOf<'incidents'>;
export type MaintenancesFile = FileOf<'scheduled_maintenances'>;

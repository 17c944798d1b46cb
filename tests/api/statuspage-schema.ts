/**
 * Statuspage API v2 as the issue lists it, field by field, written independently of
 * src/lib/api/statuspage-types.ts so that the two can disagree. Strict: a missing field, a wrong
 * type, a value outside its enum or an unexpected field fails.
 */
import { z } from 'astro/zod';

/** Milliseconds and an offset, the one form every client parses. */
export const Timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(?:Z|[+-]\d{2}:\d{2})$/, 'timestamp with milliseconds and an offset');
const Id = z.string().min(1);
const ComponentStatus = z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']);
const Impact = z.enum(['none', 'minor', 'major', 'critical']);

export const PageSchema = z.object({ id: Id, name: z.string(), url: z.string().url(), time_zone: z.string(), updated_at: Timestamp }).strict();

export const StatusSchema = z
  .object({
    indicator: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
    description: z.string().min(1),
  })
  .strict();

export const ComponentSchema = z
  .object({
    id: Id,
    name: z.string(),
    status: ComponentStatus,
    created_at: Timestamp,
    updated_at: Timestamp,
    position: z.number().int(),
    description: z.string().nullable(),
    showcase: z.boolean(),
    start_date: z.string().nullable(),
    group_id: Id.nullable(),
    page_id: Id,
    group: z.boolean(),
    only_show_if_degraded: z.boolean(),
    components: z.array(Id).optional(),
  })
  .strict()
  .refine((c) => c.group === (c.components !== undefined), 'groups, and only groups, list their components');

const update = <S extends z.ZodTypeAny>(status: S) =>
  z
    .object({
      id: Id,
      status,
      body: z.string(),
      incident_id: Id,
      created_at: Timestamp,
      updated_at: Timestamp,
      display_at: Timestamp,
      affected_components: z.array(z.object({ code: Id, name: z.string(), old_status: ComponentStatus, new_status: ComponentStatus }).strict()).nullable(),
      deliver_notifications: z.boolean(),
    })
    .strict();

const incidentFields = <S extends z.ZodTypeAny>(status: S) => ({
  id: Id,
  name: z.string(),
  status,
  impact: Impact,
  created_at: Timestamp,
  updated_at: Timestamp,
  started_at: Timestamp,
  monitoring_at: Timestamp.nullable(),
  resolved_at: Timestamp.nullable(),
  shortlink: z.string().url(),
  page_id: Id,
  components: z.array(ComponentSchema),
  incident_updates: z.array(update(status)).min(1),
});

const IncidentStatus = z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']);
export const IncidentSchema = z.object({ ...incidentFields(IncidentStatus), postmortem_body: z.string().min(1).optional() }).strict();

const MaintenanceStatus = z.enum(['scheduled', 'in_progress', 'verifying', 'completed']);
export const MaintenanceSchema = z.object({ ...incidentFields(MaintenanceStatus), scheduled_for: Timestamp, scheduled_until: Timestamp }).strict();

/** `monitors` is sitrep's own addition (when monitors are configured); clients ignore unknown keys. */
const MonitorsRunSchema = z.object({ last_run_at: Timestamp.nullable(), inconclusive: z.string().nullable() }).strict();
export const StatusFileSchema = z.object({ page: PageSchema, status: StatusSchema, monitors: MonitorsRunSchema.optional() }).strict();
export const ComponentsFileSchema = z.object({ page: PageSchema, components: z.array(ComponentSchema) }).strict();
export const IncidentsFileSchema = z.object({ page: PageSchema, incidents: z.array(IncidentSchema) }).strict();
export const MaintenancesFileSchema = z.object({ page: PageSchema, scheduled_maintenances: z.array(MaintenanceSchema) }).strict();
export const SummaryFileSchema = z
  .object({
    page: PageSchema,
    components: z.array(ComponentSchema),
    incidents: z.array(IncidentSchema),
    scheduled_maintenances: z.array(MaintenanceSchema),
    status: StatusSchema,
  })
  .strict();

export const FILE_SCHEMAS = {
  'summary.json': SummaryFileSchema,
  'status.json': StatusFileSchema,
  'components.json': ComponentsFileSchema,
  'incidents.json': IncidentsFileSchema,
  'incidents/unresolved.json': IncidentsFileSchema,
  'scheduled-maintenances.json': MaintenancesFileSchema,
  'scheduled-maintenances/upcoming.json': MaintenancesFileSchema,
  'scheduled-maintenances/active.json': MaintenancesFileSchema,
} as const;

export type IncidentJson = z.infer<typeof IncidentSchema>;
export type MaintenanceJson = z.infer<typeof MaintenanceSchema>;

/**
 * The issue forms (.github/ISSUE_TEMPLATE/*.yml), generated from the config so that the
 * component checkboxes and label names always match `content/status.yml`, and the headings
 * always match what `issue-form.ts` reads (both come from `form-fields.ts`).
 * Pure: returns file names and YAML text; `npm run templates` writes them.
 */
import { stringify } from 'yaml';
import { INCIDENT_FIELDS, MAINTENANCE_FIELDS, POSTMORTEM_FIELDS } from './form-fields.ts';
import type { SiteConfig } from './schema/config.ts';
import { SEVERITY_INFO } from './severity.ts';

/** GitHub's issue-form schema, the parts we use. */
type FormElement =
  | { type: 'markdown'; attributes: { value: string } }
  | {
      type: 'input' | 'textarea';
      id: string;
      attributes: { label: string; description?: string; placeholder?: string; value?: string; render?: string };
      validations?: { required: boolean };
    }
  | { type: 'dropdown'; id: string; attributes: { label: string; description?: string; options: string[] }; validations?: { required: boolean } }
  | { type: 'checkboxes'; id: string; attributes: { label: string; description?: string; options: { label: string }[] } };

const HEADER = '# Generated from content/status.yml by `npm run templates`. Edit the config, not this file.\n';

/** How a severity option reads in the dropdown (and so in the submitted issue). */
export function severityOption(severity: keyof typeof SEVERITY_INFO): string {
  const info = SEVERITY_INFO[severity];
  return `${info.severity} — ${info.meaning} (${info.example})`;
}

/** How a component reads as a checkbox: the name, with the id for the parser. */
export function componentOption(component: { id: string; name: string }): string {
  return `${component.name} (\`${component.id}\`)`;
}

function componentsField(config: SiteConfig, id: string): FormElement {
  return {
    type: 'checkboxes',
    id,
    attributes: {
      label: INCIDENT_FIELDS.components.label,
      description: 'Tick every component that is affected.',
      options: config.components.map((c) => ({ label: componentOption(c) })),
    },
  };
}

type TextAttributes = { description?: string; placeholder?: string; value?: string };

/** A text field of a shared field definition (form-fields.ts): its id and label come from there. */
function textField(type: 'input' | 'textarea', field: { key: string; label: string }, attributes: TextAttributes, required = false): FormElement {
  return { type, id: field.key, attributes: { label: field.label, ...attributes }, ...(required ? { validations: { required: true } } : {}) };
}

function form(name: string, description: string, title: string, labels: string[], body: FormElement[]): string {
  return HEADER + stringify({ name, description, ...(title ? { title } : {}), labels, body }, { lineWidth: 0 });
}

export function incidentForm(config: SiteConfig): string {
  const f = INCIDENT_FIELDS;
  return form(
    'Incident',
    `Declare an incident on the ${config.title} page. Only maintainers' incidents are published.`,
    '',
    [config.labels.incident],
    [
      {
        type: 'markdown',
        attributes: {
          value: `This issue becomes a page on ${config.site} within minutes. Post updates as comments; move the status on with the **${config.labels.status.identified}** and **${config.labels.status.monitoring}** labels (or a first line \`Status: identified\`); close the issue to resolve it, or close it as *not planned* for a false alarm.`,
        },
      },
      {
        type: 'dropdown',
        id: f.severity.key,
        attributes: { label: f.severity.label, description: 'How bad is it for users?', options: (['P0', 'P1', 'P2'] as const).map(severityOption) },
        validations: { required: true },
      },
      componentsField(config, f.components.key),
      textField('textarea', f.broken, { description: 'What fails, with the error people see.' }, true),
      textField('textarea', f.affected, { description: 'Everyone? Users of one platform or version? Contributors only?' }),
      textField('textarea', f.workaround, { description: 'What people can do meanwhile.' }),
      textField('input', f.eta, { placeholder: 'e.g. within 2 hours, or unknown' }),
      textField('textarea', f.upstream, { description: "Links to an upstream provider's incident (npm, GitHub, a CDN…), if any." }),
    ],
  );
}

export function maintenanceForm(config: SiteConfig): string {
  const f = MAINTENANCE_FIELDS;
  return form(
    'Scheduled maintenance',
    `Announce planned work on the ${config.title} page.`,
    '',
    [config.labels.maintenance],
    [
      textField('input', f.start, { placeholder: '2026-11-21 14:00' }, true),
      textField('input', f.end, { placeholder: '2026-11-21 16:00' }, true),
      componentsField(config, f.components.key),
      textField('textarea', f.impact, { description: 'What users will notice.' }),
    ],
  );
}

export function postmortemForm(config: SiteConfig): string {
  const f = POSTMORTEM_FIELDS;
  return form(
    'Post-mortem',
    'Close the loop on an incident: what happened, why, and what changes.',
    'Post-mortem: ',
    [config.labels.postmortem],
    [
      textField('input', f.incident, { placeholder: '#123' }, true),
      textField('textarea', f.summary, { description: 'What happened and who was affected, in a few sentences.' }, true),
      textField('textarea', f.timeline, { value: '- HH:MM UTC — \n- HH:MM UTC — ' }),
      textField('textarea', f.rootCause, { value: '1. Why did it happen? \n2. Why? \n3. Why? \n4. Why? \n5. Why? ' }, true),
      textField(
        'textarea',
        f.actionItems,
        { description: 'A task list; link an issue per item (#456) and the page follows its state.', value: '- [ ] ' },
        true,
      ),
    ],
  );
}

export function templateChooserConfig(config: SiteConfig): string {
  return (
    HEADER +
    stringify(
      {
        blank_issues_enabled: true,
        contact_links: [{ name: `${config.title} page`, url: config.site, about: 'Current status, active incidents and their updates.' }],
      },
      { lineWidth: 0 },
    )
  );
}

/** Every generated file, by path relative to the repository root. */
export function generateIssueTemplates(config: SiteConfig): Record<string, string> {
  return {
    '.github/ISSUE_TEMPLATE/incident.yml': incidentForm(config),
    '.github/ISSUE_TEMPLATE/maintenance.yml': maintenanceForm(config),
    '.github/ISSUE_TEMPLATE/postmortem.yml': postmortemForm(config),
    '.github/ISSUE_TEMPLATE/config.yml': templateChooserConfig(config),
  };
}

/**
 * Long generated histories for the scale benchmark and the page-size tests: the demo's snapshot
 * with its resolved routine incidents copied further and further back (every component, every
 * severity, three maintainer comments each, as the demo writes them) until the snapshot holds
 * `total` incidents. Deterministic for a given snapshot.
 */
import type { SnapshotInput } from '../../../src/lib/schema/snapshot.ts';
import { copyIncidentBack } from './snapshot-sites.ts';

type IssueInput = SnapshotInput['issues'][number];

/** How far apart the copies start: 10,000 incidents span about four and a half years. */
const SPACING_MS = 4 * 60 * 60_000;

const isIncident = (i: IssueInput): boolean => i.labels.includes('incident') && !i.isPullRequest;

/** `snapshot` grown to `total` issues labelled incident (it is returned as it is when it holds that many already). */
export function withScaleHistory(snapshot: SnapshotInput, total: number): SnapshotInput {
  const incidents = snapshot.issues.filter(isIncident);
  const templates = incidents.filter(
    (i) => i.state === 'closed' && i.author.trusted && !i.labels.includes('embargoed') && i.comments.length >= 3 && i.comments.every((c) => c.author.trusted),
  );
  if (templates.length === 0) throw new Error('withScaleHistory: the snapshot has no resolved incident with three maintainer comments to copy');
  const oldest = incidents.reduce((min, i) => (i.createdAt < min ? i.createdAt : min), incidents[0]?.createdAt ?? snapshot.takenAt);
  const extra = Math.max(0, total - incidents.length);
  const copies = Array.from({ length: extra }, (_, n): IssueInput => {
    const template = templates[n % templates.length] as IssueInput;
    // Start the copy (n + 1) spacings before the oldest incident, keeping the template's shape in time.
    const backMs = new Date(template.createdAt).getTime() - new Date(oldest).getTime() + (n + 1) * SPACING_MS;
    return copyIncidentBack(template, { number: 1_000_000 + n, label: n + 1, backMs, id: (k) => 2_000_000_000 + n * 100 + k, eventIdOffset: 50 });
  });
  return { ...snapshot, issues: [...snapshot.issues, ...copies] };
}

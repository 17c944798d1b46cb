/**
 * The body of an incident's page (everything inside the document's `<main>` after its notices), as
 * one HTML string. A function rather than an Astro template for the same reason as time-html.ts
 * (issue #15): a 10,000-incident history writes 10,000 of these pages, and Astro's rendering of the
 * template — about sixty component and expression instances per page — was 13 s of that build,
 * against about 1 s for this function. The page (src/pages/incidents/[number]/index.html.ts, an
 * endpoint) puts it into the site's document (document-html.ts).
 *
 * Every piece of issue text is untrusted: text goes through `escapeHtml` and attribute values
 * through `attribute`, exactly as Astro escapes them (so the page is byte for byte what the
 * template wrote); the `…Html` fields are the model's sanitized HTML. The whitespace between tags
 * is the template's as Astro compressed it.
 */

import { attribute, escapeHtml as text } from './html-escape.ts';
import type { Incident, IncidentUpdate, Update } from './incident.ts';
import { describeClosing, describeNextUpdate, describeStatusChange, findLatestNews } from './incident-story.ts';
import { severityBadgeHtml, statusPillHtml } from './pill-html.ts';
import { SEVERITY_INFO } from './severity.ts';
import type { SiteModel } from './site-model.ts';
import { timeHtml } from './time-html.ts';
import { describeUnconfirmed } from './trusted-state.ts';
import type { SiteUrls } from './urls.ts';
import { describeDurations, STATUS_MEANING, STATUS_TEXT } from './views.ts';

/** `items` drawn one after another, as a template draws an array. */
const each = <T>(items: readonly T[], draw: (item: T, index: number) => string): string => items.map(draw).join('');

/** The updates, newest first, or "No updates yet." (incident and maintenance pages). */
export function updatesHtml(updates: readonly (Update | IncidentUpdate)[], now: string): string {
  if (updates.length === 0) return '<p class="muted">No updates yet.</p>';
  const items = each(
    updates,
    (u) =>
      `<li${attribute('id', `update-${u.id}`)}${attribute('data-update', u.id)}><p class="meta">${'status' in u ? statusPillHtml(u.status) : ''}${timeHtml(u.createdAt, now)}<span>by ${text(u.author)}</span></p><div class="prose">${u.html}</div></li>`,
  );
  return `<ol class="updates" reversed>${items}</ol>`;
}

/** What sits under the title: the closing entry, the newest update or "no update yet", and a promised next update. */
function latestNewsHtml(incident: Incident, now: string): string {
  const latest = findLatestNews(incident);
  const nextUpdate = describeNextUpdate(incident, now);
  let news = '';
  if (latest.kind === 'closing') {
    const { entry } = latest;
    news = ` <p class="meta">${statusPillHtml(entry.status)} ${timeHtml(entry.at, now)}${entry.by ? `<span>by ${text(entry.by)}</span>` : ''}</p> <p>${text(entry.text)}</p> `;
  }
  // The template's three branches and the promise sit between single spaces, drawn or not.
  news += ' ';
  if (latest.kind === 'update') {
    const { update } = latest;
    news += ` <p class="meta">${statusPillHtml(update.status)} ${timeHtml(update.createdAt, now)}<span>by ${text(update.author)}</span></p> <div class="prose">${update.html}</div> `;
  }
  news += ' ';
  if (latest.kind === 'none') {
    news += `<p>${text(STATUS_TEXT[incident.status])}: ${text(STATUS_MEANING[incident.status])} No update posted yet (opened ${timeHtml(incident.startedAt, now)}).</p>`;
  }
  news += ' ';
  if (nextUpdate) {
    news +=
      `<p data-next-update${attribute('data-due', nextUpdate.dueAt ?? '')}> <strong>Next update:</strong> ${text(nextUpdate.text)} ` +
      `<span class="muted"> (promised ${timeHtml(nextUpdate.saidAt)})</span> ` +
      `<strong class="overdue" data-overdue${nextUpdate.overdue ? '' : ' hidden'}> Overdue: the promised update has not been posted yet.</strong> </p>`;
  }
  return `<section class="card latest-news" aria-labelledby="latest-heading"${attribute('data-latest', latest.kind)}> <h2 id="latest-heading">Latest update</h2> ${news} </section>`;
}

/** The facts list: status, severity, components, times, who paged and who leads, links. */
function factsHtml(model: SiteModel, incident: Incident, urls: SiteUrls): string {
  const { now } = model;
  const durations = describeDurations(incident, now);
  const severity = SEVERITY_INFO[incident.severity];
  const components = model.config.components.filter((c) => incident.components.includes(c.id));
  const paged = model.pages.get(incident.number) ?? [];
  const declared = incident.acknowledgedAt !== null && incident.acknowledgedAt === incident.startedAt;
  const componentLinks =
    components.length === 0 ? 'None named' : each(components, (c, i) => `${i > 0 ? ', ' : ''}<a${attribute('href', urls.component(c.id))}>${text(c.name)}</a>`);
  const pagedHtml =
    paged.length === 0
      ? ''
      : ` <dt>Paged (on call)</dt> <dd data-paged> <ul class="plain"> ${each(paged, (page) => `<li>${text(page.to.join(', '))} (${text(page.rotation)} rotation) at ${timeHtml(page.at)}</li>`)} </ul> </dd> `;
  const acknowledged = incident.acknowledgedAt
    ? `${timeHtml(incident.acknowledgedAt)} (after ${text(durations.toAcknowledge ?? '')}${declared ? ': declared by a maintainer' : ''})`
    : 'Not yet';
  const detectedBy = incident.detectedBy;
  const first = components[0];
  const detected = detectedBy
    ? ` <dt>Detected</dt> <dd${attribute('data-detected-by', detectedBy.monitorId)}>\nDetected automatically by the monitor ${text(detectedBy.name)}. Evidence: the check's results in <a${attribute('href', incident.url)}>issue #${incident.number}</a> ${first ? `, and its response times on <a${attribute('href', `${urls.component(first.id)}#monitors`)}>the ${text(first.name)} page</a>` : ''}.\n</dd> `
    : '';
  return (
    `<dl class="facts"> <dt>Status</dt><dd>${text(STATUS_TEXT[incident.status])} — ${text(STATUS_MEANING[incident.status])}</dd> ` +
    `<dt>Severity</dt><dd>${text(severity.severity)} (${text(severity.name)}): ${text(severity.meaning)}</dd> ` +
    `<dt>Components</dt> <dd>${componentLinks}</dd> ` +
    `<dt>Started</dt><dd>${timeHtml(incident.startedAt, now)}</dd> ${pagedHtml} ` +
    `<dt>Acknowledged</dt> <dd data-acknowledged>${acknowledged}</dd> ` +
    `${incident.resolvedAt ? `<dt>Resolved</dt><dd>${timeHtml(incident.resolvedAt)} (after ${text(durations.toResolve ?? '')})</dd>` : ''} ` +
    `${incident.withdrawnAt ? `<dt>Withdrawn</dt><dd>${timeHtml(incident.withdrawnAt)}</dd>` : ''} ` +
    `${durations.ongoingFor ? `<dt>Ongoing for</dt><dd${attribute('data-ongoing-since', incident.startedAt)}>${text(durations.ongoingFor)}</dd>` : ''} ` +
    `<dt>Incident commander</dt><dd>${text(incident.commander ?? 'Not assigned yet')}</dd> ${detected} ` +
    `<dt>On GitHub</dt><dd><a${attribute('href', incident.url)}>Issue #${incident.number}</a></dd> ` +
    `${model.postmortems.has(incident.number) ? `<dt>Post-mortem</dt><dd><a${attribute('href', urls.postmortem(incident.number))}>Read the post-mortem</a></dd>` : ''} </dl>`
  );
}

/** What is broken, who is affected, the workaround and the expected fix (with when they were said), the upstream cause. */
function scopeHtml(incident: Incident): string {
  const scope = [
    ['What is broken', incident.scope.broken, null],
    ['Who is affected', incident.scope.affected, null],
    ['Workaround', incident.scope.workaround, incident.saidAt.workaround],
    ['Expected fix', incident.scope.eta, incident.saidAt.eta],
    ['Upstream cause', incident.scope.upstream, null],
  ] as const;
  const parts = each(scope, ([label, html, saidAt]) =>
    html ? `<h3>${label}${saidAt ? `<span class="muted said"> (said ${timeHtml(saidAt)})</span>` : ''}</h3>${html}` : '',
  );
  return `<section class="scope prose" aria-labelledby="scope-heading"> <h2 id="scope-heading">Scope</h2> ${incident.descriptionHtml ?? ''} ${parts} </section>`;
}

/** The incident page's body, from the back link to the status changes. */
export function incidentPageHtml(model: SiteModel, incident: Incident, urls: SiteUrls): string {
  const { now } = model;
  const closing = describeClosing(incident);
  const unconfirmed = describeUnconfirmed(incident.unconfirmed);
  return (
    ` <p><a${attribute('href', urls.home)}>← Current status</a></p> <h1>${incident.titleHtml}</h1> ` +
    `<div class="meta"> ${severityBadgeHtml(incident.severity)} ${statusPillHtml(incident.status)} ${incident.reopened ? '<span class="pill">Reopened</span>' : ''} </div> ` +
    (incident.withdrawn ? `<p class="notice" data-withdrawn>Withdrawn: ${text(STATUS_MEANING.withdrawn)}</p>` : '') +
    (unconfirmed ? `<p class="notice" role="note" data-unconfirmed>${text(unconfirmed)}</p>` : '') +
    ` ${latestNewsHtml(incident, now)} ${factsHtml(model, incident, urls)} ${scopeHtml(incident)} ` +
    '<section aria-labelledby="updates-heading"> <h2 id="updates-heading">Updates</h2> ' +
    (closing
      ? `<p class="card closing"${attribute('data-closing', closing.status)}> ${statusPillHtml(closing.status)} ${timeHtml(closing.at, now)}${closing.by ? `<span> by ${text(closing.by)}</span>` : ''}: ${text(closing.text)} </p>`
      : '') +
    ` ${updatesHtml(incident.updates, now)} </section> ` +
    `<section aria-labelledby="timeline-heading"> <h2 id="timeline-heading">Status changes</h2> <ol class="plain"> ${each(incident.timeline, (change) => `<li${attribute('data-status-change', change.status)}>${timeHtml(change.at)} — ${text(describeStatusChange(change))}</li>`)} </ol> </section> `
  );
}

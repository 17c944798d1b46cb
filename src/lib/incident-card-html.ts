/**
 * An incident's card (home page, history, severity and component pages) as an HTML string. A
 * function rather than an Astro component (issue #15): a 10,000-incident history draws about
 * 35,000 cards (every history page, every component page, every severity page), and each card as a
 * component cost an instance and a dozen fragments. Text is escaped and attributes written as
 * Astro writes them (html-escape.ts); the `…Html` fields are the model's sanitized HTML; the
 * whitespace is the template's as Astro compressed it, so the pages are byte for byte the same.
 */
import { attribute, escapeHtml as text } from './html-escape.ts';
import type { Incident } from './incident.ts';
import { severityBadgeHtml, statusPillHtml } from './pill-html.ts';
import type { SiteModel } from './site-model.ts';
import { timeHtml } from './time-html.ts';
import type { SiteUrls } from './urls.ts';
import { describeDurations, type IncidentCardData, incidentCard } from './views.ts';

/** Who is affected, the workaround, the expected fix and the latest update: the active incidents' cards. */
function detailsHtml({ incident, now }: IncidentCardData): string {
  const { affected, workaround, eta } = incident.scope;
  const latest = incident.updates[0];
  const facts =
    affected || workaround || eta
      ? `<dl class="facts prose"> ${affected ? `<dt>Who is affected</dt><dd>${affected}</dd>` : ''} ${workaround ? `<dt>Workaround</dt><dd>${workaround}</dd>` : ''} ${eta ? `<dt>Expected fix</dt><dd>${eta}</dd>` : ''} </dl>`
      : '';
  const update = latest ? `<div class="prose latest"> <p class="muted">Latest update, ${timeHtml(latest.createdAt, now)}:</p> ${latest.html} </div>` : '';
  return facts + update;
}

/** The card; `detailed` adds the scope and the latest update (home page and component pages, active incidents). */
export function incidentCardHtml(card: IncidentCardData, urls: SiteUrls, detailed = false): string {
  const { incident, now, componentNames: names, hasPostmortem } = card;
  const durations = describeDurations(incident, now);
  const detectedBy = incident.detectedBy;
  return (
    `<article class="card"${attribute('data-incident', incident.number)}> <h3><a${attribute('href', urls.incident(incident.number))}>${incident.titleHtml}</a></h3> ` +
    `<div class="meta"> ${severityBadgeHtml(incident.severity)} ${statusPillHtml(incident.status)} ${names.length > 0 ? `<span>${text(names.join(', '))}</span>` : ''} ` +
    `<span>Started ${timeHtml(incident.startedAt, detailed ? now : undefined)}</span> ` +
    `${durations.toResolve ? `<span>Resolved in ${text(durations.toResolve)}</span>` : ''} ` +
    `${hasPostmortem ? `<a${attribute('href', urls.postmortem(incident.number))}>Post-mortem</a>` : ''} ` +
    `${detectedBy ? `<span${attribute('data-detected-by', detectedBy.monitorId)}>Detected automatically by ${text(detectedBy.name)} (<a${attribute('href', incident.url)}>evidence</a>)</span>` : ''} </div> ` +
    `${incident.summary ? `<p>${text(incident.summary)}</p>` : ''} ${detailed ? detailsHtml(card) : ''} </article>`
  );
}

/** The cards of `incidents`, one after another, as a template draws an array. */
export function incidentCardsHtml(model: SiteModel, incidents: readonly Incident[], urls: SiteUrls, detailed = false): string {
  return incidents.map((incident) => incidentCardHtml(incidentCard(model, incident), urls, detailed)).join('');
}

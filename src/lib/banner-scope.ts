/**
 * What the banner names besides the overall status (issue #13): "Major outage: CLI, npm packages",
 * linking the incident behind it. Computed once here from the model's components and active
 * incidents; the home page only draws it. Pure.
 */
import type { SiteModel } from './site-model.ts';

export interface BannerScope {
  /** Components at the banner's (worst) status, in config order. */
  readonly names: readonly string[];
  /** The incident to read: the most severe active one behind a named component (`active` is sorted that way). */
  readonly incident: { readonly number: number; readonly title: string } | null;
}

export function describeBannerScope(model: Pick<SiteModel, 'banner' | 'components' | 'active'>): BannerScope | null {
  if (model.banner.status === 'operational') return null;
  const named = model.components.filter((c) => c.status === model.banner.status);
  const names = named.map((c) => c.name);
  // The most severe active incident behind a named component; else the most severe one.
  const worst = model.active.find((i) => i.components.some((id) => named.some((c) => c.id === id))) ?? model.active[0];
  if (names.length === 0 && !worst) return null;
  return { names, incident: worst ? { number: worst.number, title: worst.title } : null };
}

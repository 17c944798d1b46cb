/// <reference types="astro/client" />
/**
 * Shared by the machine-readable endpoints (API, feeds, badges): the one model of this build, the
 * API built once from it, and responses with the right type. Not a page (the `_` keeps it out of
 * the routes).
 */
import { getSiteModel } from '../../data/site.ts';
import { type ApiContext, createApiContext } from '../../lib/api/context.ts';
import { buildStatuspageApi, type StatuspageFiles } from '../../lib/api/statuspage.ts';

let context: ApiContext | undefined;
let api: StatuspageFiles | undefined;

export function getApiContext(): ApiContext {
  context ??= createApiContext(getSiteModel(), import.meta.env.BASE_URL);
  return context;
}

export function getStatuspageApi(): StatuspageFiles {
  api ??= buildStatuspageApi(getApiContext());
  return api;
}

export const respond = (body: string, type: string): Response => new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8` } });

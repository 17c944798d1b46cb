import type { APIRoute } from 'astro';
import { getSiteModel } from '../data/site.ts';
import { describeBadge, renderBadgeSvg } from '../lib/api/badges.ts';
import { respond } from './api/_machine.ts';

export const GET: APIRoute = () => respond(renderBadgeSvg(describeBadge(getSiteModel())), 'image/svg+xml');

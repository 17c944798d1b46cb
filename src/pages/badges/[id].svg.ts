import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteModel } from '../../data/site.ts';
import { describeBadge, renderBadgeSvg } from '../../lib/api/badges.ts';
import { respond } from '../api/_machine.ts';

export const getStaticPaths = (() => getSiteModel().components.map((c) => ({ params: { id: c.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => respond(renderBadgeSvg(describeBadge(getSiteModel(), params['id'])), 'image/svg+xml');

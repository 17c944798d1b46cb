import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteModel } from '../../../data/site.ts';
import { describeFeed, renderFeed } from '../../../lib/api/feeds.ts';
import { FEED_TYPES } from '../../../lib/api/paths.ts';
import { getApiContext, respond } from '../../api/_machine.ts';

export const getStaticPaths = (() => getSiteModel().components.map((c) => ({ params: { id: c.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => respond(renderFeed(getApiContext(), describeFeed(getApiContext(), params['id']), 'rss'), FEED_TYPES.rss);

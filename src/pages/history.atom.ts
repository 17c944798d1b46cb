import type { APIRoute } from 'astro';
import { describeFeed, renderFeed } from '../lib/api/feeds.ts';
import { FEED_TYPES } from '../lib/api/paths.ts';
import { getApiContext, respond } from './api/_machine.ts';

export const GET: APIRoute = () => respond(renderFeed(getApiContext(), describeFeed(getApiContext()), 'atom'), FEED_TYPES.atom);

import type { APIRoute } from 'astro';
import { getStatuspageApi, respond } from '../../_machine.ts';

export const GET: APIRoute = () => respond(JSON.stringify(getStatuspageApi()['incidents/unresolved.json']), 'application/json');

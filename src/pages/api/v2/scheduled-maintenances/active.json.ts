import type { APIRoute } from 'astro';
import { getStatuspageApi, respond } from '../../_machine.ts';

export const GET: APIRoute = () => respond(JSON.stringify(getStatuspageApi()['scheduled-maintenances/active.json']), 'application/json');

import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Liveness only: the process answers. Dependencies are /readyz's business. */
export const GET: RequestHandler = () =>
  json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });

import { json } from '@sveltejs/kit';
import { readiness } from '$lib/server/health';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
  const result = await readiness();
  return json(result, { status: result.ready ? 200 : 503 });
};

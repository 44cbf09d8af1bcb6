/**
 * A synthetic graph of `?n=` nodes (50-2000) for timing the explorer in a browser
 * (scripts/bench/network.bench.ts): made-up names, no data from the database. Not in production.
 */
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
  if (config().nodeEnv === 'production') error(404, 'Not found');
  const n = Number(url.searchParams.get('n') ?? 300);
  const layout = url.searchParams.get('layout') ?? 'fcose';
  return { n: Number.isFinite(n) ? Math.max(10, Math.min(2000, Math.trunc(n))) : 300, layout };
};

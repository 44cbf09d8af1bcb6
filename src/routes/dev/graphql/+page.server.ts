/** The local GraphQL IDE exists only outside production (no introspection there either). */
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
  if (config().nodeEnv === 'production') error(404, 'Not found');
  return {};
};

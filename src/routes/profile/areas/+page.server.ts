/**
 * /profile/areas: the areas that make search "local first". Practitioners add council areas or
 * districts (found by name or code) and remove the ones they added; areas that come from their
 * clients (AUTO) are shown but stay while they work there.
 */
import { fail, redirect } from '@sveltejs/kit';
import { areasService } from '$lib/server/search/areas.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.user) redirect(303, '/login?next=/profile/areas');
  const find = (url.searchParams.get('find') ?? '').slice(0, 80);
  const [areas, choices] = await Promise.all([
    areasService().myAreas(locals.user.id),
    find.trim().length >= 2 ? areasService().findAreas(find) : Promise.resolve([])
  ]);
  return { areas, find, choices };
};

export const actions = {
  add: async ({ request, locals }) => {
    if (!locals.user) redirect(303, '/login?next=/profile/areas');
    const code = String((await request.formData()).get('code') ?? '').trim();
    if (!code) return fail(400, { message: 'Choose an area to add.' });
    const result = await areasService().addProfileArea(locals.user.id, code);
    if (!result.ok) return fail(400, { message: result.message });
    return { done: `${result.name} added to your areas.` };
  },
  remove: async ({ request, locals }) => {
    if (!locals.user) redirect(303, '/login?next=/profile/areas');
    const code = String((await request.formData()).get('code') ?? '').trim();
    const result = await areasService().removeProfileArea(locals.user.id, code);
    if (!result.ok) return fail(400, { message: result.message });
    return { done: `${result.name} removed from your areas.` };
  }
} satisfies Actions;

import { waitingAttentions } from '$lib/server/attentions/waiting-count';
import type { LayoutServerLoad } from './$types';

// The navigation's attention count is read directly, not through GraphQL: it runs on every page,
// and is the viewer's own count with nothing to authorise beyond the session.
export const load: LayoutServerLoad = async ({ locals }) => ({
  user: locals.user
    ? { id: locals.user.id, name: locals.user.name, roles: locals.user.roles }
    : null,
  waitingAttentions: locals.user ? await waitingAttentions(locals.user.id) : 0
});

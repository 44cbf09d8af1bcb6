/**
 * Links between a client's pages, through SvelteKit's resolve() so the base path applies (and the
 * linter can tell they were resolved).
 */
import { resolve } from '$app/paths';

export type ClientSection = 'circle' | 'attentions' | 'activity' | 'network' | 'meeting';

/** `/clients/<id>` or one of its sections (the network page may not exist yet). */
export function clientHref(clientId: string, section?: ClientSection) {
  const id = encodeURIComponent(clientId);
  return resolve(section ? `/clients/${id}/${section}` : `/clients/${id}`);
}

export function inviteHref(clientId: string) {
  return resolve(`/invite?client=${encodeURIComponent(clientId)}`);
}

/** The meeting planner, pack or invitation with the meeting's query string. */
export function meetingHref(
  clientId: string,
  page: 'planner' | 'pack' | 'invite.ics',
  query: string
) {
  const id = encodeURIComponent(clientId);
  const suffix = `${page === 'planner' ? '' : `/${page}`}${query ? `?${query}` : ''}`;
  return resolve(`/clients/${id}/meeting${suffix}`);
}

/** The A4 print view of a client's network (the drawing, its legend and the table). */
export function networkPrintHref(clientId: string) {
  return resolve(`/clients/${encodeURIComponent(clientId)}/network?print=1`);
}

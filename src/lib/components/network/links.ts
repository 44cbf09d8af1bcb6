/**
 * Links from the network pages, through SvelteKit's resolve() so a base path applies (and the
 * linter can see they were resolved).
 */
import { resolve } from '$app/paths';

const enc = encodeURIComponent;

export const links = {
  team: (clientId: string) => resolve(`/clients/${enc(clientId)}`),
  /** A client's network with a view's query string (`?depth=2…` or ''). */
  network: (clientId: string, query = '') => resolve(`/clients/${enc(clientId)}/network${query}`),
  practitioner: (id: string) => resolve(`/practitioners/${enc(id)}`),
  agency: (id: string) => resolve(`/agencies/${enc(id)}`)
};

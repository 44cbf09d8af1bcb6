/** Dashboard links with SvelteKit's base path applied (resolve), for the components. */
import { resolve } from '$app/paths';
import { dashboardSearch, type DashboardLink } from '$lib/dashboard/links';

export function dashboardHref(link: DashboardLink) {
  return resolve(`/dashboard?${dashboardSearch(link)}`);
}

export function exportHref(table: string, link: DashboardLink) {
  return resolve(`/dashboard/export/${table}.csv?${dashboardSearch(link)}`);
}

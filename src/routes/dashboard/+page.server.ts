/**
 * /dashboard?area=<code>&period=<4w|12w|52w>&sort=<column>&dir=<asc|desc>: network growth for
 * local leads and admins. Everything is in the query string, so a view can be bookmarked and the
 * breakdown sorted without JavaScript. `?/refresh` (admins) queues a new snapshot of the area.
 * The work is in $lib/server/dashboard/page.ts, on the same service as GraphQL `dashboard`.
 */
import { requireUser } from '$lib/server/auth/require-user';
import { dashboardPageData, queueRefresh } from '$lib/server/dashboard/page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, getClientAddress }) =>
  dashboardPageData({ user: requireUser(locals), url, ip: getClientAddress() });

export const actions = {
  refresh: async ({ locals, url, request, getClientAddress }) =>
    queueRefresh(
      { user: requireUser(locals), url, ip: getClientAddress() },
      await request.formData()
    )
} satisfies Actions;

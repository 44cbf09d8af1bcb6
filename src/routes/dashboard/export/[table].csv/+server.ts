/**
 * /dashboard/export/<table>.csv?area=…&period=…: any dashboard table as CSV, from the same
 * (suppressed) view as the page, with the same access rules and refusals audited.
 */
import { requireUser } from '$lib/server/auth/require-user';
import { dashboardCsvResponse } from '$lib/server/dashboard/page';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url, params, getClientAddress }) =>
  dashboardCsvResponse({ user: requireUser(locals), url, ip: getClientAddress() }, params.table);

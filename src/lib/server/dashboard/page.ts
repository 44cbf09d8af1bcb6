/**
 * What the /dashboard routes do, kept out of the route files so tests (and tsc's Node project) can
 * call it without SvelteKit's generated types: the page's data, the CSV exports and the admins'
 * refresh. Access is decided, and refusals audited, by the service they all call.
 */
import { error, fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { parseSort, sortRows, type SortState } from '../../dashboard/sort.ts';
import type { BreakdownRowView, DashboardView } from '../../dashboard/view.ts';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../accounts/lead-scope.ts';
import type { AccessDenied } from './access.ts';
import { dashboardCsvFile, isCsvTable } from './csv.ts';
import { defaultDb, getDashboard } from './dashboard.service.ts';
import { readAreaTree } from './fetch.ts';
import { requestSnapshots } from './refresh-queue.ts';
import { ROOT_CODE } from './types.ts';

export interface DashboardRequest {
  user: Actor;
  url: URL;
  ip: string;
}

export interface DashboardPageData {
  view: DashboardView;
  sort: SortState;
  /** The breakdown in the order the query string asks for. */
  breakdown: BreakdownRowView[];
  refreshed: boolean;
}

const LEADS_ONLY = 'This page is for local leads and admins.';

function refuse(reason: AccessDenied | 'not-found'): never {
  if (reason === 'not-found' || reason === 'bad-area') error(404, 'No area has that code.');
  error(403, reason === 'forbidden' ? LEADS_ONLY : 'That area is outside your areas.');
}

async function view(req: DashboardRequest): Promise<DashboardView> {
  const result = await getDashboard(
    req.user,
    { area: req.url.searchParams.get('area'), period: req.url.searchParams.get('period') },
    { ip: req.ip, path: req.url.pathname }
  );
  if (!result.ok) refuse(result.reason);
  return result.view;
}

export async function dashboardPageData(req: DashboardRequest): Promise<DashboardPageData> {
  const shown = await view(req);
  const sort = parseSort(req.url.searchParams);
  return {
    view: shown,
    sort,
    breakdown: sortRows(shown.breakdown, sort),
    refreshed: req.url.searchParams.get('refreshed') === '1'
  };
}

export async function dashboardCsvResponse(
  req: DashboardRequest,
  table: string
): Promise<Response> {
  if (!isCsvTable(table)) error(404, 'No such table.');
  const shown = await view(req);
  const day = shown.asOf.slice(0, 10);
  const filename = `dashboard-${shown.area.code}-${table}-${shown.period}-${day}.csv`;
  // A byte-order mark so Excel reads agency and area names as UTF-8.
  const csv = `\uFEFF${dashboardCsvFile(shown, table, parseSort(req.url.searchParams))}`;
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.@-]/g, '_')}"`,
      'cache-control': 'no-store'
    }
  });
}

/** An admin's "refresh the figures now": queues a snapshot job and comes back to the view. */
export async function queueRefresh(
  req: DashboardRequest,
  form: FormData
): Promise<ActionFailure<{ refreshError: string }>> {
  if (!req.user.roles.includes('admin')) {
    await audit({
      type: 'access.denied',
      actorId: req.user.id,
      ip: req.ip,
      data: { path: req.url.pathname, action: 'refresh' }
    });
    error(403, 'Only admins can refresh the figures.');
  }
  const given = String(form.get('area') ?? '');
  // An area code or nothing (everywhere): what goes into the job is never free text.
  const area = /^[A-Za-z0-9-]{1,64}$/.test(given) ? given : '';
  const period = String(form.get('period') ?? '');
  // An area with the areas within it, so the views a drill-down leads to are as fresh.
  const tree = area && area !== ROOT_CODE ? await readAreaTree(defaultDb(), area) : null;
  const queued = await requestSnapshots(tree ? tree.subtree : [null]);
  if (!queued)
    return fail(503, { refreshError: 'The job queue did not answer: try again shortly.' });
  const next = new URLSearchParams({ refreshed: '1' });
  if (area) next.set('area', area);
  if (/^\d{1,2}w$/.test(period)) next.set('period', period);
  redirect(303, `/dashboard?${next}`);
}

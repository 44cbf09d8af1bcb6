import { error } from '@sveltejs/kit';
import {
  accessReportCsv,
  clientAccessReport,
  userAccessReport
} from '$lib/server/audit/access-report.service';
import { readReportQuery } from '$lib/server/audit/report-query';
import { LEADS_ONLY } from '$lib/server/auth/forbid';
import { requireUser } from '$lib/server/auth/require-user';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, getClientAddress }) => {
  const user = requireUser(locals);
  const query = readReportQuery(url.searchParams);
  const context = { ip: getClientAddress(), format: 'csv' as const };
  const range = { from: query.from, to: query.to };
  if (!query.client && !query.user) error(400, 'Say whose report: ?client=<id> or ?user=<email>.');
  // Both services check the role and scope and audit the refusal or the export.
  const result = query.client
    ? await clientAccessReport(user, query.client, range, context)
    : await userAccessReport(user, query.user, range, context);
  if (!result.ok) {
    if (result.reason === 'not-found') error(404, 'Not found');
    error(403, result.reason === 'forbidden' ? LEADS_ONLY : 'That is outside your areas.');
  }
  const day = new Date().toISOString().slice(0, 10);
  const filename = `access-${result.subject.kind}-${result.subject.id.slice(0, 8)}-${day}.csv`;
  // A byte-order mark so Excel reads the names as UTF-8.
  return new Response(`\uFEFF${accessReportCsv(result.rows)}`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store'
    }
  });
};

import { error } from '@sveltejs/kit';
import {
  clientAccessReport,
  reportScope,
  userAccessReport,
  type ReportResult
} from '$lib/server/audit/access-report.service';
import { readReportQuery, reportQueryString } from '$lib/server/audit/report-query';
import { LEADS_ONLY } from '$lib/server/auth/forbid';
import { requireUser } from '$lib/server/auth/require-user';
import type { PageServerLoad } from './$types';

const PROBLEMS: Record<Exclude<ReportResult, { ok: true }>['reason'], string> = {
  forbidden: LEADS_ONLY,
  'not-found': 'Nothing matches that: check the client id, or the practitioner’s email or id.',
  'out-of-scope': 'That is outside your areas, so its report is not yours to see.'
};

export const load: PageServerLoad = async ({ locals, url, getClientAddress }) => {
  const user = requireUser(locals);
  const ip = getClientAddress();
  const scope = await reportScope(user, { ip });
  if (!scope) error(403, LEADS_ONLY);
  const query = readReportQuery(url.searchParams);
  const range = { from: query.from, to: query.to };
  const result = query.client
    ? await clientAccessReport(user, query.client, range, { ip })
    : query.user
      ? await userAccessReport(user, query.user, range, { ip })
      : null;
  return {
    query,
    isAdmin: scope.all,
    report: result?.ok ? result : null,
    problem: result && !result.ok ? PROBLEMS[result.reason] : null,
    csvQuery: result?.ok ? reportQueryString(query) : null
  };
};

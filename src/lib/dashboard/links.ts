/** Addresses within the dashboard: everything lives in the query string. */
import type { Period } from './period.ts';
import { DEFAULT_SORT, type SortState } from './sort.ts';

export interface DashboardLink {
  /** An area code; null or 'ALL' for an admin's everywhere. */
  area: string | null;
  period: Period;
  sort?: SortState;
}

/** The query string of a dashboard view (components prefix it with the resolved path). */
export function dashboardSearch({ area, period, sort }: DashboardLink): string {
  const params = new URLSearchParams();
  if (area && area !== 'ALL') params.set('area', area);
  params.set('period', period);
  if (sort && (sort.column !== DEFAULT_SORT.column || sort.dir !== DEFAULT_SORT.dir)) {
    params.set('sort', sort.column);
    params.set('dir', sort.dir);
  }
  return params.toString();
}

/**
 * The dashboard for one viewer, area and period: what GraphQL `dashboard`, the page and the CSV
 * exports all serve (present.ts suppresses every count on the way out).
 *
 * Every figure comes from the area's newest snapshot (docs/dashboard.md "Snapshots"), shown with
 * its time; a request computes one only for an area that has none yet, for that one area, bounded
 * by it. "Everywhere" is never computed in a request: without a snapshot, one is queued. Headline
 * figures are not counted live: on the dev database a district's live count took seconds, a
 * snapshot read takes milliseconds (docs/dashboard.md "Why no live headline").
 */
import { parsePeriod, periodStart } from '../../dashboard/period.ts';
import type { DashboardView } from '../../dashboard/view.ts';
import type { Actor } from '../accounts/lead-scope.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { dashboardAccess, type AccessContext, type AccessDenied } from './access.ts';
import { dashboardQuery, readAreaTree, type Db } from './fetch.ts';
import { presentDashboard } from './present.ts';
import { requestSnapshot } from './refresh-queue.ts';
import { latestOrCompute, readLatestSnapshot } from './snapshot.ts';
import { ROOT_CODE, type AreaRef } from './types.ts';

export type DashboardResult =
  { ok: true; view: DashboardView } | { ok: false; reason: AccessDenied | 'not-found' };

export interface DashboardArgs {
  area?: string | null;
  period?: string | null;
}

export interface DashboardOptions extends AccessContext {
  now?: Date;
  db?: Db;
}

export function defaultDb(): Db {
  return { driver: getDriver(), database: database() };
}

const EVERYWHERE: AreaRef = { code: ROOT_CODE, name: 'Everywhere', level: 'ALL' };

async function states(db: Db): Promise<AreaRef[]> {
  const { records } = await db.driver.executeQuery(
    dashboardQuery('states'),
    {},
    { database: db.database, routing: 'READ' }
  );
  return records.map((r) => r.toObject() as AreaRef);
}

export async function getDashboard(
  actor: Actor,
  args: DashboardArgs,
  options: DashboardOptions
): Promise<DashboardResult> {
  const db = options.db ?? defaultDb();
  const access = await dashboardAccess(db, actor, args.area, options);
  if (!access.ok) return access;
  const period = parsePeriod(args.period);
  const now = options.now ?? new Date();
  const start = periodStart(now, period);
  const common = {
    myAreas: access.led,
    period,
    periodStart: start,
    canRefresh: access.admin
  };

  if (access.areaCode === ROOT_CODE) {
    const stored = await readLatestSnapshot(db, ROOT_CODE);
    // Best effort: the page says the figures are on their way either way.
    if (!stored) await requestSnapshot(ROOT_CODE);
    return {
      ok: true,
      view: presentDashboard({
        ...common,
        area: EVERYWHERE,
        breadcrumbs: [],
        snapshot: stored?.figures ?? null,
        children: stored ? [] : await states(db)
      })
    };
  }

  const [tree, existing] = await Promise.all([
    readAreaTree(db, access.areaCode),
    readLatestSnapshot(db, access.areaCode)
  ]);
  if (!tree) return { ok: false, reason: 'not-found' };
  const stored = await latestOrCompute(db, tree, existing);
  const breadcrumbs = access.admin
    ? [EVERYWHERE, ...tree.ancestors]
    : tree.ancestors.filter((a) => access.scope.has(a.code));
  return {
    ok: true,
    view: presentDashboard({
      ...common,
      area: tree.area,
      breadcrumbs,
      snapshot: stored.figures,
      children: []
    })
  };
}

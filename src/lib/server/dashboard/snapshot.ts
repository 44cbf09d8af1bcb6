/**
 * Weekly snapshots of the costly figures, one (:DashboardSnapshot) per area and week
 * (id = `<areaCode>@<week start>`), figures as a JSON string. A request reads the newest one; the
 * weekly job and an admin's refresh write them; an area nobody has looked at yet is computed once,
 * on its first request, for that one area only.
 */
import { isoDay, weekStart } from '../../dashboard/period.ts';
import { computeSnapshot } from './compute.ts';
import { dashboardQuery, readAreaTree, type Db } from './fetch.ts';
import type { AreaTree, SnapshotFigures, StoredSnapshot } from './types.ts';

/** Older snapshots of an area are dropped: each one already holds the whole year of series. */
export const KEEP_WEEKS = 8;

export function snapshotId(areaCode: string, week: Date): string {
  return `${areaCode}@${isoDay(week)}`;
}

export async function saveSnapshot(db: Db, figures: SnapshotFigures): Promise<StoredSnapshot> {
  const computedAt = figures.asOf;
  const week = weekStart(new Date(computedAt));
  const stored: StoredSnapshot = {
    id: snapshotId(figures.area.code, week),
    areaCode: figures.area.code,
    weekStart: isoDay(week),
    computedAt,
    figures
  };
  await db.driver.executeQuery(
    dashboardQuery('snapshot-save'),
    {
      id: stored.id,
      areaCode: stored.areaCode,
      weekStart: stored.weekStart,
      computedAt,
      figures: JSON.stringify(figures),
      keepWeeks: KEEP_WEEKS
    },
    { database: db.database }
  );
  return stored;
}

export async function readLatestSnapshot(db: Db, areaCode: string): Promise<StoredSnapshot | null> {
  const { records } = await db.driver.executeQuery(
    dashboardQuery('snapshot-latest'),
    { areaCode },
    { database: db.database, routing: 'READ' }
  );
  const row = records[0]?.toObject() as
    | { id: string; areaCode: string; weekStart: string; computedAt: string; figures: string }
    | undefined;
  if (!row) return null;
  const figures = JSON.parse(row.figures) as SnapshotFigures;
  return { ...row, figures };
}

/** Computes and stores an area's snapshot now; null when the area does not exist. */
export async function refreshSnapshot(
  db: Db,
  areaCode: string,
  now = new Date()
): Promise<StoredSnapshot | null> {
  const tree = await readAreaTree(db, areaCode);
  if (!tree) return null;
  return saveSnapshot(db, await computeSnapshot(db, tree, now));
}

// Two requests for an area nobody has looked at yet share one computation.
const inFlight = new Map<string, Promise<StoredSnapshot>>();

/**
 * The newest snapshot of the area (`existing`, read by the caller alongside the tree), or the first
 * one, computed and stored now.
 */
export async function latestOrCompute(
  db: Db,
  tree: AreaTree,
  existing: StoredSnapshot | null
): Promise<StoredSnapshot> {
  if (existing && existing.figures.version === 1) return existing;
  let pending = inFlight.get(tree.area.code);
  if (!pending) {
    pending = computeSnapshot(db, tree)
      .then((figures) => saveSnapshot(db, figures))
      .finally(() => inFlight.delete(tree.area.code));
    inFlight.set(tree.area.code, pending);
  }
  return pending;
}

/**
 * dashboard-snapshot: computes and stores one area's weekly dashboard snapshot, or, for
 * `areaCode: null` (the weekly schedule, an admin's "refresh everything"), queues one job per area
 * so each area is its own short job and the maintenance queue's other jobs get their turn between
 * them (snapshot jobs also carry a lower priority).
 */
import type { Job, Queue } from 'bullmq';
import { readSnapshotAreas } from '../../src/lib/server/dashboard/fetch.ts';
import {
  SNAPSHOT_CRON,
  SNAPSHOT_JOB,
  snapshotJobOptions,
  type SnapshotPayload
} from '../../src/lib/server/dashboard/jobs.ts';
import { refreshSnapshot } from '../../src/lib/server/dashboard/snapshot.ts';
import { ROOT_CODE } from '../../src/lib/server/dashboard/types.ts';
import type { HandlerContext } from './context.ts';

export function dashboardSnapshotHandler(ctx: HandlerContext) {
  const db = { driver: ctx.driver, database: ctx.database };
  return async (job: Job<SnapshotPayload>) => {
    const { areaCode } = job.data;
    if (areaCode === null) {
      const codes = [ROOT_CODE, ...(await readSnapshotAreas(db))];
      await ctx.queues.maintenance.addBulk(
        codes.map((code) => ({
          name: SNAPSHOT_JOB,
          data: { areaCode: code },
          opts: snapshotJobOptions(code)
        }))
      );
      return { queued: codes.length };
    }
    const stored = await refreshSnapshot(db, areaCode);
    // An area that no longer exists has nothing to snapshot: done, not failed.
    if (!stored) return { areaCode, skipped: true };
    return { areaCode, id: stored.id };
  };
}

/** The weekly schedule (Mondays 02:00 UTC) of a snapshot of every area. */
export async function scheduleDashboardSnapshots(maintenance: Queue): Promise<void> {
  const { jobId: _jobId, ...opts } = snapshotJobOptions(null);
  await maintenance.upsertJobScheduler(
    SNAPSHOT_JOB,
    { pattern: SNAPSHOT_CRON },
    { name: SNAPSHOT_JOB, data: { areaCode: null }, opts }
  );
}

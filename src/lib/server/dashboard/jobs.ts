/**
 * The `dashboard-snapshot` job as producers add it (the weekly scheduler, an admin's refresh, the
 * fan-out of "all areas"). The payload is an area code, never personal data.
 */
import type { JobsOptions } from 'bullmq';
import { jobId, type JobPayloads } from '../../../../workers/catalogue.ts';

export const SNAPSHOT_JOB = 'dashboard-snapshot' as const;

/** Mondays 02:00 UTC: a new week's snapshots before anyone opens the dashboard. */
export const SNAPSHOT_CRON = '0 2 * * 1';

/** `null` = every area (the job fans out one job per area). */
export type SnapshotPayload = JobPayloads['dashboard-snapshot'];

export function snapshotJobOptions(areaCode: string | null): JobsOptions {
  return {
    // One waiting job per area: a second refresh while the first waits adds nothing.
    jobId: jobId(SNAPSHOT_JOB, areaCode ?? 'all'),
    // After outbox sweeps, digests and stale marking, which share the maintenance queue.
    priority: 10,
    attempts: 3,
    backoff: { type: 'exponential', delay: 30_000 },
    // Removed either way so the same area can be queued again; failures are logged by the worker.
    removeOnComplete: true,
    removeOnFail: true
  };
}

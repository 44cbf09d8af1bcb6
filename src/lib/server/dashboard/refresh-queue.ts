/**
 * The web app's producer for snapshot jobs (an admin's refresh button; "everywhere" before its
 * first snapshot). Opened on first use and closed on `sveltekit:shutdown`, like the events queue.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '../../../../workers/catalogue.ts';
import { bullConnection, bullPrefix } from '../../../../workers/connection.ts';
import { SNAPSHOT_JOB, snapshotJobOptions } from './jobs.ts';

const ADD_TIMEOUT_MS = 3_000;

let producer: { queue: Queue; connection: Redis } | undefined;

function queue(): Queue {
  if (!producer) {
    const connection = bullConnection();
    const maintenance = new Queue(QUEUES.maintenance, { connection, prefix: bullPrefix() });
    maintenance.on('error', (error) => console.error('[queue maintenance]', error.message));
    producer = { queue: maintenance, connection };
    process.once('sveltekit:shutdown', () => void closeSnapshotQueue());
  }
  return producer.queue;
}

/** Queues a snapshot of one area (or of every area); false when Redis did not take it in time. */
export function requestSnapshot(areaCode: string | null): Promise<boolean> {
  return requestSnapshots([areaCode]);
}

/** Queues snapshots of these areas (null: every area) in one call; false when Redis did not answer. */
export async function requestSnapshots(areaCodes: (string | null)[]): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ADD_TIMEOUT_MS);
  });
  try {
    const added = queue()
      .addBulk(
        areaCodes.map((areaCode) => ({
          name: SNAPSHOT_JOB,
          data: { areaCode },
          opts: snapshotJobOptions(areaCode)
        }))
      )
      .then(() => true as const);
    return await Promise.race([added, timeout]);
  } catch (error) {
    console.error('[dashboard] could not queue a snapshot:', (error as Error).message);
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function closeSnapshotQueue(): Promise<void> {
  const current = producer;
  producer = undefined;
  if (!current) return;
  await current.queue.close().catch(() => undefined);
  current.connection.disconnect();
}

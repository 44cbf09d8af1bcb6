/**
 * The admin's Retry for a failed notification: pending again in Neo4j, then its job is re-added
 * with the same id (the failed job is removed first, or BullMQ would keep the id and add nothing).
 * Same id, same Idempotency-Key: if the provider did accept it after all, nothing is sent twice.
 */
import type { Queue } from 'bullmq';
import type { Driver } from 'neo4j-driver';
import { EMAIL_JOB_OPTIONS } from '../../../../workers/handlers/context.ts';
import { prepareRetry } from './admin.ts';

export async function retryNotification(
  driver: Driver,
  database: string,
  emailQueue: Queue,
  notificationId: string
): Promise<'queued' | 'already-queued' | 'not-failed'> {
  const target = await prepareRetry(driver, database, notificationId);
  if (!target) return 'not-failed';
  const existing = await emailQueue.getJob(target.jobId);
  if (existing) {
    const state = await existing.getState();
    if (state !== 'failed' && state !== 'completed') return 'already-queued';
    await existing.remove();
  }
  const data =
    target.queue === 'send-email' ? { notificationId: target.jobId } : { batchId: target.jobId };
  await emailQueue.add(target.queue, data, { ...EMAIL_JOB_OPTIONS, jobId: target.jobId });
  return 'queued';
}

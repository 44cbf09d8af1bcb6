/**
 * Every queue, job name and payload in one place. Payloads carry ids only: Redis keeps them in
 * clear text, so no names, emails or messages ever go into a job.
 */
export const QUEUES = {
  /** Outbox events, one job per Event node (jobId = event id). */
  events: 'events',
  /** Emails to send: one per immediate alert, one per batch of digests. */
  email: 'email',
  /** Scheduled housekeeping: outbox sweeper, digest collection, stale memberships. */
  maintenance: 'maintenance'
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Decide who hears about an event and how (immediately, in a digest, not at all). */
  'fan-out': { eventId: string };
  /** Render and send one alert email (notificationId = `${eventId}.${recipientId}` = the job id). */
  'send-email': { notificationId: string };
  /** Render and send up to 100 daily digests in one batch call (jobId = batchId). */
  'send-digest': { batchId: string };
  /** Every 15 minutes: whose 07:00 has passed since their last digest. */
  'collect-digests': Record<string, never>;
  /** Daily: memberships not confirmed for 6 months. */
  'mark-stale': Record<string, never>;
  /** Re-publish outbox events that never reached Redis. */
  'sweep-outbox': Record<string, never>;
  /** Weekly, or an admin's refresh: one area's dashboard snapshot (null: queue every area's). */
  'dashboard-snapshot': { areaCode: string | null };
}

export type JobName = keyof JobPayloads;

/** Which queue carries each job; the worker start-up check uses it. */
export const JOB_QUEUE: { [J in JobName]: QueueName } = {
  'fan-out': QUEUES.events,
  'send-email': QUEUES.email,
  'send-digest': QUEUES.email,
  'collect-digests': QUEUES.maintenance,
  'mark-stale': QUEUES.maintenance,
  'sweep-outbox': QUEUES.maintenance,
  'dashboard-snapshot': QUEUES.maintenance
};

/** BullMQ job ids cannot contain ':'; event and recipient ids are UUIDs joined with '.'. */
export function jobId(...parts: string[]): string {
  return parts.join('.').replaceAll(':', '_');
}

/**
 * Every queue, job name and payload in one place. Payloads carry ids only: Redis keeps them in
 * clear text, so no names, emails or messages ever go into a job.
 */
export const QUEUES = {
  /** Outbox events, one job per Event node (jobId = event id). */
  events: 'events',
  /** Scheduled housekeeping: the outbox sweeper. */
  maintenance: 'maintenance'
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  'fan-out': { eventId: string };
  'sweep-outbox': Record<string, never>;
}

export type JobName = keyof JobPayloads;

/** Which queue carries each job; the worker start-up check uses it. */
export const JOB_QUEUE: { [J in JobName]: QueueName } = {
  'fan-out': QUEUES.events,
  'sweep-outbox': QUEUES.maintenance
};

/** BullMQ job ids cannot contain ':'; event and recipient ids are UUIDs joined with '.'. */
export function jobId(...parts: string[]): string {
  return parts.join('.').replaceAll(':', '_');
}

/** What every handler gets: the database, the queues it may add to, the mail transport, settings. */
import type { Queue } from 'bullmq';
import type { Driver } from 'neo4j-driver';
import type { QueueName } from '../catalogue.ts';
import type { MailTransport } from '../mail/transport.ts';

export interface HandlerContext {
  driver: Driver;
  database: string;
  publicUrl: string;
  /** Signs unsubscribe links (config().sessionSecret). */
  sessionSecret: string;
  transport: MailTransport;
  queues: Record<QueueName, Queue>;
  /** A provider call that takes longer is abandoned and retried (the key makes that safe). */
  sendTimeoutMs: number;
  /** Outbox events younger than this are left to the command that wrote them. */
  sweepGraceSeconds: number;
}

export const EMAIL_JOB_OPTIONS = {
  // 12 attempts with exponential backoff from 2 s span about 2 hours: long enough to ride out a
  // provider outage; rate limiting (429) does not use attempts up at all.
  attempts: 12,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 }
} as const;

/**
 * The web app's BullMQ producers. Created on first use, not at import, so pages that never publish
 * (and builds, and unit tests) never open a Redis connection. Closed on `sveltekit:shutdown`:
 * an open BullMQ connection would otherwise keep `node build` alive after SIGTERM.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '../../../workers/catalogue.ts';
import { bullConnection, bullPrefix } from '../../../workers/connection.ts';

/** How long a request waits for Redis to take a job before it gives up and leaves it to the sweeper. */
export const PUBLISH_TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A producer queue whose adds fail after PUBLISH_TIMEOUT_MS instead of waiting forever: the
 * connection retries indefinitely (as BullMQ wants), so with Redis down an add would otherwise
 * hold the practitioner's request open. A late add still lands and is harmless (jobId = event id).
 */
class ProducerQueue extends Queue {
  override addBulk(jobs: Parameters<Queue['addBulk']>[0]): ReturnType<Queue['addBulk']> {
    return withTimeout(super.addBulk(jobs), PUBLISH_TIMEOUT_MS, 'Publishing to the events queue');
  }

  override add(...args: Parameters<Queue['add']>): ReturnType<Queue['add']> {
    return withTimeout(super.add(...args), PUBLISH_TIMEOUT_MS, 'Publishing to the events queue');
  }
}

let events: { queue: Queue; connection: Redis } | undefined;

/** The `events` queue that outbox events are published to (jobId = event id). */
export function getEventsQueue(): Queue {
  if (!events) {
    const connection = bullConnection();
    const queue = new ProducerQueue(QUEUES.events, { connection, prefix: bullPrefix() });
    // Without a listener an unreachable Redis would be an unhandled 'error' event and crash the
    // process; the outbox sweeper delivers whatever could not be published meanwhile.
    queue.on('error', (error) => console.error('[queue events]', error.message));
    events = { queue, connection };
    process.once('sveltekit:shutdown', () => void closeQueues());
  }
  return events.queue;
}

export async function closeQueues(): Promise<void> {
  const current = events;
  events = undefined;
  if (!current) return;
  await current.queue.close().catch(() => undefined);
  // BullMQ leaves a connection it was given open; this one was made for the queue.
  current.connection.disconnect();
}

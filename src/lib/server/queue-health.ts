/**
 * Queue health for /readyz and the admin notifications page: job counts per BullMQ queue, failed
 * notifications and the age of the oldest outbox event never published. It reports; it does not
 * decide readiness (a backlog is a reason to look, not to stop serving pages).
 *
 * The queues here are opened lazily, only to count and to re-add failed jobs, and closed on
 * `sveltekit:shutdown` (an open BullMQ connection keeps `node build` alive after SIGTERM).
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type QueueName } from '../../../workers/catalogue.ts';
import { bullConnection, bullPrefix } from '../../../workers/connection.ts';
import { outboxBacklog } from './alerts/admin.ts';
import { database, getDriver } from './db/neo4j.ts';

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface QueueHealth {
  queues: Record<QueueName, QueueDepth>;
  failedNotifications: number;
  unpublishedEvents: number;
  oldestUnpublishedEventSeconds: number | null;
}

let opened: { connection: Redis; queues: Map<QueueName, Queue> } | undefined;

export function monitoredQueue(name: QueueName): Queue {
  if (!opened) {
    const connection = bullConnection();
    opened = { connection, queues: new Map() };
    process.once('sveltekit:shutdown', () => void closeMonitoredQueues());
  }
  let queue = opened.queues.get(name);
  if (!queue) {
    queue = new Queue(name, { connection: opened.connection, prefix: bullPrefix() });
    queue.on('error', (error) => console.error(`[queue ${name}]`, error.message));
    opened.queues.set(name, queue);
  }
  return queue;
}

export async function closeMonitoredQueues(): Promise<void> {
  const current = opened;
  opened = undefined;
  if (!current) return;
  await Promise.allSettled([...current.queues.values()].map((q) => q.close()));
  current.connection.disconnect();
}

export async function queueDepths(
  queue: (name: QueueName) => Queue = monitoredQueue
): Promise<Record<QueueName, QueueDepth>> {
  const names = Object.values(QUEUES);
  const counts = await Promise.all(
    names.map(async (name) => {
      // 'prioritized' and 'waiting-children' are waiting too, as far as an operator is concerned.
      const c = await queue(name).getJobCounts(
        'waiting',
        'prioritized',
        'waiting-children',
        'active',
        'delayed',
        'failed'
      );
      const depth: QueueDepth = {
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0
      };
      return [name, depth] as const;
    })
  );
  return Object.fromEntries(counts) as Record<QueueName, QueueDepth>;
}

export async function queueHealth(): Promise<QueueHealth> {
  const [queues, backlog] = await Promise.all([
    queueDepths(),
    outboxBacklog(getDriver(), database())
  ]);
  return {
    queues,
    failedNotifications: backlog.failedNotifications,
    unpublishedEvents: backlog.unpublishedEvents,
    oldestUnpublishedEventSeconds: backlog.oldestUnpublishedSeconds
  };
}

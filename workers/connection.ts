/** BullMQ connection options shared by queues and workers. */
import { Redis } from 'ioredis';
import { config } from '../src/lib/server/config.ts';

export function bullConnection(): Redis {
  // BullMQ workers block on Redis, so they need maxRetriesPerRequest: null.
  const redis = new Redis(config().redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (error) => console.error('[redis]', error.message));
  return redis;
}

export function bullPrefix(): string {
  // The hash tag in the prefix keeps every key of a queue in one Redis Cluster slot.
  return `${config().redisPrefix}:bull`;
}

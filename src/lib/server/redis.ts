/** The web process's Redis connection (sessions, rate limits). BullMQ opens its own. */
import { Redis } from 'ioredis';
import { config } from './config.ts';

let client: Redis | undefined;

export function getRedis(): Redis {
  if (!client) {
    client = new Redis(config().redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
    // Without a listener ioredis reports connection errors as unhandled; readiness reports them.
    client.on('error', () => undefined);
  }
  return client;
}

/** Every key this app writes starts with the configured prefix (a hash tag, for Redis Cluster). */
export function redisKey(...parts: string[]): string {
  return [config().redisPrefix, ...parts].join(':');
}

export async function closeRedis(): Promise<void> {
  const current = client;
  client = undefined;
  await current?.quit().catch(() => current.disconnect());
}

/** Checks Redis and, for development on loopback, starts a `redis-server` when none answers. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { FriendlyError } from './friendly-error.ts';

const root = path.resolve(import.meta.dirname, '../..');

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1500,
    retryStrategy: () => null
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function ensureRedis(
  url: string,
  log: (line: string) => void = console.log
): Promise<'running' | 'started'> {
  if (await redisAnswers(url)) return 'running';
  const parsed = new URL(url);
  const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(parsed.hostname);
  const hasServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!loopback || !hasServer) {
    throw new FriendlyError(
      `Nothing answers at REDIS_URL (${url}). ${loopback ? 'Install Redis 7 (on Debian: `apt-get install redis-server`) and run the command again — it will start one for you — or start Redis yourself.' : 'Start that Redis server, or unset REDIS_URL to use one on this machine.'}`
    );
  }
  const port = parsed.port || '6379';
  const dir = path.join(root, '.data/redis');
  mkdirSync(dir, { recursive: true });
  log(`Starting redis-server on 127.0.0.1:${port} (data in .data/redis)...`);
  const result = spawnSync(
    'redis-server',
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      port,
      '--dir',
      dir,
      '--logfile',
      path.join(dir, 'redis.log'),
      '--pidfile',
      path.join(dir, 'redis.pid')
    ],
    { encoding: 'utf8' }
  );
  for (let i = 0; i < 40; i++) {
    if (await redisAnswers(url)) return 'started';
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new FriendlyError(
    `redis-server did not come up on port ${port} (${result.stderr.trim() || 'see .data/redis/redis.log'}). Is the port taken by something else?`
  );
}

/** Stops a redis-server that ensureRedis started (it wrote its pid into .data/redis). */
export function stopStartedRedis(): void {
  const pidFile = path.join(root, '.data/redis/redis.pid');
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/**
 * Runs before each end-to-end file. Every browser in these tests signs in from 127.0.0.1, and
 * some files fail sign-ins on purpose (fuzzing): failures of 20 different accounts lock the
 * address for 15 minutes, which would make whichever file comes next fail to sign in. Each file starts with no
 * failed sign-ins on record for any address (account locks are left to the tests that make them).
 */
import { Redis } from 'ioredis';
import { beforeAll } from 'vitest';
import { config } from '../../src/lib/server/config.ts';
import { redisKey } from '../../src/lib/server/redis.ts';

beforeAll(async () => {
  const redis = new Redis(config().redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(redisKey('login-fail', 'ip', '*'));
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
});

/**
 * A fixed-window counter in Redis, shared by every app process: password-reset requests,
 * invitations and password confirmations. Returns whether this attempt is still allowed.
 */
import { createHash } from 'node:crypto';
import { getRedis, redisKey } from '../redis.ts';

/** Emails and addresses are hashed so Redis keys carry no personal data. */
export function limitSubject(value: string): string {
  return createHash('sha256').update(value.trim().toLowerCase()).digest('hex').slice(0, 32);
}

export async function allowAttempt(
  bucket: string,
  subject: string,
  limit: number,
  windowSeconds: number
): Promise<boolean> {
  const key = redisKey('rate', bucket, limitSubject(subject));
  const results = await getRedis().multi().incr(key).expire(key, windowSeconds, 'NX').exec();
  const count = Number(results?.[0]?.[1] ?? 0);
  return count <= limit;
}

export async function resetAttempts(bucket: string, subject: string): Promise<void> {
  await getRedis().del(redisKey('rate', bucket, limitSubject(subject)));
}

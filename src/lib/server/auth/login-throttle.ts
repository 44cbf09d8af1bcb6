/**
 * Slows and then locks repeated failed sign-ins, per account and per IP, with state in Redis so
 * every app process shares it. The caller shows one message whatever the reason, so the lock
 * never reveals whether an email has an account.
 */
import { createHash } from 'node:crypto';
import { getRedis, redisKey } from '../redis.ts';

export const LIMITS = {
  /** Failures before an account is locked for `lockSeconds`. */
  accountFailures: 5,
  /** Failures from one address (any accounts) before it is locked. */
  ipFailures: 30,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
  /** Extra delay per recent failure, capped, to make guessing slow without locking. */
  delayPerFailureMs: 200,
  maxDelayMs: 2000
} as const;

const hashEmail = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
const accountKey = (email: string) => redisKey('login-fail', 'acct', hashEmail(email));
const ipKey = (ip: string) => redisKey('login-fail', 'ip', ip);

export interface ThrottleState {
  locked: boolean;
  delayMs: number;
}

export async function throttleState(email: string, ip: string): Promise<ThrottleState> {
  const [account, address] = await getRedis().mget(accountKey(email), ipKey(ip));
  const accountFails = Number(account ?? 0);
  const ipFails = Number(address ?? 0);
  return {
    locked: accountFails >= LIMITS.accountFailures || ipFails >= LIMITS.ipFailures,
    delayMs: Math.min(
      LIMITS.maxDelayMs,
      Math.max(accountFails, Math.floor(ipFails / 3)) * LIMITS.delayPerFailureMs
    )
  };
}

export async function recordFailure(email: string, ip: string): Promise<void> {
  const redis = getRedis();
  const results = await redis.multi().incr(accountKey(email)).incr(ipKey(ip)).exec();
  const accountFails = Number(results?.[0]?.[1] ?? 0);
  const ipFails = Number(results?.[1]?.[1] ?? 0);
  // A lock lasts lockSeconds from the failure that triggered it; below that, failures age out.
  await redis.expire(
    accountKey(email),
    accountFails >= LIMITS.accountFailures ? LIMITS.lockSeconds : LIMITS.windowSeconds
  );
  await redis.expire(
    ipKey(ip),
    ipFails >= LIMITS.ipFailures ? LIMITS.lockSeconds : LIMITS.windowSeconds
  );
}

export async function clearFailures(email: string): Promise<void> {
  await getRedis().del(accountKey(email));
}

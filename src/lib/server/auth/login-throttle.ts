/**
 * Slows and then stops repeated failed sign-ins, with state in Redis so every app process shares
 * it. Each of the three scopes is sized so that it is no cheap way to lock somebody else out
 * (issue 15, finding 11: five guesses used to lock any account in the phone book, and 30 failures
 * everyone behind a council's NAT):
 *
 * - **One account from one address (a pair):** a growing delay, then that pair is locked. An
 *   attacker locks only their own address out of the account; its holder, elsewhere, signs in.
 * - **One account from every address:** a much higher ceiling, for guessing spread over many
 *   addresses. Reaching it pauses the account everywhere, and `recordFailure` says so once, so the
 *   caller can email the holder a link that lifts the pause (accounts/sign-in-unlock.service.ts).
 * - **One address across accounts:** counts the DISTINCT accounts that failed from it (password
 *   spraying), so colleagues behind one address mistyping their own passwords lock nobody.
 *
 * Failures while locked are not counted (the password is not even checked then), so hammering a
 * lock neither extends it nor moves the other scopes. Emails and addresses are hashed in key names,
 * so Redis holds no personal data. The caller shows one message whatever the reason, so a lock
 * never reveals whether an email has an account.
 */
import { getRedis, redisKey } from '../redis.ts';
import { config } from '../config.ts';
import { limitSubject } from './rate-limit.ts';

export const LIMITS = {
  /** Failures of one account from one address before that pair is locked. */
  pairFailures: 5,
  /** Failures of one account from all addresses before it is paused everywhere. */
  accountFailures: 50,
  /** Distinct accounts failing from one address before the address is locked. */
  addressAccounts: 20,
  /** Failures older than this (since the scope's last failure) are forgotten. */
  windowSeconds: 15 * 60,
  /** How long a pair or an address stays locked. */
  lockSeconds: 15 * 60,
  /** How long an account stays paused unless its holder follows the emailed link. */
  accountPauseSeconds: 60 * 60,
  maxDelayMs: 2000
} as const;

const pairKey = (account: string, address: string) =>
  redisKey('login-fail', 'pair', account, address);
const accountKey = (account: string) => redisKey('login-fail', 'acct', account);
/** A set of the accounts that failed from the address. */
const addressKey = (address: string) => redisKey('login-fail', 'ip', address);

function subjects(email: string, ip: string) {
  return { account: limitSubject(email), address: limitSubject(ip) };
}

/** The wait before answering, growing with the pair's recent failures (SIGN_IN_DELAY_MS each). */
export function delayFor(pairFailures: number, perFailureMs: number): number {
  return Math.min(LIMITS.maxDelayMs, pairFailures * perFailureMs);
}

export type LockReason = 'pair' | 'account' | 'address';

export interface ThrottleState {
  /** Which scope is locked, or null; for the audit trail only, never shown. */
  locked: LockReason | null;
  delayMs: number;
}

export async function throttleState(email: string, ip: string): Promise<ThrottleState> {
  const { account, address } = subjects(email, ip);
  const results = await getRedis()
    .multi()
    .get(pairKey(account, address))
    .get(accountKey(account))
    .scard(addressKey(address))
    .exec();
  const [pair, total, accounts] = (results ?? []).map(([, value]) => Number(value ?? 0));
  const locked: LockReason | null =
    (total ?? 0) >= LIMITS.accountFailures
      ? 'account'
      : (pair ?? 0) >= LIMITS.pairFailures
        ? 'pair'
        : (accounts ?? 0) >= LIMITS.addressAccounts
          ? 'address'
          : null;
  return { locked, delayMs: delayFor(pair ?? 0, config().signInDelayPerFailureMs) };
}

export interface FailureOutcome {
  /** True for exactly one failure per pause: the one that paused the account everywhere. */
  accountPaused: boolean;
}

export async function recordFailure(email: string, ip: string): Promise<FailureOutcome> {
  const { account, address } = subjects(email, ip);
  const redis = getRedis();
  const results = await redis
    .multi()
    .incr(pairKey(account, address))
    .expire(pairKey(account, address), LIMITS.windowSeconds)
    .incr(accountKey(account))
    .expire(accountKey(account), LIMITS.windowSeconds)
    .sadd(addressKey(address), account)
    .expire(addressKey(address), LIMITS.windowSeconds)
    .scard(addressKey(address))
    .exec();
  const counts = (results ?? []).map(([, value]) => Number(value ?? 0));
  const [pair = 0, , total = 0, , , , accounts = 0] = counts;
  // A lock lasts from the failure that set it; failures while locked are not recorded, so
  // nothing extends it.
  const locks: [string, number][] = [];
  if (pair >= LIMITS.pairFailures) locks.push([pairKey(account, address), LIMITS.lockSeconds]);
  if (total >= LIMITS.accountFailures) {
    locks.push([accountKey(account), LIMITS.accountPauseSeconds]);
  }
  if (accounts >= LIMITS.addressAccounts) locks.push([addressKey(address), LIMITS.lockSeconds]);
  for (const [key, seconds] of locks) await redis.expire(key, seconds);
  // INCR hands each value out once, so only one failure, even among parallel ones, sees it.
  return { accountPaused: total === LIMITS.accountFailures };
}

/** A successful sign-in forgets that pair's failures, and the account among the address's. */
export async function clearPair(email: string, ip: string): Promise<void> {
  const { account, address } = subjects(email, ip);
  await getRedis().multi().del(pairKey(account, address)).srem(addressKey(address), account).exec();
}

/**
 * The holder proved they read the account's email (the unlock link, a password reset): lift the
 * pause everywhere, and the pair at the address they did it from, where they are about to sign
 * in. Other pairs (an attacker's addresses) stay locked until they expire.
 */
export async function clearAccountLock(email: string, ip: string | null): Promise<void> {
  const account = limitSubject(email);
  const keys = [accountKey(account)];
  if (ip) keys.push(pairKey(account, limitSubject(ip)));
  await getRedis().del(...keys);
}

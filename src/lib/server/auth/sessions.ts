/**
 * Server-side sessions in Redis. The cookie holds a random 256-bit id; Redis stores only its
 * SHA-256, so a leaked Redis dump cannot be replayed as cookies. Each user's session ids are kept
 * in a set so "sign out everywhere" and suspension can end them all at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { config } from '../config.ts';
import { getRedis, redisKey } from '../redis.ts';

export const SESSION_COOKIE = 'ta_session';

export interface SessionData {
  userId: string;
  createdAt: number;
  lastSeenAt: number;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const sessionKey = (hash: string) => redisKey('session', hash);
const userSessionsKey = (userId: string) => redisKey('user-sessions', userId);

function idleSeconds(): number {
  return config().sessionIdleMinutes * 60;
}

/** Creates a new session (a fresh id at every sign-in, so a planted id is never promoted). */
export async function createSession(userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const hash = digest(token);
  const now = Date.now();
  const data: SessionData = { userId, createdAt: now, lastSeenAt: now };
  await getRedis()
    .multi()
    .set(sessionKey(hash), JSON.stringify(data), 'EX', idleSeconds())
    .sadd(userSessionsKey(userId), hash)
    .expire(userSessionsKey(userId), config().sessionAbsoluteHours * 3600)
    .exec();
  return token;
}

/** Reads and touches a session; returns null when it is unknown, idle too long or too old. */
export async function readSession(token: string | undefined): Promise<SessionData | null> {
  if (!token || token.length > 100) return null;
  const hash = digest(token);
  const raw = await getRedis().get(sessionKey(hash));
  if (!raw) return null;
  const data = JSON.parse(raw) as SessionData;
  const now = Date.now();
  if (now - data.createdAt > config().sessionAbsoluteHours * 3600_000) {
    await destroySession(token);
    return null;
  }
  data.lastSeenAt = now;
  await getRedis().set(sessionKey(hash), JSON.stringify(data), 'EX', idleSeconds());
  return data;
}

export async function destroySession(token: string): Promise<void> {
  const hash = digest(token);
  const raw = await getRedis().get(sessionKey(hash));
  const multi = getRedis().multi().del(sessionKey(hash));
  if (raw) multi.srem(userSessionsKey((JSON.parse(raw) as SessionData).userId), hash);
  await multi.exec();
}

/** Ends every session of a user: "sign out everywhere", suspension, password change. */
export async function destroyUserSessions(userId: string): Promise<number> {
  const hashes = await getRedis().smembers(userSessionsKey(userId));
  if (hashes.length === 0) return 0;
  await getRedis().del(...hashes.map(sessionKey), userSessionsKey(userId));
  return hashes.length;
}

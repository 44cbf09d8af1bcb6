/**
 * The hourly limit on client look-ups (DESIGN.md rule 5: "look-ups per practitioner are limited"),
 * so one compromised account cannot copy the register of vulnerable people by searching.
 *
 * A look-up is a search that returns clients, or opening a client whose team the viewer is not on.
 * Each practitioner has one Redis set per fixed hour window holding a digest of every distinct
 * look-up (the same search typed again, "show more" of it, or the same client opened twice counts
 * once), so real work is not penalised for reloading a page. Once the set holds the configured
 * number (CLIENT_LOOKUPS_PER_HOUR), a NEW look-up is refused with RATE_LIMITED, and the admins get
 * one alert per practitioner per hour through the outbox and the alerts pipeline.
 *
 * Redis holds only digests of the look-ups under the practitioner's id: no names or queries.
 */
import { createHash } from 'node:crypto';
import { GraphQLError } from '../../../../graph/graphql-js.ts';
import { config } from '../config.ts';
import { getRedis, redisKey } from '../redis.ts';
import { commandEvent, runCommand } from '../teams/command-support.ts';

export const LOOKUP_WINDOW_SECONDS = 3600;

/** The Event type the admins' alert is built from (src/lib/server/alerts/admin-alerts.ts). */
export const LOOKUP_LIMIT_EVENT = 'lookups.limit.reached';

/**
 * Adds the look-up to this hour's set unless the set is full. Answers {allowed, added, count, ttl}.
 * One script, so parallel look-ups (aliases, batches, several tabs) cannot all squeeze past.
 */
const RESERVE = `
local added = redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3], 'NX')
local count = redis.call('SCARD', KEYS[1])
if added == 1 and count > tonumber(ARGV[2]) then
  redis.call('SREM', KEYS[1], ARGV[1])
  return {0, 0, count - 1, redis.call('TTL', KEYS[1])}
end
return {1, added, count, redis.call('TTL', KEYS[1])}`;

export interface Reservation {
  /** A look-up already made this hour, or a new one that fitted. */
  allowed: boolean;
  /** Distinct look-ups this hour, this one included when allowed. */
  count: number;
  limit: number;
  /** Seconds until the window ends (and look-ups are allowed again). */
  retryAfterSeconds: number;
  /** Gives the look-up back (it found nothing): only a newly added one is removed. */
  release(): Promise<void>;
}

const setKey = (viewerId: string) => redisKey('lookups', viewerId);

/** A digest of what was looked up: the set counts distinct look-ups without storing them. */
export function lookupToken(kind: 'search' | 'open', value: string): string {
  return createHash('sha256').update(`${kind}\n${value}`).digest('hex').slice(0, 24);
}

/** The search as typed, in a form where spacing and case do not make a new look-up. */
export function searchLookupValue(input: {
  q: string;
  scope?: string | null;
  areas?: readonly string[] | null;
}): string {
  const q = input.q.trim().toLowerCase().replace(/\s+/g, ' ');
  const areas = [...(input.areas ?? [])].map((a) => a.trim()).sort();
  return JSON.stringify([q, input.scope ?? 'all', areas]);
}

export async function reserveLookup(viewerId: string, token: string): Promise<Reservation> {
  const limit = config().clientLookupsPerHour;
  const key = setKey(viewerId);
  const answer = (await getRedis().eval(
    RESERVE,
    1,
    key,
    token,
    String(limit),
    String(LOOKUP_WINDOW_SECONDS)
  )) as number[];
  const [allowed, added, count, ttl] = answer.map(Number);
  return {
    allowed: allowed === 1,
    count: count ?? 0,
    limit,
    retryAfterSeconds: ttl !== undefined && ttl > 0 ? ttl : LOOKUP_WINDOW_SECONDS,
    release: async () => {
      if (added === 1) await getRedis().srem(key, token);
    }
  };
}

/** How many distinct look-ups the practitioner has made in the current window. */
export async function lookupsThisHour(viewerId: string): Promise<number> {
  return getRedis().scard(setKey(viewerId));
}

/** How every refusal starts: pages recognise it by this (production answers carry only a code). */
export const LOOKUP_LIMIT_MESSAGE_START = 'You have looked up';

/** Whether a GraphQL answer's error is the look-up limit. */
export function isLookupLimitError(error: {
  message: string;
  extensions?: Record<string, unknown>;
}): boolean {
  return (
    error.extensions?.code === 'BAD_USER_INPUT' &&
    error.message.startsWith(LOOKUP_LIMIT_MESSAGE_START)
  );
}

/**
 * The refusal, as GraphQL answers it: BAD_USER_INPUT (a code whose message reaches the caller in
 * production) with reason RATE_LIMITED and HTTP 429 over /graphql; pages show the message.
 */
export function lookupLimitError(reservation: Reservation): GraphQLError {
  const minutes = Math.max(1, Math.ceil(reservation.retryAfterSeconds / 60));
  return new GraphQLError(
    `${LOOKUP_LIMIT_MESSAGE_START} ${reservation.limit} clients in the last hour, the most allowed. ` +
      `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or open the clients on your own teams from your home page. ` +
      'Admins have been told, in case this was not you.',
    {
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: 'RATE_LIMITED',
        retryAfterSeconds: reservation.retryAfterSeconds,
        http: {
          status: 429,
          headers: new Map([['retry-after', String(reservation.retryAfterSeconds)]])
        }
      }
    }
  );
}

/**
 * Tells the admins, once per practitioner and hour window, that the limit was reached: an outbox
 * Event (`lookups.limit.reached`, actor = the practitioner) that the alerts pipeline turns into
 * an email to every active admin. The once-only flag is taken before writing, so parallel refusals
 * write one event; a failed write frees the flag for the next refusal.
 */
export async function alertAdminsOnce(
  viewerId: string,
  reservation: Reservation
): Promise<boolean> {
  const flag = redisKey('lookups-alerted', viewerId);
  const taken = await getRedis().set(flag, '1', 'EX', reservation.retryAfterSeconds, 'NX');
  if (taken !== 'OK') return false;
  try {
    await runCommand(viewerId, async () => ({
      result: null,
      events: [
        commandEvent(LOOKUP_LIMIT_EVENT, null, viewerId, {
          limit: reservation.limit,
          windowSeconds: LOOKUP_WINDOW_SECONDS
        })
      ]
    }));
    return true;
  } catch (error) {
    await getRedis().del(flag);
    throw error;
  }
}

/**
 * Counts one look-up by `viewerId`, or refuses it (throwing RATE_LIMITED after alerting the admins
 * once). Returns the reservation so a search that found no clients can give it back.
 */
export async function countLookup(viewerId: string, token: string): Promise<Reservation> {
  const reservation = await reserveLookup(viewerId, token);
  if (!reservation.allowed) {
    try {
      await alertAdminsOnce(viewerId, reservation);
    } catch (error) {
      // The refusal stands either way; the next refusal tries the alert again.
      console.error('[lookups] the admins could not be alerted', error);
    }
    throw lookupLimitError(reservation);
  }
  return reservation;
}

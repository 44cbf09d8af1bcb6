/**
 * Personal API tokens for /graphql (`Authorization: Bearer ta_…`). The token is shown once at
 * creation; only its SHA-256 is stored. A token acts as its owner, so it stops working when it
 * expires (at most a year after creation), when it is revoked, or while the owner is suspended.
 * Account recovery revokes every token of the account (revokeAccountTokens), so a token an
 * attacker took does not outlive a password reset, "sign out everywhere", a suspension or a
 * change of roles.
 */
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { auditInTx } from '../audit/audit.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { hashToken, looksLikeToken, newToken } from './tokens.ts';

export const API_TOKEN_PREFIX = 'ta_';
export const MAX_ACTIVE_TOKENS = 10;
/** How long a token works when its owner does not choose (docs/decisions.md). */
export const DEFAULT_TOKEN_DAYS = 90;
/** The longest a token may work: a forgotten token dies within a year at worst. */
export const MAX_TOKEN_DAYS = 365;
/**
 * lastUsedAt answers "is this token still in use?", for which minute precision is enough. A busy
 * integration calls /graphql many times a second; writing on every call would turn each read into
 * a write transaction on the primary. At most one write per token per minute keeps it cheap.
 */
const LAST_USED_GRANULARITY_SECONDS = 60;

/** Why every token of an account was revoked at once (recorded on each token and audited). */
export type TokenRevocationReason =
  'password-reset' | 'signed-out-everywhere' | 'suspended' | 'roles-changed';

export interface ApiTokenSummary {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Past its expiry (and not revoked): it no longer works. */
  expired: boolean;
}

export interface ApiTokenViewer {
  id: string;
  roles: string[];
  agencyId?: string;
}

export type CreateTokenResult =
  | { ok: true; id: string; name: string; token: string; expiresAt: string }
  | { ok: false; message: string };

export type TokenLifetime = { ok: true; days: number } | { ok: false; message: string };

/**
 * The number of days a new token works, from the form's text (blank: the default) or a number.
 * Only whole days from 1 to MAX_TOKEN_DAYS; anything else is refused, never rounded or clamped,
 * so the owner gets exactly what they asked for or is told why not.
 */
export function tokenLifetime(input: string | number | null | undefined): TokenLifetime {
  const text = typeof input === 'number' ? String(input) : (input ?? '').trim();
  if (text === '') return { ok: true, days: DEFAULT_TOKEN_DAYS };
  const days = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (days > MAX_TOKEN_DAYS) {
    return {
      ok: false,
      message: `A token can work for at most ${MAX_TOKEN_DAYS} days: choose ${MAX_TOKEN_DAYS} or fewer, and create a new one when it expires.`
    };
  }
  if (!Number.isInteger(days) || days < 1) {
    return {
      ok: false,
      message: `Say how many days the token should work: a whole number from 1 to ${MAX_TOKEN_DAYS}.`
    };
  }
  return { ok: true, days };
}

export async function createApiToken(
  ownerId: string,
  nameInput: string,
  ip: string | null = null,
  daysInput: string | number = DEFAULT_TOKEN_DAYS
): Promise<CreateTokenResult> {
  const name = nameInput.replace(/\s+/g, ' ').trim();
  if (name.length < 1 || name.length > 60) {
    return { ok: false, message: 'Name the token (up to 60 characters) so you know what uses it.' };
  }
  const lifetime = tokenLifetime(daysInput);
  if (!lifetime.ok) return lifetime;
  const { token, tokenHash } = newToken(API_TOKEN_PREFIX);
  const id = randomUUID();
  const session = getDriver().session({ database: database() });
  try {
    return await session.executeWrite(async (tx): Promise<CreateTokenResult> => {
      const result = await tx.run(
        `MATCH (p:Practitioner {id: $ownerId}) WHERE p.status = 'ACTIVE'
         OPTIONAL MATCH (t:ApiToken {ownerId: p.id})
         WHERE t.revokedAt IS NULL AND t.expiresAt > datetime()
         RETURN count(t) AS active`,
        { ownerId }
      );
      const r = result.records[0];
      if (!r) return { ok: false, message: 'Your account cannot create tokens.' };
      if ((r.get('active') as number) >= MAX_ACTIVE_TOKENS) {
        return {
          ok: false,
          message: `You have ${MAX_ACTIVE_TOKENS} tokens already: revoke one you no longer use first.`
        };
      }
      const created = await tx.run(
        `WITH datetime() AS now
         CREATE (t:ApiToken {id: $id, name: $name, tokenHash: $tokenHash, ownerId: $ownerId,
           createdAt: now, expiresAt: now + duration({days: $days}), lastUsedAt: null,
           revokedAt: null})
         RETURN toString(t.expiresAt) AS expiresAt`,
        { id, name, tokenHash, ownerId, days: lifetime.days }
      );
      await auditInTx(tx, {
        type: 'token.created',
        actorId: ownerId,
        subjectId: id,
        ip,
        data: { days: lifetime.days }
      });
      const expiresAt = created.records[0]!.get('expiresAt') as string;
      return { ok: true, id, name, token, expiresAt };
    });
  } finally {
    await session.close();
  }
}

/**
 * Newest first; revoked and expired tokens stay listed (greyed out) so the owner sees what
 * happened. A token with no expiry (never written by this code) counts as expired, as it is
 * refused.
 */
export async function listApiTokens(ownerId: string): Promise<ApiTokenSummary[]> {
  const { records } = await getDriver().executeQuery(
    `MATCH (t:ApiToken {ownerId: $ownerId})
     RETURN t.id AS id, t.name AS name, toString(t.createdAt) AS createdAt,
       toString(t.expiresAt) AS expiresAt, toString(t.lastUsedAt) AS lastUsedAt,
       toString(t.revokedAt) AS revokedAt,
       t.revokedAt IS NULL AND coalesce(t.expiresAt <= datetime(), true) AS expired
     ORDER BY t.createdAt DESC LIMIT 100`,
    { ownerId },
    { database: database(), routing: 'READ' }
  );
  return records.map((r) => ({
    id: r.get('id') as string,
    name: r.get('name') as string,
    createdAt: r.get('createdAt') as string,
    expiresAt: r.get('expiresAt') as string | null,
    lastUsedAt: r.get('lastUsedAt') as string | null,
    revokedAt: r.get('revokedAt') as string | null,
    expired: r.get('expired') as boolean
  }));
}

/** Only the owner revokes their tokens (an admin suspends the owner instead). */
export async function revokeApiToken(
  ownerId: string,
  tokenId: string,
  ip: string | null = null
): Promise<boolean> {
  const session = getDriver().session({ database: database() });
  try {
    return await session.executeWrite(async (tx) => {
      const result = await tx.run(
        `MATCH (t:ApiToken {id: $tokenId, ownerId: $ownerId}) WHERE t.revokedAt IS NULL
         SET t.revokedAt = datetime() RETURN t.id AS id`,
        { tokenId, ownerId }
      );
      if (result.records.length === 0) return false;
      await auditInTx(tx, { type: 'token.revoked', actorId: ownerId, subjectId: tokenId, ip });
      return true;
    });
  } finally {
    await session.close();
  }
}

/**
 * The one place that revokes every token of an account, called in the transaction of each
 * command that recovers or changes an account: a password reset, "sign out everywhere", a
 * suspension and a change of roles. Each token is marked revoked (kept, so its owner sees what
 * happened) with the reason, and each revocation is audited. Returns how many were revoked.
 */
export async function revokeAccountTokens(
  tx: ManagedTransaction,
  ownerId: string,
  reason: TokenRevocationReason,
  actorId: string,
  ip: string | null = null
): Promise<number> {
  // Expired tokens too: an expiry could be extended by hand, a revocation is for good.
  const { records } = await tx.run(
    `MATCH (t:ApiToken {ownerId: $ownerId}) WHERE t.revokedAt IS NULL
     SET t.revokedAt = datetime(), t.revokedReason = $reason
     RETURN t.id AS id`,
    { ownerId, reason }
  );
  for (const r of records) {
    await auditInTx(tx, {
      type: 'token.revoked',
      actorId,
      subjectId: r.get('id') as string,
      ip,
      data: { reason, ownerId }
    });
  }
  return records.length;
}

/** revokeAccountTokens in a transaction of its own, for a command that has no Neo4j one. */
export async function revokeAccountTokensNow(
  ownerId: string,
  reason: TokenRevocationReason,
  actorId: string,
  ip: string | null = null
): Promise<number> {
  const session = getDriver().session({ database: database() });
  try {
    return await session.executeWrite((tx) =>
      revokeAccountTokens(tx, ownerId, reason, actorId, ip)
    );
  } finally {
    await session.close();
  }
}

/**
 * The viewer a bearer token acts as, or null: unknown, revoked, expired (or without an expiry),
 * or its owner not ACTIVE. The caller cannot tell these apart.
 */
export async function verifyApiToken(raw: string): Promise<ApiTokenViewer | null> {
  if (!looksLikeToken(raw, API_TOKEN_PREFIX)) return null;
  const tokenHash = hashToken(raw);
  const { records } = await getDriver().executeQuery(
    `MATCH (t:ApiToken {tokenHash: $tokenHash})
     WHERE t.revokedAt IS NULL AND t.expiresAt > datetime()
     MATCH (p:Practitioner {id: t.ownerId}) WHERE p.status = 'ACTIVE'
     OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
     RETURN t.id AS tokenId, p.id AS id, coalesce(p.roles, ['practitioner']) AS roles,
       a.id AS agencyId,
       t.lastUsedAt IS NULL
         OR t.lastUsedAt < datetime() - duration({seconds: $granularity}) AS stale
     LIMIT 1`,
    { tokenHash, granularity: LAST_USED_GRANULARITY_SECONDS },
    { database: database(), routing: 'READ' }
  );
  const r = records[0];
  if (!r) return null;
  if (r.get('stale')) {
    // Reads stay reads (and can go to a cluster's followers); at most one write a minute per
    // token (LAST_USED_GRANULARITY_SECONDS). Two requests in the same instant may both write:
    // harmless, the same timestamp to the minute.
    await getDriver().executeQuery(
      'MATCH (t:ApiToken {id: $id}) SET t.lastUsedAt = datetime()',
      { id: r.get('tokenId') as string },
      { database: database() }
    );
  }
  const agencyId = r.get('agencyId') as string | null;
  return {
    id: r.get('id') as string,
    roles: r.get('roles') as string[],
    ...(agencyId ? { agencyId } : {})
  };
}

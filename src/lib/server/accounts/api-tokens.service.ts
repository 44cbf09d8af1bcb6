/**
 * Personal API tokens for /graphql (`Authorization: Bearer ta_…`). The token is shown once at
 * creation; only its SHA-256 is stored. A token acts as its owner, so it stops working when it is
 * revoked or the owner is suspended.
 */
import { randomUUID } from 'node:crypto';
import { auditInTx } from '../audit/audit.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { hashToken, looksLikeToken, newToken } from './tokens.ts';

export const API_TOKEN_PREFIX = 'ta_';
export const MAX_ACTIVE_TOKENS = 10;
/** lastUsedAt is for "is this token still in use?", so minute precision saves a write per call. */
const LAST_USED_GRANULARITY_SECONDS = 60;

export interface ApiTokenSummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenViewer {
  id: string;
  roles: string[];
  agencyId?: string;
}

export type CreateTokenResult =
  { ok: true; id: string; name: string; token: string } | { ok: false; message: string };

export async function createApiToken(
  ownerId: string,
  nameInput: string,
  ip: string | null = null
): Promise<CreateTokenResult> {
  const name = nameInput.replace(/\s+/g, ' ').trim();
  if (name.length < 1 || name.length > 60) {
    return { ok: false, message: 'Name the token (up to 60 characters) so you know what uses it.' };
  }
  const { token, tokenHash } = newToken(API_TOKEN_PREFIX);
  const id = randomUUID();
  const session = getDriver().session({ database: database() });
  try {
    return await session.executeWrite(async (tx): Promise<CreateTokenResult> => {
      const result = await tx.run(
        `MATCH (p:Practitioner {id: $ownerId}) WHERE p.status = 'ACTIVE'
         OPTIONAL MATCH (t:ApiToken {ownerId: p.id}) WHERE t.revokedAt IS NULL
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
      await tx.run(
        `CREATE (:ApiToken {id: $id, name: $name, tokenHash: $tokenHash, ownerId: $ownerId,
           createdAt: datetime(), lastUsedAt: null, revokedAt: null})`,
        { id, name, tokenHash, ownerId }
      );
      await auditInTx(tx, { type: 'token.created', actorId: ownerId, subjectId: id, ip });
      return { ok: true, id, name, token };
    });
  } finally {
    await session.close();
  }
}

/** Newest first; revoked tokens stay listed (greyed out) so the owner sees what happened. */
export async function listApiTokens(ownerId: string): Promise<ApiTokenSummary[]> {
  const { records } = await getDriver().executeQuery(
    `MATCH (t:ApiToken {ownerId: $ownerId})
     RETURN t.id AS id, t.name AS name, toString(t.createdAt) AS createdAt,
       toString(t.lastUsedAt) AS lastUsedAt, toString(t.revokedAt) AS revokedAt
     ORDER BY t.createdAt DESC LIMIT 100`,
    { ownerId },
    { database: database(), routing: 'READ' }
  );
  return records.map((r) => ({
    id: r.get('id') as string,
    name: r.get('name') as string,
    createdAt: r.get('createdAt') as string,
    lastUsedAt: r.get('lastUsedAt') as string | null,
    revokedAt: r.get('revokedAt') as string | null
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

/** The viewer a bearer token acts as, or null (unknown, revoked, or its owner not ACTIVE). */
export async function verifyApiToken(raw: string): Promise<ApiTokenViewer | null> {
  if (!looksLikeToken(raw, API_TOKEN_PREFIX)) return null;
  const tokenHash = hashToken(raw);
  const { records } = await getDriver().executeQuery(
    `MATCH (t:ApiToken {tokenHash: $tokenHash}) WHERE t.revokedAt IS NULL
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
    // Reads stay reads (and can go to a cluster's followers); at most one write a minute.
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

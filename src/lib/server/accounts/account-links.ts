/**
 * One-time links emailed to an account's holder (password resets, sign-in unlocks): one node per
 * link, holding the SHA-256 of its token (tokens.ts), usable once until it expires; a newer link
 * supersedes the older ones of the same account. Creating one and auditing the request are one
 * transaction, so a link never exists unrecorded.
 */
import { randomUUID } from 'node:crypto';
import { auditInTx, type AuditEntry } from '../audit/audit.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { newToken } from './tokens.ts';

/** The node label of each kind of link (a fixed list: it is written into the Cypher). */
export type AccountLinkLabel = 'PasswordReset' | 'SignInUnlock';

export interface CreatedLink {
  /** Null when the email has no active account: no link was made. */
  practitionerId: string | null;
  /** The node's id (for the email's idempotency key). */
  id: string;
  /** The secret for the URL; only its hash is stored. */
  token: string;
}

/**
 * Makes a link for the active account with this email, if there is one, and writes the audit
 * entry `audit(practitionerId)` in the same transaction either way.
 */
export async function createAccountLink(
  label: AccountLinkLabel,
  email: string,
  ttlMinutes: number,
  audit: (practitionerId: string | null) => AuditEntry
): Promise<CreatedLink> {
  const { token, tokenHash } = newToken();
  const id = randomUUID();
  const session = getDriver().session({ database: database() });
  try {
    const practitionerId = await session.executeWrite(async (tx) => {
      const result = await tx.run(
        `MATCH (p:Practitioner {email: $email}) WHERE p.status = 'ACTIVE'
         // An older link stops working when a newer one is sent.
         OPTIONAL MATCH (old:${label} {practitionerId: p.id})
         WHERE old.usedAt IS NULL AND old.supersededAt IS NULL
         SET old.supersededAt = datetime()
         WITH DISTINCT p
         CREATE (:${label} {id: $id, practitionerId: p.id, tokenHash: $tokenHash,
           createdAt: datetime(), expiresAt: datetime() + duration({minutes: $minutes}),
           usedAt: null})
         RETURN p.id AS id`,
        { email, id, tokenHash, minutes: ttlMinutes }
      );
      const found = (result.records[0]?.get('id') as string | undefined) ?? null;
      await auditInTx(tx, audit(found));
      return found;
    });
    return { practitionerId, id, token };
  } finally {
    await session.close();
  }
}

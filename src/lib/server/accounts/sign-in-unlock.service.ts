/**
 * The link that lifts an account's sign-in pause (auth/login-throttle.ts): when failures from many
 * addresses pause an account everywhere, its holder is emailed a link that opens sign-in again,
 * so somebody else's guessing cannot keep them out (issue 15, finding 11). Like a password reset
 * link, its token is stored hashed, works once and expires (with the pause); a newer one replaces
 * it. It changes nothing but the lock: the password stays as it is.
 */
import { getMailTransport } from '../../../../workers/mail/transport.ts';
import { renderSignInPausedEmail } from '../../../../workers/mail/templates/sign-in-paused.ts';
import { auditInTx } from '../audit/audit.ts';
import { clearAccountLock, LIMITS } from '../auth/login-throttle.ts';
import { config } from '../config.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { createAccountLink } from './account-links.ts';
import { hashToken, looksLikeToken } from './tokens.ts';

/** The link lives as long as the pause it lifts. */
export const UNLOCK_TTL_MINUTES = LIMITS.accountPauseSeconds / 60;

export function unlockUrl(token: string): string {
  return `${config().publicUrl}/unlock/${token}`;
}

/**
 * Records the pause and, for an active account, stores a new link and emails it. Settles when the
 * email is sent (or was never going to be); never rejects. Sign-in does not wait for it, so a
 * pause takes as long to answer whether or not the email has an account.
 */
export async function sendUnlockLink(email: string, ip: string | null): Promise<void> {
  try {
    const { practitionerId, id, token } = await createAccountLink(
      'SignInUnlock',
      email,
      UNLOCK_TTL_MINUTES,
      (subjectId) => ({
        type: 'auth.signin.paused',
        subjectId,
        ip,
        data: { failures: LIMITS.accountFailures, emailed: subjectId !== null }
      })
    );
    if (!practitionerId) return;
    const message = renderSignInPausedEmail({
      unlockUrl: unlockUrl(token),
      expiresInMinutes: UNLOCK_TTL_MINUTES
    });
    await getMailTransport().send({
      to: email,
      ...message,
      idempotencyKey: `sign-in-unlock-${id}`
    });
  } catch (error: unknown) {
    console.error('Sign-in pause: the unlock link could not be sent', error);
  }
}

const USABLE = `r.usedAt IS NULL AND r.supersededAt IS NULL AND r.expiresAt > datetime()`;

/** Whether a link can still be used; opening the page calls it and changes nothing. */
export async function isUsableUnlock(token: string): Promise<boolean> {
  if (!looksLikeToken(token)) return false;
  const { records } = await getDriver().executeQuery(
    `MATCH (r:SignInUnlock {tokenHash: $tokenHash}) WHERE ${USABLE}
     MATCH (p:Practitioner {id: r.practitionerId}) WHERE p.status = 'ACTIVE'
     RETURN p.id AS id`,
    { tokenHash: hashToken(token) },
    { database: database(), routing: 'READ' }
  );
  return records.length > 0;
}

/** Uses the link once: lifts the account's pause (and the pair at `ip`) and records it. */
export async function useUnlockLink(token: string, ip: string | null): Promise<boolean> {
  if (!looksLikeToken(token)) return false;
  const session = getDriver().session({ database: database() });
  let email: string | null;
  try {
    email = await session.executeWrite(async (tx) => {
      // Lock the link first, then check it: a second use in parallel finds it used.
      const used = await tx.run(
        `MATCH (r:SignInUnlock {tokenHash: $tokenHash}) SET r.lastAttemptAt = datetime()
         WITH r WHERE ${USABLE}
         MATCH (p:Practitioner {id: r.practitionerId}) WHERE p.status = 'ACTIVE'
         SET r.usedAt = datetime()
         RETURN p.id AS id, p.email AS email`,
        { tokenHash: hashToken(token) }
      );
      const record = used.records[0];
      if (!record) return null;
      const id = record.get('id') as string;
      await auditInTx(tx, { type: 'auth.signin.unlocked', actorId: id, subjectId: id, ip });
      return record.get('email') as string;
    });
  } finally {
    await session.close();
  }
  if (!email) return false;
  await clearAccountLock(email, ip);
  return true;
}

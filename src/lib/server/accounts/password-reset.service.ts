/**
 * "Forgotten your password?". Asking always gets the same answer, whether or not the address has
 * an account, and the email is sent in the background so the answer takes as long either way.
 * The link's token is stored hashed, works once, for an hour; a newer request replaces it.
 * Setting the new password ends every session of the account, revokes its API tokens and lifts
 * its sign-in pause (and the lock of the address the reset was made from).
 */
import { getMailTransport } from '../../../../workers/mail/transport.ts';
import { renderPasswordResetEmail } from '../../../../workers/mail/templates/password-reset.ts';
import { audit, auditInTx } from '../audit/audit.ts';
import { clearAccountLock } from '../auth/login-throttle.ts';
import { hashPassword } from '../auth/password.ts';
import { checkNewPassword } from '../auth/password-policy.ts';
import { allowAttempt } from '../auth/rate-limit.ts';
import { destroyUserSessions } from '../auth/sessions.ts';
import { config } from '../config.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { createAccountLink } from './account-links.ts';
import { revokeAccountTokens } from './api-tokens.service.ts';
import { hashToken, looksLikeToken, normaliseEmail } from './tokens.ts';

export const RESET_TTL_MINUTES = 60;
export const RESET_LIMITS = { perEmail: 3, perIp: 20, windowSeconds: 3600 } as const;

export const RESET_REQUESTED_MESSAGE =
  'If an account exists for that address, we have sent a link to reset its password. It works once, for an hour. Check your inbox (and junk folder).';

export interface ResetRequest {
  /** Settles when the email is sent (or was never going to be); never rejects. Tests await it. */
  delivery: Promise<void>;
}

export function resetUrl(token: string): string {
  return `${config().publicUrl}/reset/${token}`;
}

/** One answer for every case; `delivery` is the only difference, and the page does not wait. */
export async function requestPasswordReset(
  emailInput: string,
  ip: string | null = null
): Promise<ResetRequest> {
  const done: ResetRequest = { delivery: Promise.resolve() };
  const email = normaliseEmail(emailInput);
  if (!email) return done;
  // Both limits count unknown addresses too, so being limited reveals nothing either.
  const allowedEmail = await allowAttempt(
    'reset-email',
    email,
    RESET_LIMITS.perEmail,
    RESET_LIMITS.windowSeconds
  );
  const allowedIp = await allowAttempt(
    'reset-ip',
    ip ?? 'unknown',
    RESET_LIMITS.perIp,
    RESET_LIMITS.windowSeconds
  );
  if (!allowedEmail || !allowedIp) {
    await audit({
      type: 'auth.password.reset.requested',
      ip,
      data: { sent: false, limited: true }
    });
    return done;
  }
  const {
    practitionerId,
    id: resetId,
    token
  } = await createAccountLink('PasswordReset', email, RESET_TTL_MINUTES, (id) => ({
    type: 'auth.password.reset.requested',
    subjectId: id,
    ip,
    data: { sent: id !== null }
  }));
  if (!practitionerId) return done;
  const message = renderPasswordResetEmail({
    resetUrl: resetUrl(token),
    expiresInMinutes: RESET_TTL_MINUTES
  });
  const delivery = getMailTransport()
    .send({ to: email, ...message, idempotencyKey: `password-reset-${resetId}` })
    .then(
      () => undefined,
      (error: unknown) => console.error(`Password reset ${resetId}: the email failed`, error)
    );
  return { delivery };
}

/** The account behind a reset link, if it can still be used. */
export async function findUsableReset(
  token: string
): Promise<{ practitionerId: string; email: string } | null> {
  if (!looksLikeToken(token)) return null;
  const { records } = await getDriver().executeQuery(
    `MATCH (r:PasswordReset {tokenHash: $tokenHash})
     WHERE r.usedAt IS NULL AND r.supersededAt IS NULL AND r.expiresAt > datetime()
     MATCH (p:Practitioner {id: r.practitionerId}) WHERE p.status = 'ACTIVE'
     RETURN p.id AS id, p.email AS email`,
    { tokenHash: hashToken(token) },
    { database: database(), routing: 'READ' }
  );
  const r = records[0];
  return r ? { practitionerId: r.get('id') as string, email: r.get('email') as string } : null;
}

export type ResetResult =
  | { ok: true; practitionerId: string; endedSessions: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'input'; message: string };

export async function resetPassword(
  token: string,
  password: string,
  confirmation: string,
  ip: string | null = null
): Promise<ResetResult> {
  const account = await findUsableReset(token);
  if (!account) return { ok: false, reason: 'invalid' };
  const check = checkNewPassword(password, confirmation, { email: account.email });
  if (!check.ok) return { ok: false, reason: 'input', message: check.message };
  const passwordHash = await hashPassword(password);
  const session = getDriver().session({ database: database() });
  let changed: boolean;
  try {
    changed = await session.executeWrite(async (tx) => {
      // Lock the reset first, then check it: a second use in parallel finds it used.
      const locked = await tx.run(
        `MATCH (r:PasswordReset {tokenHash: $tokenHash}) SET r.lastAttemptAt = datetime()
         RETURN r.usedAt IS NULL AND r.supersededAt IS NULL AND r.expiresAt > datetime() AS usable`,
        { tokenHash: hashToken(token) }
      );
      if (!locked.records[0]?.get('usable')) return false;
      const updated = await tx.run(
        `MATCH (r:PasswordReset {tokenHash: $tokenHash})
         MATCH (p:Practitioner {id: r.practitionerId}) WHERE p.status = 'ACTIVE'
         SET r.usedAt = datetime(), p.passwordHash = $passwordHash, p.passwordChangedAt = datetime()
         RETURN p.id AS id`,
        { tokenHash: hashToken(token), passwordHash }
      );
      if (updated.records.length === 0) return false;
      await auditInTx(tx, {
        type: 'auth.password.reset',
        actorId: account.practitionerId,
        subjectId: account.practitionerId,
        ip
      });
      // A reset is account recovery: whoever had the account may have made tokens with it.
      await revokeAccountTokens(
        tx,
        account.practitionerId,
        'password-reset',
        account.practitionerId,
        ip
      );
      return true;
    });
  } finally {
    await session.close();
  }
  if (!changed) return { ok: false, reason: 'invalid' };
  const endedSessions = await destroyUserSessions(account.practitionerId);
  await clearAccountLock(account.email, ip);
  return { ok: true, practitionerId: account.practitionerId, endedSessions };
}

/**
 * The signed-in practitioner's own account: their details, password and email address. Changes
 * to the password or email need the current password, with a small limit on wrong guesses so a
 * borrowed, unlocked screen cannot be used to guess it.
 */
import { getMailTransport } from '../../../../workers/mail/transport.ts';
import { renderEmailChangedEmail } from '../../../../workers/mail/templates/email-changed.ts';
import { auditInTx } from '../audit/audit.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { checkNewPassword } from '../auth/password-policy.ts';
import { allowAttempt, resetAttempts } from '../auth/rate-limit.ts';
import { createSession, destroyUserSessions } from '../auth/sessions.ts';
import { config } from '../config.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { checkProfileFields, type FieldErrors, type ProfileFields } from './profile-fields.ts';
import { normaliseEmail } from './tokens.ts';

export const CONFIRM_LIMIT = { attempts: 5, windowSeconds: 15 * 60 } as const;

export interface Profile {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  jobTitle: string | null;
  agencyName: string | null;
  /** While the agency they asked for at activation waits for a lead. */
  requestedAgency: { name: string; status: string } | null;
  roles: string[];
  createdAt: string | null;
}

export async function getProfile(userId: string): Promise<Profile | null> {
  const { records } = await getDriver().executeQuery(
    `MATCH (p:Practitioner {id: $userId})
     OPTIONAL MATCH (p)-[:WORKS_AT]->(a:Agency)
     OPTIONAL MATCH (r:AgencyRequest {requestedById: p.id})
     WITH p, head(collect(DISTINCT a.name)) AS agencyName, r ORDER BY r.createdAt DESC
     WITH p, agencyName, head(collect(r {.name, .status})) AS requested
     RETURN p.id AS id, p.name AS name, p.email AS email, p.phone AS phone,
       p.jobTitle AS jobTitle, agencyName, requested,
       coalesce(p.roles, ['practitioner']) AS roles, toString(p.createdAt) AS createdAt`,
    { userId },
    { database: database(), routing: 'READ' }
  );
  const r = records[0];
  if (!r) return null;
  const agencyName = r.get('agencyName') as string | null;
  const requested = r.get('requested') as { name: string; status: string } | null;
  return {
    id: r.get('id') as string,
    name: r.get('name') as string,
    email: r.get('email') as string,
    phone: r.get('phone') as string | null,
    jobTitle: r.get('jobTitle') as string | null,
    agencyName,
    requestedAgency: agencyName ? null : requested,
    roles: r.get('roles') as string[],
    createdAt: r.get('createdAt') as string | null
  };
}

export async function updateProfile(
  userId: string,
  fields: ProfileFields,
  ip: string | null = null
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const session = getDriver().session({ database: database() });
  try {
    return await session.executeWrite(async (tx) => {
      const { records } = await tx.run(
        'MATCH (p:Practitioner {id: $userId}) RETURN p.name AS name',
        { userId }
      );
      const errors = checkProfileFields(fields, records[0]?.get('name') as string | undefined);
      if (Object.keys(errors).length > 0) return { ok: false as const, errors };
      await tx.run(
        `MATCH (p:Practitioner {id: $userId})
         SET p.name = $name, p.phone = $phone, p.jobTitle = $jobTitle`,
        { userId, ...fields }
      );
      await auditInTx(tx, {
        type: 'account.profile.updated',
        actorId: userId,
        subjectId: userId,
        ip
      });
      return { ok: true as const };
    });
  } finally {
    await session.close();
  }
}

type Confirmed = { ok: true; email: string } | { ok: false; message: string };

async function confirmPassword(userId: string, password: string): Promise<Confirmed> {
  if (
    !(await allowAttempt(
      'confirm-password',
      userId,
      CONFIRM_LIMIT.attempts,
      CONFIRM_LIMIT.windowSeconds
    ))
  ) {
    return {
      ok: false,
      message: 'Too many wrong passwords: wait 15 minutes, or sign out and reset your password.'
    };
  }
  const { records } = await getDriver().executeQuery(
    `MATCH (p:Practitioner {id: $userId}) WHERE p.status = 'ACTIVE'
     RETURN p.passwordHash AS passwordHash, p.email AS email`,
    { userId },
    { database: database(), routing: 'READ' }
  );
  const r = records[0];
  const stored = r?.get('passwordHash') as string | null | undefined;
  if (!r || !stored || password.length > 128 || !(await verifyPassword(stored, password))) {
    return { ok: false, message: 'Your current password is not right.' };
  }
  await resetAttempts('confirm-password', userId);
  return { ok: true, email: r.get('email') as string };
}

/** Ends every other session: the caller sets the returned session cookie for this browser. */
export async function changePassword(
  userId: string,
  input: { current: string; password: string; confirmation: string },
  ip: string | null = null
): Promise<
  { ok: true; sessionToken: string; endedSessions: number } | { ok: false; message: string }
> {
  const confirmed = await confirmPassword(userId, input.current);
  if (!confirmed.ok) return confirmed;
  const check = checkNewPassword(input.password, input.confirmation, { email: confirmed.email });
  if (!check.ok) return check;
  if (input.password === input.current) {
    return { ok: false, message: 'Choose a password different from your current one.' };
  }
  const passwordHash = await hashPassword(input.password);
  const session = getDriver().session({ database: database() });
  try {
    await session.executeWrite(async (tx) => {
      await tx.run(
        `MATCH (p:Practitioner {id: $userId})
         SET p.passwordHash = $passwordHash, p.passwordChangedAt = datetime()`,
        { userId, passwordHash }
      );
      await auditInTx(tx, {
        type: 'auth.password.changed',
        actorId: userId,
        subjectId: userId,
        ip
      });
    });
  } finally {
    await session.close();
  }
  const endedSessions = await destroyUserSessions(userId);
  const sessionToken = await createSession(userId);
  return { ok: true, sessionToken, endedSessions };
}

export async function changeEmail(
  userId: string,
  input: { current: string; email: string },
  ip: string | null = null
): Promise<{ ok: true; email: string } | { ok: false; message: string }> {
  const email = normaliseEmail(input.email);
  if (!email) return { ok: false, message: 'Enter your new work email address.' };
  const confirmed = await confirmPassword(userId, input.current);
  if (!confirmed.ok) return confirmed;
  if (email === confirmed.email)
    return { ok: false, message: 'That is already your email address.' };
  const session = getDriver().session({ database: database() });
  let changed: boolean;
  try {
    changed = await session.executeWrite(async (tx) => {
      const taken = await tx.run('MATCH (p:Practitioner {email: $email}) RETURN p.id AS id', {
        email
      });
      if (taken.records.length > 0) return false;
      await tx.run('MATCH (p:Practitioner {id: $userId}) SET p.email = $email', { userId, email });
      await auditInTx(tx, { type: 'auth.email.changed', actorId: userId, subjectId: userId, ip });
      return true;
    });
  } catch (error) {
    // Someone took the address between the check and the write: the unique constraint says so.
    if (
      error instanceof Error &&
      /ConstraintValidationFailed|already exists/i.test(error.message)
    ) {
      changed = false;
    } else {
      throw error;
    }
  } finally {
    await session.close();
  }
  if (!changed) {
    return { ok: false, message: 'Another account already uses that email address.' };
  }
  const notice = renderEmailChangedEmail({
    newEmail: email,
    resetUrl: `${config().publicUrl}/reset`
  });
  await getMailTransport()
    .send({ to: confirmed.email, ...notice })
    .catch((error: unknown) => console.error('The email-changed notice could not be sent', error));
  return { ok: true, email };
}

/**
 * Invitation-only sign-up. A signed-in practitioner or lead invites a colleague by work email,
 * optionally straight into one of their own clients' teams. The link carries a random token of
 * which only the SHA-256 is stored; it works once, for seven days, until resent or revoked.
 *
 * Inviting an address that already has an account is refused with a message that says so. That
 * tells a signed-in colleague that the person is on Teamaround — which the phone book shows them
 * anyway — and spares the invitee a useless link.
 */
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { getMailTransport } from '../../../../workers/mail/transport.ts';
import { renderInviteEmail } from '../../../../workers/mail/templates/invite.ts';
import { auditInTx } from '../audit/audit.ts';
import { allowAttempt } from '../auth/rate-limit.ts';
import { config } from '../config.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { isAdmin, type Actor } from './lead-scope.ts';
import { newToken, normaliseEmail } from './tokens.ts';

export const INVITE_TTL_DAYS = 7;
/** Enough for a busy practitioner, too few to use Teamaround as a spam relay. */
export const INVITES_PER_DAY = 30;

export interface TeamOption {
  id: string;
  name: string;
}

export interface PendingInvite {
  id: string;
  email: string;
  clientId: string | null;
  clientName: string | null;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

export type InviteResult =
  | { ok: true; inviteId: string; email: string; emailSent: boolean }
  | { ok: false; message: string };

export function activationUrl(token: string): string {
  return `${config().publicUrl}/activate/${token}`;
}

const canInvite = (actor: Actor) =>
  ['practitioner', 'lead', 'admin'].some((role) => actor.roles.includes(role));

/** The teams the viewer is a current member of, for the "add them to a team" choice. */
export async function listMyTeams(viewerId: string): Promise<TeamOption[]> {
  const { records } = await getDriver().executeQuery(
    `MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c:Client)
     WHERE m.until IS NULL
     RETURN DISTINCT c.id AS id,
       coalesce(c.preferredName, c.givenName) + ' ' + c.familyName AS name
     ORDER BY name LIMIT 500`,
    { viewerId },
    { database: database(), routing: 'READ' }
  );
  return records.map((r) => ({ id: r.get('id') as string, name: r.get('name') as string }));
}

/** The inviter's invitations not yet used or revoked (expired ones too: they can be resent). */
export async function listPendingInvites(inviterId: string): Promise<PendingInvite[]> {
  const { records } = await getDriver().executeQuery(
    `MATCH (i:Invite {invitedById: $inviterId})
     WHERE i.usedAt IS NULL AND i.revokedAt IS NULL
     OPTIONAL MATCH (c:Client {id: i.clientId})
     RETURN i.id AS id, i.email AS email, i.clientId AS clientId,
       CASE WHEN c IS NULL THEN null
            ELSE coalesce(c.preferredName, c.givenName) + ' ' + c.familyName END AS clientName,
       toString(i.createdAt) AS createdAt, toString(i.expiresAt) AS expiresAt,
       i.expiresAt <= datetime() AS expired
     ORDER BY i.createdAt DESC LIMIT 200`,
    { inviterId },
    { database: database(), routing: 'READ' }
  );
  return records.map((r) => ({
    id: r.get('id') as string,
    email: r.get('email') as string,
    clientId: r.get('clientId') as string | null,
    clientName: r.get('clientName') as string | null,
    createdAt: r.get('createdAt') as string,
    expiresAt: r.get('expiresAt') as string,
    expired: r.get('expired') as boolean
  }));
}

async function sendInviteEmail(invite: {
  id: string;
  email: string;
  inviterName: string;
  token: string;
  tokenHash: string;
  expiresAt: Date;
  joinsTeam: boolean;
}): Promise<boolean> {
  const email = renderInviteEmail({
    inviterName: invite.inviterName,
    activationUrl: activationUrl(invite.token),
    expiresAt: invite.expiresAt,
    joinsTeam: invite.joinsTeam
  });
  try {
    await getMailTransport().send({
      to: invite.email,
      ...email,
      // A new token is a new email; the same one retried is not sent twice.
      idempotencyKey: `invite-${invite.id}-${invite.tokenHash.slice(0, 16)}`
    });
    return true;
  } catch (error) {
    // The invitation exists; the inviter is told to use Resend. No address in the log.
    console.error(`Invitation ${invite.id}: the email could not be sent`, error);
    return false;
  }
}

interface InviteChecks {
  inviterName: string | null;
  taken: boolean;
  member: boolean;
  pending: boolean;
}

async function readChecks(
  tx: ManagedTransaction,
  inviterId: string,
  email: string,
  clientId: string | null
): Promise<InviteChecks> {
  const result = await tx.run(
    `OPTIONAL MATCH (inviter:Practitioner {id: $inviterId}) WHERE inviter.status = 'ACTIVE'
     RETURN inviter.name AS inviterName,
       EXISTS { MATCH (:Practitioner {email: $email}) } AS taken,
       ($clientId IS NULL OR EXISTS {
         MATCH (inviter)-[m:MEMBER_OF]->(:Client {id: $clientId}) WHERE m.until IS NULL
       }) AS member,
       EXISTS {
         MATCH (i:Invite {email: $email})
         WHERE i.invitedById = $inviterId AND i.usedAt IS NULL AND i.revokedAt IS NULL
           AND i.expiresAt > datetime()
       } AS pending`,
    { inviterId, email, clientId }
  );
  const r = result.records[0];
  return {
    inviterName: (r?.get('inviterName') as string | null) ?? null,
    taken: Boolean(r?.get('taken')),
    member: Boolean(r?.get('member')),
    pending: Boolean(r?.get('pending'))
  };
}

export async function createInvite(
  inviter: Actor,
  input: { email: string; clientId?: string | null },
  ip: string | null = null
): Promise<InviteResult> {
  if (!canInvite(inviter)) return { ok: false, message: 'Your account cannot invite colleagues.' };
  const email = normaliseEmail(input.email);
  if (!email) return { ok: false, message: 'Enter your colleague’s work email address.' };
  const clientId = input.clientId?.trim() || null;
  if (!(await allowAttempt('invite', inviter.id, INVITES_PER_DAY, 24 * 3600))) {
    return {
      ok: false,
      message: `You have sent ${INVITES_PER_DAY} invitations today, the most we allow. Try again tomorrow.`
    };
  }
  const { token, tokenHash } = newToken();
  const id = randomUUID();
  const session = getDriver().session({ database: database() });
  let outcome: { ok: false; message: string } | { ok: true; inviterName: string; expiresAt: Date };
  try {
    outcome = await session.executeWrite(async (tx) => {
      const checks = await readChecks(tx, inviter.id, email, clientId);
      if (!checks.inviterName) {
        return { ok: false as const, message: 'Your account cannot invite colleagues.' };
      }
      if (checks.taken) {
        return {
          ok: false as const,
          message: `${email} already has a Teamaround account. They can sign in, or reset their password from the sign-in page.`
        };
      }
      if (!checks.member) {
        return {
          ok: false as const,
          message: 'You can only add a colleague to a team you are a member of.'
        };
      }
      if (checks.pending) {
        return {
          ok: false as const,
          message: `You have already invited ${email}. Use Resend below to send a new link.`
        };
      }
      const created = await tx.run(
        `CREATE (i:Invite {id: $id, email: $email, tokenHash: $tokenHash, createdAt: datetime(),
           expiresAt: datetime() + duration({days: $days}), usedAt: null, revokedAt: null,
           clientId: $clientId, invitedById: $inviterId})
         RETURN toString(i.expiresAt) AS expiresAt`,
        { id, email, tokenHash, days: INVITE_TTL_DAYS, clientId, inviterId: inviter.id }
      );
      await auditInTx(tx, {
        type: 'account.invited',
        actorId: inviter.id,
        subjectId: id,
        clientId,
        ip
      });
      return {
        ok: true as const,
        inviterName: checks.inviterName,
        expiresAt: new Date(created.records[0]?.get('expiresAt') as string)
      };
    });
  } finally {
    await session.close();
  }
  if (!outcome.ok) return outcome;
  const emailSent = await sendInviteEmail({
    id,
    email,
    inviterName: outcome.inviterName,
    token,
    tokenHash,
    expiresAt: outcome.expiresAt,
    joinsTeam: clientId !== null
  });
  return { ok: true, inviteId: id, email, emailSent };
}

/** A new link with a new expiry; the old link stops working at once. */
export async function resendInvite(
  actor: Actor,
  inviteId: string,
  ip: string | null = null
): Promise<InviteResult> {
  const { token, tokenHash } = newToken();
  const session = getDriver().session({ database: database() });
  let found:
    | { email: string; inviterName: string; expiresAt: Date; clientId: string | null }
    | 'taken'
    | null;
  try {
    found = await session.executeWrite(async (tx) => {
      const result = await tx.run(
        `MATCH (i:Invite {id: $inviteId})
         WHERE i.usedAt IS NULL AND i.revokedAt IS NULL
           AND (i.invitedById = $actorId OR $admin)
         MATCH (inviter:Practitioner {id: i.invitedById})
         RETURN i.email AS email, inviter.name AS inviterName, i.clientId AS clientId,
           EXISTS { MATCH (:Practitioner {email: i.email}) } AS taken`,
        { inviteId, actorId: actor.id, admin: isAdmin(actor) }
      );
      const r = result.records[0];
      if (!r) return null;
      if (r.get('taken')) return 'taken' as const;
      const updated = await tx.run(
        `MATCH (i:Invite {id: $inviteId})
         SET i.tokenHash = $tokenHash, i.expiresAt = datetime() + duration({days: $days}),
             i.resentAt = datetime()
         RETURN toString(i.expiresAt) AS expiresAt`,
        { inviteId, tokenHash, days: INVITE_TTL_DAYS }
      );
      const clientId = r.get('clientId') as string | null;
      await auditInTx(tx, {
        type: 'account.invited',
        actorId: actor.id,
        subjectId: inviteId,
        clientId,
        ip,
        data: { resent: true }
      });
      return {
        email: r.get('email') as string,
        inviterName: r.get('inviterName') as string,
        clientId,
        expiresAt: new Date(updated.records[0]?.get('expiresAt') as string)
      };
    });
  } finally {
    await session.close();
  }
  if (found === 'taken') {
    return { ok: false, message: 'That colleague already has an account now: no need to resend.' };
  }
  if (!found) return { ok: false, message: 'That invitation cannot be resent any more.' };
  const emailSent = await sendInviteEmail({
    id: inviteId,
    email: found.email,
    inviterName: found.inviterName,
    token,
    tokenHash,
    expiresAt: found.expiresAt,
    joinsTeam: found.clientId !== null
  });
  return { ok: true, inviteId, email: found.email, emailSent };
}

/** By the inviter, or an admin. */
export async function revokeInvite(
  actor: Actor,
  inviteId: string,
  ip: string | null = null
): Promise<{ ok: true } | { ok: false; message: string }> {
  const session = getDriver().session({ database: database() });
  try {
    const revoked = await session.executeWrite(async (tx) => {
      const result = await tx.run(
        `MATCH (i:Invite {id: $inviteId})
         WHERE i.usedAt IS NULL AND i.revokedAt IS NULL
           AND (i.invitedById = $actorId OR $admin)
         SET i.revokedAt = datetime()
         RETURN i.clientId AS clientId`,
        { inviteId, actorId: actor.id, admin: isAdmin(actor) }
      );
      const r = result.records[0];
      if (!r) return false;
      await auditInTx(tx, {
        type: 'account.invite.revoked',
        actorId: actor.id,
        subjectId: inviteId,
        clientId: r.get('clientId') as string | null,
        ip
      });
      return true;
    });
    return revoked
      ? { ok: true }
      : { ok: false, message: 'That invitation was already used or revoked.' };
  } finally {
    await session.close();
  }
}

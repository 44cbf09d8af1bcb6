/**
 * Turning an invitation into an account. Everything happens in one transaction that first locks
 * the invite (so two tabs cannot both use it): the practitioner, their agency (or a request for
 * a new agency that a local lead approves), the invite marked used, the team membership the
 * invite offered, and the audit record. The caller then signs the new user in.
 */
import { randomUUID } from 'node:crypto';
import { publishEvents } from '../../../../workers/outbox.ts';
import { audit, auditInTx } from '../audit/audit.ts';
import { hashPassword } from '../auth/password.ts';
import { checkNewPassword } from '../auth/password-policy.ts';
import { createSession } from '../auth/sessions.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { getEventsQueue } from '../queues.ts';
import { writeEvents, type CommandEvent } from '../teams/command-support.ts';
import { requestVerificationInTx } from './agency-verification.service.ts';
import { isAgencyKind, type AgencyKind } from './agency-kinds.ts';
import { checkProfileFields, type FieldErrors, type ProfileFields } from './profile-fields.ts';
import { hashToken, looksLikeToken } from './tokens.ts';

export interface UsableInvite {
  id: string;
  email: string;
  expiresAt: string;
  inviterName: string | null;
}

export interface AgencyOption {
  id: string;
  name: string;
  kind: string;
  /** A sensitive service: choosing it waits for verification (agency-verification.service.ts). */
  sensitive: boolean;
}

export interface AreaOption {
  code: string;
  name: string;
  level: string;
}

export interface NewAgencyInput {
  name: string;
  kind: string;
  areaCode: string;
}

export interface ActivationInput extends ProfileFields {
  /** An existing agency, or null with `newAgency` when theirs is not listed. */
  agencyId: string | null;
  newAgency: NewAgencyInput | null;
  password: string;
  confirmation: string;
}

export type ActivationResult =
  | {
      ok: true;
      userId: string;
      sessionToken: string;
      agencyRequestId: string | null;
      /** Set when they chose a sensitive agency: it waits for verification. */
      verificationId: string | null;
    }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'input'; errors: FieldErrors };

/** The invite behind a link, if it can still be used; null says nothing about why not. */
export async function findUsableInvite(token: string): Promise<UsableInvite | null> {
  if (!looksLikeToken(token)) return null;
  const { records } = await getDriver().executeQuery(
    `MATCH (i:Invite {tokenHash: $tokenHash})
     WHERE i.usedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt > datetime()
       AND NOT EXISTS { MATCH (:Practitioner {email: i.email}) }
     OPTIONAL MATCH (inviter:Practitioner {id: i.invitedById})
     RETURN i.id AS id, i.email AS email, toString(i.expiresAt) AS expiresAt,
       inviter.name AS inviterName`,
    { tokenHash: hashToken(token) },
    { database: database(), routing: 'READ' }
  );
  const r = records[0];
  if (!r) return null;
  return {
    id: r.get('id') as string,
    email: r.get('email') as string,
    expiresAt: r.get('expiresAt') as string,
    inviterName: r.get('inviterName') as string | null
  };
}

export async function listAgencies(): Promise<AgencyOption[]> {
  const { records } = await getDriver().executeQuery(
    `MATCH (a:Agency) RETURN a.id AS id, a.name AS name, a.kind AS kind,
       coalesce(a.sensitive, false) AS sensitive ORDER BY name LIMIT 5000`,
    {},
    { database: database(), routing: 'READ' }
  );
  return records.map((r) => ({
    id: r.get('id') as string,
    name: r.get('name') as string,
    kind: r.get('kind') as string,
    sensitive: r.get('sensitive') as boolean
  }));
}

/** Council and district areas a new agency can be asked for (its lead approves it). */
export async function listRequestableAreas(): Promise<AreaOption[]> {
  const { records } = await getDriver().executeQuery(
    `MATCH (a:Area) WHERE a.level IN ['COUNCIL', 'DISTRICT']
     RETURN a.code AS code, a.name AS name, a.level AS level ORDER BY name, code LIMIT 5000`,
    {},
    { database: database(), routing: 'READ' }
  );
  return records.map((r) => ({
    code: r.get('code') as string,
    name: r.get('name') as string,
    level: r.get('level') as string
  }));
}

function checkInput(input: ActivationInput, email: string): FieldErrors {
  const errors = checkProfileFields(input);
  if (input.newAgency) {
    const { name, kind, areaCode } = input.newAgency;
    if (name.length < 3 || name.length > 120) {
      errors.newAgencyName = 'Enter your agency’s full name (3 to 120 characters).';
    }
    if (!isAgencyKind(kind)) errors.newAgencyKind = 'Choose what kind of service it is.';
    if (!areaCode) errors.newAgencyArea = 'Choose the council area or district it serves.';
  } else if (!input.agencyId) {
    errors.agencyId = 'Choose your agency, or tick “My agency is not listed”.';
  }
  const password = checkNewPassword(input.password, input.confirmation, { email });
  if (!password.ok) errors.password = password.message;
  return errors;
}

/** After commit, like joinTeam; if Redis does not take it, the outbox sweeper does later. */
async function publishJoined(eventIds: string[]): Promise<void> {
  try {
    await publishEvents(getDriver(), database(), getEventsQueue(), eventIds);
  } catch (error) {
    console.error(
      `[activation] publishing events ${eventIds.join(', ')} failed; the outbox sweeper will retry:`,
      error instanceof Error ? error.message : error
    );
  }
}

export async function activateAccount(
  token: string,
  input: ActivationInput,
  ip: string | null = null
): Promise<ActivationResult> {
  const invite = await findUsableInvite(token);
  if (!invite) return { ok: false, reason: 'invalid' };
  const errors = checkInput(input, invite.email);
  if (Object.keys(errors).length > 0) return { ok: false, reason: 'input', errors };

  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  const agencyRequestId = input.newAgency ? randomUUID() : null;
  const session = getDriver().session({ database: database() });
  let result:
    | ActivationResult
    | {
        ok: true;
        userId: string;
        joinedEventId: string | null;
        verification: { id: string; event: CommandEvent } | null;
      };
  try {
    result = await session.executeWrite(async (tx) => {
      // Writing first takes the invite's lock; the checks below then see the committed state.
      const locked = await tx.run(
        `MATCH (i:Invite {tokenHash: $tokenHash}) SET i.lastAttemptAt = datetime()
         RETURN i.id AS id, i.email AS email, i.clientId AS clientId, i.invitedById AS inviterId,
           i.usedAt IS NULL AND i.revokedAt IS NULL AND i.expiresAt > datetime() AS usable,
           EXISTS { MATCH (:Practitioner {email: i.email}) } AS taken`,
        { tokenHash: hashToken(token) }
      );
      const inv = locked.records[0];
      if (!inv || !inv.get('usable') || inv.get('taken')) {
        return { ok: false as const, reason: 'invalid' as const };
      }
      let sensitive = false;
      if (input.agencyId) {
        const agency = await tx.run(
          'MATCH (a:Agency {id: $id}) RETURN a.id AS id, coalesce(a.sensitive, false) AS sensitive',
          { id: input.agencyId }
        );
        sensitive = agency.records[0]?.get('sensitive') === true;
        if (agency.records.length === 0) {
          return {
            ok: false as const,
            reason: 'input' as const,
            errors: { agencyId: 'Choose your agency from the list.' }
          };
        }
      }
      if (input.newAgency) {
        const area = await tx.run(
          `MATCH (a:Area {code: $code}) WHERE a.level IN ['COUNCIL', 'DISTRICT'] RETURN a.code AS code`,
          { code: input.newAgency.areaCode }
        );
        if (area.records.length === 0) {
          return {
            ok: false as const,
            reason: 'input' as const,
            errors: { newAgencyArea: 'Choose a council area or district from the list.' }
          };
        }
      }
      const clientId = inv.get('clientId') as string | null;
      const inviteId = inv.get('id') as string;
      await tx.run(
        `MATCH (i:Invite {id: $inviteId})
         SET i.usedAt = datetime(), i.usedById = $userId
         CREATE (p:Practitioner {id: $userId, email: i.email, name: $name, phone: $phone,
           jobTitle: $jobTitle, status: 'ACTIVE', roles: ['practitioner'], createdAt: datetime(),
           passwordHash: $passwordHash, timeZone: 'Australia/Sydney'})`,
        {
          inviteId,
          userId,
          name: input.name,
          phone: input.phone,
          jobTitle: input.jobTitle,
          passwordHash
        }
      );
      let verification: { id: string; event: CommandEvent } | null = null;
      if (input.agencyId && sensitive) {
        // A sensitive service: no WORKS_AT until an admin or a verified member of it approves, so
        // no restricted joins and no place in its staff list meanwhile (DESIGN.md rule 3).
        const requested = await requestVerificationInTx(tx, userId, input.agencyId);
        verification = { id: requested.verificationId, event: requested.event };
        await writeEvents(tx, userId, [requested.event]);
      } else if (input.agencyId) {
        await tx.run(
          `MATCH (p:Practitioner {id: $userId}), (a:Agency {id: $agencyId})
           CREATE (p)-[:WORKS_AT {since: datetime()}]->(a)`,
          { userId, agencyId: input.agencyId }
        );
      } else if (input.newAgency && agencyRequestId) {
        await tx.run(
          `CREATE (:AgencyRequest {id: $id, name: $name, kind: $kind, areaCode: $areaCode,
             requestedById: $userId, createdAt: datetime(), status: 'PENDING'})`,
          {
            id: agencyRequestId,
            name: input.newAgency.name,
            kind: input.newAgency.kind as AgencyKind,
            areaCode: input.newAgency.areaCode,
            userId
          }
        );
      }
      let joined = false;
      let joinedEventId: string | null = null;
      if (clientId) {
        // Only while the inviter is still on the team: leaving removes what they could offer.
        const member = await tx.run(
          `MATCH (inviter:Practitioner {id: $inviterId})-[m:MEMBER_OF]->(c:Client {id: $clientId})
           WHERE m.until IS NULL
           WITH c LIMIT 1
           MATCH (p:Practitioner {id: $userId})
           CREATE (p)-[:MEMBER_OF {since: datetime(), until: null, reason: 'Invited by a team member',
             restricted: false, lead: false, lastConfirmedAt: datetime()}]->(c)
           WITH p, c
           // As when joining a team: the client's council becomes one of their areas.
           CALL (p, c) {
             MATCH (area:Area {code: c.councilCode})
             MERGE (p)-[:COVERS {source: 'AUTO'}]->(area)
           }
           RETURN c.id AS id`,
          { inviterId: inv.get('inviterId') as string, clientId, userId }
        );
        joined = member.records.length > 0;
        if (joined) {
          joinedEventId = randomUUID();
          // The outbox event that tells the team (DESIGN.md rule 2); the sweeper publishes it.
          await tx.run(
            `CREATE (:Event {id: $id, type: 'team.joined', actorId: $userId, clientId: $clientId,
               subjectId: $userId, data: $data, createdAt: datetime(), publishedAt: null,
               outbox: true})`,
            {
              id: joinedEventId,
              userId,
              clientId,
              data: JSON.stringify({ via: 'invite', inviteId })
            }
          );
        }
      }
      await auditInTx(tx, {
        type: 'account.activated',
        actorId: userId,
        subjectId: inviteId,
        clientId: joined ? clientId : null,
        ip,
        data: { agencyRequestId, joinedTeam: joined, verificationId: verification?.id ?? null }
      });
      return { ok: true as const, userId, joinedEventId, verification };
    });
  } catch (error) {
    // Two activations racing past the lock: the email's unique constraint refuses the second.
    if (
      error instanceof Error &&
      /ConstraintValidationFailed|already exists/i.test(error.message)
    ) {
      return { ok: false, reason: 'invalid' };
    }
    throw error;
  } finally {
    await session.close();
  }
  if (!result.ok) return result;
  const toPublish = [result.joinedEventId, result.verification?.event.id].filter(
    (id): id is string => Boolean(id)
  );
  if (toPublish.length > 0) await publishJoined(toPublish);
  const sessionToken = await createSession(userId);
  await audit({ type: 'auth.signin', actorId: userId, ip, data: { via: 'activation' } });
  return {
    ok: true,
    userId,
    sessionToken,
    agencyRequestId,
    verificationId: result.verification?.id ?? null
  };
}

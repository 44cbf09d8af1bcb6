/**
 * Sensitive agencies are verified (DESIGN.md rule 3, issue 14). Choosing a sensitive agency (at
 * activation, or through an agency request a non-admin approves) does NOT make the practitioner
 * staff of it: it makes a PENDING `AgencyVerification {id, practitionerId, agencyId, status}`.
 * Only approval creates the WORKS_AT (with verifiedAt/verifiedById). So, everywhere at once:
 * - a WORKS_AT to a sensitive agency always means a verified member (the V0010 migration and the
 *   seed stamp the older ones), and joinTeam's "member of a sensitive service" check, which reads
 *   WORKS_AT, refuses a restricted join until then;
 * - a pending or refused claimant is not in the agency's staff list, its staff count, the phone
 *   book's agency search or `Agency.practitioners`, so nobody can probe a sensitive agency by
 *   claiming it;
 * - meanwhile they are an ordinary practitioner with no agency: they may join teams under their own
 *   name (never restricted).
 *
 * Who decides: an admin, or an active verified member of that same agency; never the claimant
 * (not even an admin approving themselves), never a lead as such, never another claimant. The
 * check is in the deciding Cypher, read from the database (not the session), so it holds however
 * the command is reached. Refused means REFUSED for good: the practitioner is told and the
 * account never gets that agency (an admin can place them later by hand if it was a mistake).
 *
 * Every step is an outbox Event (`agency.verification.requested | approved | refused`, the account
 * alerts of alerts/account-alerts.ts): deciders are emailed that one waits, the practitioner the
 * outcome. Refused attempts to decide are recorded as `access.denied`.
 */
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { audit } from '../audit/audit.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { commandEvent, runCommand, type CommandEvent } from '../teams/command-support.ts';
import type { Actor } from './lead-scope.ts';

export type VerificationStatus = 'PENDING' | 'APPROVED' | 'REFUSED';

export interface PendingVerification {
  id: string;
  agencyId: string;
  agencyName: string;
  practitionerId: string;
  practitionerName: string;
  practitionerEmail: string | null;
  jobTitle: string | null;
  phone: string | null;
  createdAt: string;
}

export type VerificationDecision = 'approve' | 'refuse';

export type DecideVerificationResult =
  | { ok: true; status: Exclude<VerificationStatus, 'PENDING'>; eventId: string }
  | { ok: false; reason: 'forbidden' | 'gone'; message: string };

export const MESSAGES = {
  self: 'You cannot verify your own membership: another verified member of the agency or an admin must.',
  notDecider:
    'Only an admin or a verified member of that agency can approve or refuse this membership.',
  gone: 'That verification was already decided, or does not exist.'
} as const;

/**
 * Inside the caller's transaction: a PENDING verification for a practitioner who chose a
 * sensitive agency, and its outbox event (the caller writes and publishes it with its own).
 */
export async function requestVerificationInTx(
  tx: ManagedTransaction,
  practitionerId: string,
  agencyId: string
): Promise<{ verificationId: string; event: CommandEvent }> {
  const verificationId = randomUUID();
  await tx.run(
    `CREATE (:AgencyVerification {id: $verificationId, practitionerId: $practitionerId,
       agencyId: $agencyId, status: 'PENDING', createdAt: datetime()})`,
    { verificationId, practitionerId, agencyId }
  );
  const event = commandEvent('agency.verification.requested', null, verificationId, {
    agencyId,
    verificationId
  });
  return { verificationId, event };
}

/** Whether an agency is sensitive (its staff are verified before joining restricted). */
export async function isSensitiveAgency(
  tx: ManagedTransaction,
  agencyId: string
): Promise<boolean> {
  const { records } = await tx.run(
    'MATCH (a:Agency {id: $agencyId}) RETURN coalesce(a.sensitive, false) AS sensitive',
    { agencyId }
  );
  return records[0]?.get('sensitive') === true;
}

/**
 * The verifications the actor may decide: every pending one for an admin; for a verified member
 * of sensitive agencies, those of their agencies (never their own). Null when they may decide
 * none (the page then answers 403).
 */
export async function listPendingVerifications(
  actor: Actor
): Promise<PendingVerification[] | null> {
  const { records } = await getDriver().executeQuery(
    `MATCH (me:Practitioner {id: $actorId}) WHERE me.status = 'ACTIVE'
     WITH me, 'admin' IN coalesce(me.roles, []) AS admin,
       COLLECT { MATCH (me)-[:WORKS_AT]->(a:Agency) WHERE a.sensitive = true RETURN a.id } AS mine
     WHERE admin OR size(mine) > 0
     CALL (me, admin, mine) {
       MATCH (v:AgencyVerification {status: 'PENDING'})
       WHERE (admin OR v.agencyId IN mine) AND v.practitionerId <> me.id
       MATCH (p:Practitioner {id: v.practitionerId})
       MATCH (ag:Agency {id: v.agencyId})
       RETURN collect(v {.id, .agencyId, agencyName: ag.name, practitionerId: p.id,
         practitionerName: p.name, practitionerEmail: p.email, jobTitle: p.jobTitle,
         phone: p.phone, createdAt: toString(v.createdAt)})[0..500] AS rows
     }
     RETURN rows`,
    { actorId: actor.id },
    { database: database(), routing: 'READ' }
  );
  const r = records[0];
  if (!r) return null;
  const rows = r.get('rows') as PendingVerification[];
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export interface VerificationSummary {
  /** Their latest claim of a sensitive agency, while it is not approved (approved: it is their agency). */
  claim: { agencyName: string; status: Exclude<VerificationStatus, 'APPROVED'> } | null;
  /** An admin or verified staff of a sensitive agency: the profile links to the waiting list. */
  mayDecide: boolean;
}

/** For the practitioner's profile: their own claim, and whether they verify others. */
export async function verificationSummary(userId: string): Promise<VerificationSummary> {
  const { records } = await getDriver().executeQuery(
    `MATCH (me:Practitioner {id: $userId})
     OPTIONAL CALL (me) {
       MATCH (v:AgencyVerification {practitionerId: me.id})
       MATCH (ag:Agency {id: v.agencyId})
       RETURN v, ag ORDER BY v.createdAt DESC LIMIT 1
     }
     RETURN CASE WHEN v IS NULL OR v.status = 'APPROVED' THEN null
         ELSE {agencyName: ag.name, status: v.status} END AS claim,
       me.status = 'ACTIVE' AND ('admin' IN coalesce(me.roles, [])
         OR EXISTS { MATCH (me)-[:WORKS_AT]->(a:Agency) WHERE a.sensitive = true }) AS mayDecide`,
    { userId },
    { database: database(), routing: 'READ' }
  );
  const r = records[0];
  return {
    claim: (r?.get('claim') as VerificationSummary['claim'] | undefined) ?? null,
    mayDecide: r?.get('mayDecide') === true
  };
}

// Takes the verification's write lock first (SET then REMOVE), so two deciders cannot both see it
// PENDING; then reads who may decide from the database.
const LOCK_AND_CHECK = `
OPTIONAL MATCH (v:AgencyVerification {id: $verificationId})
FOREACH (_ IN CASE WHEN v IS NULL THEN [] ELSE [1] END | SET v.decideLock = true REMOVE v.decideLock)
WITH v
OPTIONAL MATCH (me:Practitioner {id: $actorId}) WHERE me.status = 'ACTIVE'
OPTIONAL MATCH (ag:Agency {id: v.agencyId})
RETURN v IS NOT NULL AND v.status = 'PENDING' AND ag IS NOT NULL AS pending,
  v.practitionerId AS practitionerId, v.agencyId AS agencyId,
  me IS NOT NULL AND me.id = v.practitionerId AS self,
  me IS NOT NULL AND 'admin' IN coalesce(me.roles, []) AS admin,
  me IS NOT NULL AND ag IS NOT NULL AND coalesce(ag.sensitive, false)
    AND EXISTS { MATCH (me)-[:WORKS_AT]->(ag) } AS verifiedMember`;

// Approving makes them staff: the one WORKS_AT, stamped with who verified it. A practitioner has
// one agency (DESIGN.md): one they got meanwhile is left alone.
const DECIDE = `
MATCH (v:AgencyVerification {id: $verificationId})
SET v.status = $status, v.decidedById = $actorId, v.decidedAt = datetime()
WITH v
MATCH (p:Practitioner {id: v.practitionerId})
MATCH (ag:Agency {id: v.agencyId})
FOREACH (_ IN CASE WHEN $status = 'APPROVED' AND NOT EXISTS { MATCH (p)-[:WORKS_AT]->(:Agency) }
  THEN [1] ELSE [] END |
  CREATE (p)-[:WORKS_AT {since: datetime(), verifiedAt: datetime(), verifiedById: $actorId}]->(ag))
RETURN v.id AS id`;

class Refused extends Error {
  constructor(
    readonly reason: 'forbidden' | 'gone',
    message: string
  ) {
    super(message);
  }
}

export async function decideVerification(
  actor: Actor,
  verificationId: string,
  decision: VerificationDecision,
  ip: string | null = null
): Promise<DecideVerificationResult> {
  const status = decision === 'approve' ? 'APPROVED' : 'REFUSED';
  try {
    const eventId = await runCommand(actor.id, async (tx) => {
      const { records } = await tx.run(LOCK_AND_CHECK, { verificationId, actorId: actor.id });
      const row = records[0];
      if (!row || !row.get('pending')) throw new Refused('gone', MESSAGES.gone);
      if (row.get('self')) throw new Refused('forbidden', MESSAGES.self);
      if (!row.get('admin') && !row.get('verifiedMember')) {
        throw new Refused('forbidden', MESSAGES.notDecider);
      }
      await tx.run(DECIDE, { verificationId, status, actorId: actor.id });
      const event = commandEvent(
        status === 'APPROVED' ? 'agency.verification.approved' : 'agency.verification.refused',
        null,
        verificationId,
        {
          verificationId,
          agencyId: row.get('agencyId') as string,
          practitionerId: row.get('practitionerId') as string,
          as: row.get('admin') ? 'admin' : 'member'
        }
      );
      return { result: event.id, events: [event] };
    });
    return { ok: true, status, eventId };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    if (error.reason === 'forbidden') {
      // A refused authorization is recorded (DESIGN.md rule 5).
      await audit({
        type: 'access.denied',
        actorId: actor.id,
        subjectId: verificationId,
        ip,
        data: { action: `agency.verification.${decision}`, verificationId }
      });
    }
    return { ok: false, reason: error.reason, message: error.message };
  }
}

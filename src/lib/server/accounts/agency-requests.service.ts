/**
 * Agencies asked for at activation ("my agency is not listed"). A local lead approves those in
 * their areas, an admin any: approval creates the agency, what it serves and the requester's
 * WORKS_AT in one transaction. Until then the requester has no agency. For a sensitive kind only
 * an admin's approval makes the requester staff (verified); a lead's leaves them waiting for an
 * admin's verification (agency-verification.service.ts).
 */
import { randomUUID } from 'node:crypto';
import { publishEvents } from '../../../../workers/outbox.ts';
import { auditInTx } from '../audit/audit.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { getEventsQueue } from '../queues.ts';
import { writeEvents } from '../teams/command-support.ts';
import { SENSITIVE_KINDS } from './agency-kinds.ts';
import { requestVerificationInTx } from './agency-verification.service.ts';
import { isAdmin, leadScope, scopeParams, type Actor } from './lead-scope.ts';

export interface AgencyRequestRow {
  id: string;
  name: string;
  kind: string;
  areaCode: string;
  areaName: string | null;
  requesterId: string;
  requesterName: string | null;
  requesterEmail: string | null;
  createdAt: string;
}

export type DecisionResult =
  | { ok: true; agencyId: string | null }
  | { ok: false; reason: 'forbidden' }
  | { ok: false; reason: 'gone'; message: string };

/** Pending requests in the actor's scope; null when they are neither a lead nor an admin. */
export async function listPendingAgencyRequests(actor: Actor): Promise<AgencyRequestRow[] | null> {
  const scope = await leadScope(actor);
  if (!scope) return null;
  const { records } = await getDriver().executeQuery(
    `MATCH (r:AgencyRequest {status: 'PENDING'})
     WHERE $all OR r.areaCode IN $codes
     OPTIONAL MATCH (a:Area {code: r.areaCode})
     OPTIONAL MATCH (p:Practitioner {id: r.requestedById})
     RETURN r.id AS id, r.name AS name, r.kind AS kind, r.areaCode AS areaCode,
       a.name AS areaName, r.requestedById AS requesterId, p.name AS requesterName,
       p.email AS requesterEmail, toString(r.createdAt) AS createdAt
     ORDER BY r.createdAt LIMIT 500`,
    scopeParams(scope),
    { database: database(), routing: 'READ' }
  );
  return records.map((r) => ({
    id: r.get('id') as string,
    name: r.get('name') as string,
    kind: r.get('kind') as string,
    areaCode: r.get('areaCode') as string,
    areaName: r.get('areaName') as string | null,
    requesterId: r.get('requesterId') as string,
    requesterName: r.get('requesterName') as string | null,
    requesterEmail: r.get('requesterEmail') as string | null,
    createdAt: r.get('createdAt') as string
  }));
}

export async function decideAgencyRequest(
  actor: Actor,
  requestId: string,
  decision: 'approve' | 'reject',
  ip: string | null = null
): Promise<DecisionResult> {
  const scope = await leadScope(actor);
  if (!scope) return { ok: false, reason: 'forbidden' };
  const session = getDriver().session({ database: database() });
  // Set inside the transaction function (which may run again on a retry), read after commit.
  const verification: { eventId: string | null } = { eventId: null };
  try {
    const result = await session.executeWrite(async (tx): Promise<DecisionResult> => {
      verification.eventId = null;
      const decided = await tx.run(
        `MATCH (r:AgencyRequest {id: $requestId, status: 'PENDING'})
         WHERE $all OR r.areaCode IN $codes
         SET r.status = $status, r.decidedById = $actorId, r.decidedAt = datetime()
         RETURN r.requestedById AS requesterId`,
        {
          ...scopeParams(scope),
          requestId,
          actorId: actor.id,
          status: decision === 'approve' ? 'APPROVED' : 'REJECTED'
        }
      );
      const requesterId = decided.records[0]?.get('requesterId') as string | undefined;
      if (requesterId === undefined) {
        return {
          ok: false,
          reason: 'gone',
          message: 'That request was already decided, or is not in your areas.'
        };
      }
      let agencyId: string | null = null;
      if (decision === 'approve') {
        agencyId = randomUUID();
        const created = await tx.run(
          `MATCH (r:AgencyRequest {id: $requestId})
           MATCH (area:Area {code: r.areaCode})
           CREATE (ag:Agency {id: $agencyId, name: r.name, kind: r.kind,
             sensitive: r.kind IN $sensitive, createdAt: datetime()})-[:SERVES]->(area)
           SET r.agencyId = $agencyId
           RETURN ag.sensitive AS sensitive`,
          { requestId, agencyId, sensitive: SENSITIVE_KINDS }
        );
        const sensitive = created.records[0]?.get('sensitive') === true;
        if (sensitive && !isAdmin(actor)) {
          // A lead may add a sensitive agency to the phone book but not vouch for its staff
          // (DESIGN.md rule 3): the requester waits for an admin's verification.
          const requested = await requestVerificationInTx(tx, requesterId, agencyId);
          await writeEvents(tx, actor.id, [requested.event]);
          verification.eventId = requested.event.id;
        } else {
          // An admin approving a sensitive agency verifies its first member at the same time.
          await tx.run(
            `MATCH (p:Practitioner {id: $requesterId}), (ag:Agency {id: $agencyId})
             WHERE NOT EXISTS { MATCH (p)-[:WORKS_AT]->(:Agency) }
             CREATE (p)-[w:WORKS_AT {since: datetime()}]->(ag)
             FOREACH (_ IN CASE WHEN ag.sensitive THEN [1] ELSE [] END |
               SET w.verifiedAt = datetime(), w.verifiedById = $actorId)`,
            { requesterId, agencyId, actorId: actor.id }
          );
        }
      }
      await auditInTx(tx, {
        type: decision === 'approve' ? 'agency.request.approved' : 'agency.request.rejected',
        actorId: actor.id,
        subjectId: requesterId,
        ip,
        data: { requestId, agencyId }
      });
      return { ok: true, agencyId };
    });
    const eventId = verification.eventId;
    if (eventId) {
      await publishEvents(getDriver(), database(), getEventsQueue(), [eventId]).catch(
        (error: unknown) =>
          console.error(
            `[agency-requests] publishing event ${eventId} failed; the outbox sweeper will retry:`,
            error instanceof Error ? error.message : error
          )
      );
    }
    return result;
  } finally {
    await session.close();
  }
}

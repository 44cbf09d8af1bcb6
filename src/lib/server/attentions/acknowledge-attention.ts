/**
 * acknowledgeAttention: a current team member says they have seen an attention. When every other
 * current (active) member has acknowledged it, 'attention.acknowledged.all' is written, once, so
 * the raiser knows. The first statement takes the attention's write lock, so two last
 * acknowledgements at the same moment cannot both miss (or both fire) the "everyone" event.
 */
import { randomUUID } from 'node:crypto';
import {
  refuse,
  runAttentionCommand,
  type AttentionResult,
  type Publisher
} from './attention-command.ts';

const LOCK_AND_CHECK = `
MATCH (a:Attention {id: $attentionId})-[:ABOUT]->(c:Client)
SET a.ackLock = true REMOVE a.ackLock
WITH a, c
RETURN c.id AS clientId, a.resolvedAt IS NOT NULL AS resolved,
  EXISTS {
    MATCH (p:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c)
    WHERE m.until IS NULL AND coalesce(p.status, 'ACTIVE') = 'ACTIVE'
  } AS member`;

const ACKNOWLEDGE = `
MATCH (p:Practitioner {id: $viewerId}), (a:Attention {id: $attentionId})
OPTIONAL MATCH (p)-[old:ACKNOWLEDGED]->(a)
WITH p, a, old IS NOT NULL AS already
MERGE (p)-[k:ACKNOWLEDGED]->(a) ON CREATE SET k.at = datetime()
RETURN already`;

const EVERYONE = `
MATCH (a:Attention {id: $attentionId})-[:ABOUT]->(c:Client)
WHERE a.allAcknowledgedAt IS NULL
OPTIONAL MATCH (raiser:Practitioner)-[:RAISED]->(a)
WITH a, c, raiser
WHERE NOT EXISTS {
  MATCH (o:Practitioner)-[m:MEMBER_OF]->(c)
  WHERE m.until IS NULL AND coalesce(o.status, 'ACTIVE') = 'ACTIVE'
    AND (raiser IS NULL OR o <> raiser)
    AND NOT EXISTS { MATCH (o)-[:ACKNOWLEDGED]->(a) }
}
SET a.allAcknowledgedAt = datetime()
CREATE (:Event {id: $eventId, type: 'attention.acknowledged.all', actorId: $viewerId, clientId: c.id,
  subjectId: a.id, data: '{}', createdAt: datetime(), outbox: true})
RETURN a.id AS id`;

// The acknowledgement itself is recorded for the activity log (rule 5) but emails nobody.
const AUDIT = `
CREATE (:Event {id: $eventId, type: 'attention.acknowledged', actorId: $viewerId, clientId: $clientId,
  subjectId: $attentionId, data: '{}', createdAt: datetime(), outbox: false})`;

export interface AcknowledgeAttentionInput {
  viewerId: string;
  attentionId: string;
}

export async function acknowledgeAttention(
  input: AcknowledgeAttentionInput,
  publish?: Publisher
): Promise<AttentionResult> {
  return runAttentionCommand(
    input.viewerId,
    async (tx) => {
      const params = { viewerId: input.viewerId, attentionId: input.attentionId };
      const check = (await tx.run(LOCK_AND_CHECK, params)).records[0];
      if (!check) return refuse('NOT_FOUND');
      if (!check.get('member')) return refuse('FORBIDDEN');
      if (check.get('resolved')) return refuse('ALREADY_RESOLVED');
      const already = (await tx.run(ACKNOWLEDGE, params)).records[0]?.get('already') === true;
      if (already) return { ok: true, attentionId: input.attentionId, eventIds: [] };
      await tx.run(AUDIT, { ...params, clientId: check.get('clientId'), eventId: randomUUID() });
      const allEventId = randomUUID();
      const everyone = await tx.run(EVERYONE, { ...params, eventId: allEventId });
      return {
        ok: true,
        attentionId: input.attentionId,
        eventIds: everyone.records.length > 0 ? [allEventId] : []
      };
    },
    publish
  );
}

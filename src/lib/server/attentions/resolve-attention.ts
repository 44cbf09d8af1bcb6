/**
 * resolveAttention: only the practitioner who raised it or the team's lead professional, and only
 * while a current member of the team. Writes 'attention.resolved' in the same transaction.
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
SET a.resolveLock = true REMOVE a.resolveLock
WITH a, c
OPTIONAL MATCH (p:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c)
WHERE m.until IS NULL AND coalesce(p.status, 'ACTIVE') = 'ACTIVE'
WITH a, c, collect(m) AS memberships
RETURN c.id AS clientId, a.resolvedAt IS NOT NULL AS resolved, size(memberships) > 0 AS member,
  any(m IN memberships WHERE coalesce(m.lead, false)) AS lead,
  EXISTS { MATCH (:Practitioner {id: $viewerId})-[:RAISED]->(a) } AS raiser`;

const RESOLVE = `
MATCH (a:Attention {id: $attentionId})-[:ABOUT]->(c:Client)
WHERE a.resolvedAt IS NULL
SET a.resolvedAt = datetime(), a.resolvedById = $viewerId
CREATE (:Event {id: $eventId, type: 'attention.resolved', actorId: $viewerId, clientId: c.id,
  subjectId: a.id, data: '{}', createdAt: datetime(), outbox: true})
RETURN a.id AS id`;

export interface ResolveAttentionInput {
  viewerId: string;
  attentionId: string;
}

export async function resolveAttention(
  input: ResolveAttentionInput,
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
      if (!check.get('raiser') && !check.get('lead')) return refuse('NOT_ALLOWED');
      const eventId = randomUUID();
      const resolved = await tx.run(RESOLVE, { ...params, eventId });
      if (resolved.records.length === 0) return refuse('ALREADY_RESOLVED');
      return { ok: true, attentionId: input.attentionId, eventIds: [eventId] };
    },
    publish
  );
}

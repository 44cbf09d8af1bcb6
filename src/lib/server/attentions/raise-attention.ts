/**
 * raiseAttention: a current team member flags something the team should know (DESIGN.md rule 1).
 * The membership check, the Attention and its 'attention.raised' outbox Event are one statement
 * in one transaction: no member, no attention, no event.
 */
import { randomUUID } from 'node:crypto';
import { cleanMessage, isPriority } from './attention-input.ts';
import {
  refuse,
  runAttentionCommand,
  type AttentionResult,
  type Publisher
} from './attention-command.ts';

const RAISE = `
MATCH (p:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c:Client {id: $clientId})
WHERE m.until IS NULL AND coalesce(p.status, 'ACTIVE') = 'ACTIVE'
WITH p, c LIMIT 1
CREATE (a:Attention {id: $attentionId, message: $message, priority: $priority, createdAt: datetime()})
CREATE (p)-[:RAISED]->(a)-[:ABOUT]->(c)
CREATE (:Event {id: $eventId, type: 'attention.raised', actorId: p.id, clientId: c.id, subjectId: a.id,
  data: $data, createdAt: datetime(), outbox: true})
RETURN a.id AS id`;

export interface RaiseAttentionInput {
  viewerId: string;
  clientId: string;
  message: unknown;
  priority: unknown;
}

export async function raiseAttention(
  input: RaiseAttentionInput,
  publish?: Publisher
): Promise<AttentionResult> {
  const message = cleanMessage(input.message);
  if (message === null) return refuse('INVALID_MESSAGE');
  if (!isPriority(input.priority)) return refuse('INVALID_PRIORITY');
  const priority = input.priority;
  return runAttentionCommand(
    input.viewerId,
    async (tx) => {
      const attentionId = randomUUID();
      const eventId = randomUUID();
      const created = await tx.run(RAISE, {
        viewerId: input.viewerId,
        clientId: input.clientId,
        attentionId,
        eventId,
        message,
        priority,
        data: JSON.stringify({ priority })
      });
      if (created.records.length > 0) return { ok: true, attentionId, eventIds: [eventId] };
      const exists = await tx.run('MATCH (c:Client {id: $clientId}) RETURN c.id LIMIT 1', {
        clientId: input.clientId
      });
      return refuse(exists.records.length > 0 ? 'FORBIDDEN' : 'NOT_FOUND');
    },
    publish
  );
}

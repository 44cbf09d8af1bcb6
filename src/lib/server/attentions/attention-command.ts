/**
 * What the attention commands share: the result shape, one write transaction, and publishing the
 * outbox events after commit. A publish failure is logged, not returned: the change stands and
 * the outbox sweeper publishes the event later (DESIGN.md "Transactional outbox").
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { publishEvents } from '../../../../workers/outbox.ts';
import { database, getDriver } from '../db/neo4j.ts';
import { getEventsQueue } from '../queues.ts';

export type AttentionErrorCode =
  | 'INVALID_MESSAGE'
  | 'INVALID_PRIORITY'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'ALREADY_RESOLVED'
  | 'NOT_ALLOWED';

export const ERROR_MESSAGES: Record<AttentionErrorCode, string> = {
  INVALID_MESSAGE: 'Write a short message (up to 500 characters).',
  INVALID_PRIORITY: 'Choose normal or urgent.',
  NOT_FOUND: 'There is no such attention or client.',
  FORBIDDEN: 'Only current members of the client’s team can do that.',
  ALREADY_RESOLVED: 'This attention has already been resolved.',
  NOT_ALLOWED: 'Only the practitioner who raised it or the lead professional can resolve it.'
};

export type AttentionResult =
  | { ok: true; attentionId: string; eventIds: string[] }
  | { ok: false; code: AttentionErrorCode; message: string };

export function refuse(code: AttentionErrorCode): AttentionResult {
  return { ok: false, code, message: ERROR_MESSAGES[code] };
}

/** Publishes the events of a successful, committed command. */
export type Publisher = (eventIds: string[]) => Promise<void>;

export const publishToEventsQueue: Publisher = (eventIds) =>
  publishEvents(getDriver(), database(), getEventsQueue(), eventIds);

export async function runAttentionCommand(
  actorId: string,
  work: (tx: ManagedTransaction) => Promise<AttentionResult>,
  publish: Publisher = publishToEventsQueue
): Promise<AttentionResult> {
  const session = getDriver().session({ database: database(), defaultAccessMode: 'WRITE' });
  let result: AttentionResult;
  try {
    result = await session.executeWrite(work, {
      metadata: { app: 'teamaround-command', actor: actorId }
    });
  } finally {
    await session.close();
  }
  if (result.ok && result.eventIds.length > 0) {
    try {
      await publish(result.eventIds);
    } catch (error) {
      console.error('[outbox] publishing after commit failed; the sweeper will retry', error);
    }
  }
  return result;
}

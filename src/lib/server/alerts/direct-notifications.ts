/**
 * Alerts whose recipients are not decided by a team's preferences (account, admin and meeting
 * pack alerts) name their recipients themselves and are always sent at once. This records one IMMEDIATE Notification per recipient
 * (id = event + recipient, as for team alerts), so a retried fan-out creates nothing twice, and
 * marks the event fanned out. Runs inside fan-out's transaction; returns the notifications still
 * to send.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { notificationId } from './notification-id.ts';

const RECORD = `
MATCH (e:Event {id: $eventId})
SET e.fannedOutAt = coalesce(e.fannedOutAt, datetime())
WITH e
UNWIND $recipients AS r
MERGE (n:Notification {id: r.id})
  ON CREATE SET n.eventId = e.id, n.recipientId = r.recipientId, n.mode = 'IMMEDIATE',
    n.kind = e.type, n.clientId = e.clientId, n.status = 'PENDING', n.createdAt = datetime()
RETURN n.id AS id, n.status AS status`;

export async function recordDirectNotifications(
  tx: ManagedTransaction,
  eventId: string,
  recipientIds: string[]
): Promise<string[]> {
  const recipients = [...recipientIds]
    .sort()
    .map((recipientId) => ({ recipientId, id: notificationId(eventId, recipientId) }));
  const recorded = await tx.run(RECORD, { eventId, recipients });
  return recorded.records
    .filter((r) => r.get('status') === 'PENDING')
    .map((r) => r.get('id') as string);
}

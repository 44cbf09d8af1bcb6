/**
 * A notification's life: PENDING -> SENT, or SKIPPED (the recipient left the team, was suspended
 * or lost their address before it went out), or FAILED (the provider refused it for good, or
 * every retry failed; the admin page can retry it).
 */
import type { Driver } from 'neo4j-driver';

export async function markSent(
  driver: Driver,
  database: string,
  sent: { id: string; providerId: string }[]
): Promise<void> {
  if (sent.length === 0) return;
  await driver.executeQuery(
    `UNWIND $sent AS s
     MATCH (n:Notification {id: s.id})
     SET n.status = 'SENT', n.sentAt = coalesce(n.sentAt, datetime()), n.providerId = s.providerId,
         n.error = null`,
    { sent },
    { database }
  );
}

export async function markSkipped(
  driver: Driver,
  database: string,
  ids: string[],
  reason: string
): Promise<void> {
  if (ids.length === 0) return;
  await driver.executeQuery(
    `UNWIND $ids AS id MATCH (n:Notification {id: id}) WHERE n.sentAt IS NULL
     SET n.status = 'SKIPPED', n.error = $reason`,
    { ids, reason },
    { database }
  );
}

export async function markFailed(
  driver: Driver,
  database: string,
  ids: string[],
  errorName: string
): Promise<void> {
  if (ids.length === 0) return;
  await driver.executeQuery(
    `UNWIND $ids AS id MATCH (n:Notification {id: id}) WHERE n.sentAt IS NULL
     SET n.status = 'FAILED', n.error = $errorName, n.failedAt = datetime()`,
    { ids, errorName },
    { database }
  );
}

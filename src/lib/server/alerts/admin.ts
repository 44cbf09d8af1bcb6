/** What the admin notifications page shows: failed notifications and the outbox's backlog. */
import type { Driver } from 'neo4j-driver';

export interface FailedNotification {
  id: string;
  kind: string;
  mode: string;
  error: string | null;
  createdAt: string | null;
  failedAt: string | null;
}

export async function listFailedNotifications(
  driver: Driver,
  database: string,
  limit = 100
): Promise<FailedNotification[]> {
  const { records } = await driver.executeQuery(
    `MATCH (n:Notification) WHERE n.status = 'FAILED'
     RETURN n.id AS id, n.kind AS kind, n.mode AS mode, n.error AS error,
            toString(n.createdAt) AS createdAt, toString(n.failedAt) AS failedAt
     ORDER BY n.failedAt DESC LIMIT toInteger($limit)`,
    { limit },
    { database, routing: 'READ' }
  );
  return records.map((r) => ({
    id: r.get('id') as string,
    kind: r.get('kind') as string,
    mode: r.get('mode') as string,
    error: r.get('error') as string | null,
    createdAt: r.get('createdAt') as string | null,
    failedAt: r.get('failedAt') as string | null
  }));
}

export interface OutboxBacklog {
  failedNotifications: number;
  unpublishedEvents: number;
  /** Age in seconds of the oldest outbox event not yet published to Redis, or null. */
  oldestUnpublishedSeconds: number | null;
}

export async function outboxBacklog(driver: Driver, database: string): Promise<OutboxBacklog> {
  const { records } = await driver.executeQuery(
    `CALL () {
       MATCH (e:Event) WHERE e.publishedAt IS NULL AND e.outbox = true
       RETURN count(e) AS unpublished, min(e.createdAt) AS oldest
     }
     CALL () {
       MATCH (n:Notification) WHERE n.status = 'FAILED' RETURN count(n) AS failed
     }
     RETURN unpublished, failed,
       CASE WHEN oldest IS NULL THEN null
            ELSE duration.inSeconds(oldest, datetime()).seconds END AS oldestSeconds`,
    {},
    { database, routing: 'READ' }
  );
  const r = records[0];
  return {
    failedNotifications: Number(r?.get('failed') ?? 0),
    unpublishedEvents: Number(r?.get('unpublished') ?? 0),
    oldestUnpublishedSeconds:
      r?.get('oldestSeconds') == null ? null : Number(r.get('oldestSeconds'))
  };
}

export type RetryTarget =
  { queue: 'send-email'; jobId: string } | { queue: 'send-digest'; jobId: string };

/**
 * Makes a FAILED notification pending again and says which job to re-add: its own email job, or
 * the digest batch it belongs to (the whole batch is retried, with the same key).
 */
export async function prepareRetry(
  driver: Driver,
  database: string,
  notificationId: string
): Promise<RetryTarget | null> {
  const { records } = await driver.executeQuery(
    `MATCH (n:Notification {id: $id}) WHERE n.status = 'FAILED' AND n.sentAt IS NULL
     SET n.status = 'PENDING', n.error = null, n.retriedAt = datetime()
     WITH n
     OPTIONAL MATCH (d:Digest {id: n.digestId})
     FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | SET d.status = 'PENDING', d.error = null)
     WITH n, d,
       COLLECT { MATCH (o:Notification {digestId: d.id}) WHERE o.status = 'FAILED' RETURN o } AS others
     FOREACH (o IN others | SET o.status = 'PENDING', o.error = null)
     RETURN n.mode AS mode, d.batchId AS batchId`,
    { id: notificationId },
    { database }
  );
  const r = records[0];
  if (!r) return null;
  const batchId = r.get('batchId') as string | null;
  if (batchId) return { queue: 'send-digest', jobId: batchId };
  return { queue: 'send-email', jobId: notificationId };
}

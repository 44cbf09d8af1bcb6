/**
 * Daily digests. `collectDigests` (every 15 minutes) finds the people whose 07:00 has passed since
 * their last digest and who have pending DIGEST notifications, gathers those into one Digest per
 * person and day (id `digest.<recipientId>.<localDate>`), and groups the digests into batches of
 * at most 100 (one Resend batch call each). Membership of a digest and of a batch is written
 * before anything is sent, so a retried batch is the same batch: same emails, same keys.
 */
import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { digestDue } from './local-time.ts';
import { validTimeZone } from './preferences.ts';

export const DIGEST_BATCH_SIZE = 100;

const CANDIDATES = `
MATCH (n:Notification)
WHERE n.mode = 'DIGEST' AND n.status = 'PENDING' AND n.digestId IS NULL
  AND ($only IS NULL OR n.recipientId IN $only)
WITH DISTINCT n.recipientId AS recipientId
MATCH (p:Practitioner {id: recipientId})
RETURN p.id AS id, p.timeZone AS timeZone, toString(p.lastDigestAt) AS lastDigestAt`;

/** Gathers one person's pending notifications into their digest; skips what they may no longer see. */
const GATHER = `
UNWIND $due AS due
MATCH (p:Practitioner {id: due.recipientId})
WHERE p.lastDigestAt IS NULL OR p.lastDigestAt < datetime(due.now)
MATCH (n:Notification {recipientId: p.id})
WHERE n.mode = 'DIGEST' AND n.status = 'PENDING' AND n.digestId IS NULL
  AND n.createdAt <= datetime(due.now)
WITH p, due, n,
  coalesce(p.status, 'ACTIVE') = 'ACTIVE' AND coalesce(p.email, '') <> ''
  AND EXISTS { MATCH (p)-[m:MEMBER_OF]->(:Client {id: n.clientId}) WHERE m.until IS NULL } AS deliverable
FOREACH (_ IN CASE WHEN deliverable THEN [] ELSE [1] END |
  SET n.status = 'SKIPPED', n.error = 'no-longer-a-member')
WITH p, due, collect(CASE WHEN deliverable THEN n END) AS items
SET p.lastDigestAt = datetime(due.now)
WITH p, due, items WHERE size(items) > 0
MERGE (d:Digest {id: due.digestId})
  ON CREATE SET d.recipientId = p.id, d.localDate = due.localDate, d.status = 'PENDING',
    d.createdAt = datetime()
FOREACH (n IN items | SET n.digestId = d.id)
RETURN d.id AS id ORDER BY id`;

const ASSIGN_BATCHES = `
UNWIND $batches AS b
UNWIND b.digestIds AS digestId
MATCH (d:Digest {id: digestId}) WHERE d.batchId IS NULL
SET d.batchId = b.batchId`;

/** Batches with digests still to send: enqueued again each run (job ids make that harmless). */
const PENDING_BATCHES = `
MATCH (d:Digest) WHERE d.status = 'PENDING' AND d.batchId IS NOT NULL
RETURN DISTINCT d.batchId AS batchId`;

export interface CollectResult {
  digests: number;
  /** Every batch with digests still to send, new or left over from a crash. */
  batchIds: string[];
}

/** `only` limits the run to some recipients (a benchmark sharing a database with real users). */
export async function collectDigests(
  driver: Driver,
  database: string,
  now: Date = new Date(),
  only: string[] | null = null
): Promise<CollectResult> {
  const { records } = await driver.executeQuery(
    CANDIDATES,
    { only },
    { database, routing: 'READ' }
  );
  const due = records.flatMap((r) => {
    const recipientId = r.get('id') as string;
    const last = r.get('lastDigestAt') as string | null;
    const localDate = digestDue(
      now,
      validTimeZone(r.get('timeZone')),
      last ? new Date(last) : null
    );
    return localDate
      ? [
          {
            recipientId,
            localDate,
            digestId: `digest.${recipientId}.${localDate}`,
            now: now.toISOString()
          }
        ]
      : [];
  });
  let created: string[] = [];
  if (due.length > 0) {
    const session = driver.session({ database });
    try {
      created = await session.executeWrite(async (tx) => {
        const gathered = await tx.run(GATHER, { due });
        const ids = gathered.records.map((r) => r.get('id') as string);
        const batches: { batchId: string; digestIds: string[] }[] = [];
        for (let i = 0; i < ids.length; i += DIGEST_BATCH_SIZE) {
          batches.push({
            batchId: `digests.${randomUUID()}`,
            digestIds: ids.slice(i, i + DIGEST_BATCH_SIZE)
          });
        }
        if (batches.length > 0) await tx.run(ASSIGN_BATCHES, { batches });
        return ids;
      });
    } finally {
      await session.close();
    }
  }
  const pending = await driver.executeQuery(PENDING_BATCHES, {}, { database, routing: 'READ' });
  return {
    digests: created.length,
    batchIds: pending.records.map((r) => r.get('batchId') as string)
  };
}

export interface DigestToSend {
  digestId: string;
  recipientId: string;
  notificationIds: string[];
}

/** The batch's unsent digests, in a fixed order so a retry sends exactly the same batch. */
export async function loadDigestBatch(
  driver: Driver,
  database: string,
  batchId: string
): Promise<DigestToSend[]> {
  const { records } = await driver.executeQuery(
    `MATCH (d:Digest {batchId: $batchId}) WHERE d.status = 'PENDING'
     MATCH (n:Notification {digestId: d.id})
     WITH d, n ORDER BY n.createdAt, n.id
     RETURN d.id AS digestId, d.recipientId AS recipientId, collect(n.id) AS notificationIds
     ORDER BY digestId`,
    { batchId },
    { database, routing: 'READ' }
  );
  return records.map((r) => ({
    digestId: r.get('digestId') as string,
    recipientId: r.get('recipientId') as string,
    notificationIds: r.get('notificationIds') as string[]
  }));
}

export async function markDigestsSent(
  driver: Driver,
  database: string,
  sent: { digestId: string; providerId: string }[]
): Promise<void> {
  if (sent.length === 0) return;
  await driver.executeQuery(
    `UNWIND $sent AS s
     MATCH (d:Digest {id: s.digestId})
     SET d.status = 'SENT', d.sentAt = coalesce(d.sentAt, datetime()), d.providerId = s.providerId
     WITH d, s
     MATCH (n:Notification {digestId: d.id})
     SET n.status = 'SENT', n.sentAt = coalesce(n.sentAt, datetime()), n.providerId = s.providerId`,
    { sent },
    { database }
  );
}

export async function markDigestsFailed(
  driver: Driver,
  database: string,
  digestIds: string[],
  errorName: string
): Promise<void> {
  if (digestIds.length === 0) return;
  await driver.executeQuery(
    `UNWIND $digestIds AS id
     MATCH (d:Digest {id: id}) WHERE d.status = 'PENDING'
     SET d.status = 'FAILED', d.error = $errorName
     WITH d
     MATCH (n:Notification {digestId: d.id})
     SET n.status = 'FAILED', n.error = $errorName, n.failedAt = datetime()`,
    { digestIds, errorName },
    { database }
  );
}

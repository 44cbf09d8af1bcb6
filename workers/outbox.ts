/**
 * The transactional outbox: commands write an Event in their Neo4j transaction; after commit the
 * event is published as a BullMQ job whose id is the event id (so publishing twice is harmless).
 * The sweeper republishes events that never reached Redis (process or Redis died in between).
 */
import type { Queue } from 'bullmq';
import type { Driver } from 'neo4j-driver';
import { jobId } from './catalogue.ts';

export const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 }
} as const;

export async function publishEvents(
  driver: Driver,
  database: string,
  events: Queue,
  eventIds: string[]
): Promise<void> {
  if (eventIds.length === 0) return;
  await events.addBulk(
    eventIds.map((eventId) => ({
      name: 'fan-out',
      data: { eventId },
      opts: { ...JOB_OPTIONS, jobId: jobId(eventId) }
    }))
  );
  await driver.executeQuery(
    'UNWIND $ids AS id MATCH (e:Event {id: id}) WHERE e.publishedAt IS NULL SET e.publishedAt = datetime()',
    { ids: eventIds },
    { database }
  );
}

/** Events older than `graceSeconds` that were never published; the grace avoids racing a live command. */
export async function sweepOutbox(
  driver: Driver,
  database: string,
  events: Queue,
  graceSeconds = 15,
  limit = 1000
): Promise<number> {
  const { records } = await driver.executeQuery(
    `MATCH (e:Event) WHERE e.publishedAt IS NULL AND e.outbox = true
       AND e.createdAt < datetime() - duration({seconds: $grace})
     RETURN e.id AS id ORDER BY e.createdAt LIMIT toInteger($limit)`,
    { grace: graceSeconds, limit },
    { database, routing: 'READ' }
  );
  const ids = records.map((r) => r.get('id') as string);
  await publishEvents(driver, database, events, ids);
  return ids.length;
}

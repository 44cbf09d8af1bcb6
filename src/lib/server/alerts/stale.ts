/**
 * Stale memberships: a current membership not confirmed (or, never confirmed, begun) for 6 months
 * is marked `stale` and gets one 'membership.stale' outbox event, at most once per membership per
 * 6 months (`staleNotifiedAt`). The event's subject is the member; nobody is its actor.
 * The caller publishes the returned event ids (workers/outbox.ts) after this commits.
 */
import type { Driver } from 'neo4j-driver';

const MARK = `
MATCH (p:Practitioner)-[m:MEMBER_OF]->(c:Client)
WHERE m.until IS NULL
  AND coalesce(m.lastConfirmedAt, m.since) < datetime($now) - duration({months: 6})
  AND (m.staleNotifiedAt IS NULL OR m.staleNotifiedAt < datetime($now) - duration({months: 6}))
WITH p, m, c LIMIT toInteger($limit)
SET m.stale = true, m.staleNotifiedAt = datetime($now)
CREATE (e:Event {id: randomUUID(), type: 'membership.stale', clientId: c.id, subjectId: p.id,
  data: '{}', createdAt: datetime(), outbox: true})
RETURN e.id AS id`;

/** Marks up to `limit` memberships per transaction until none are left; returns the new event ids. */
export async function markStaleMemberships(
  driver: Driver,
  database: string,
  now: Date = new Date(),
  limit = 500
): Promise<string[]> {
  const all: string[] = [];
  for (;;) {
    const { records } = await driver.executeQuery(
      MARK,
      { now: now.toISOString(), limit },
      { database }
    );
    const ids = records.map((r) => r.get('id') as string);
    all.push(...ids);
    if (ids.length < limit) return all;
  }
}

/**
 * How many open attentions on the viewer's current teams wait for them: raised by someone else
 * and not yet acknowledged. The main navigation shows it beside "Attentions" on every page, so it
 * is a count only (nothing about which client) and one indexed read.
 */
import { database, getDriver } from '../db/neo4j.ts';

const WAITING = `
MATCH (me:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c:Client)
WHERE m.until IS NULL
WITH DISTINCT me, c
MATCH (at:Attention)-[:ABOUT]->(c)
WHERE at.resolvedAt IS NULL
  AND NOT EXISTS { MATCH (me)-[:RAISED]->(at) }
  AND NOT EXISTS { MATCH (me)-[:ACKNOWLEDGED]->(at) }
RETURN count(DISTINCT at) AS waiting`;

export async function waitingAttentions(viewerId: string): Promise<number> {
  const { records } = await getDriver().executeQuery(
    WAITING,
    { viewerId },
    { database: database(), routing: 'READ' }
  );
  return Number(records[0]?.get('waiting') ?? 0);
}

/**
 * "My attentions": open attentions across the teams the viewer is currently in, the ones they
 * have not acknowledged first, then urgent first, newest first. Raisers are masked as on the
 * team page.
 */
import type { Driver } from 'neo4j-driver';
import { personView, type PersonView } from './attention-board.ts';

export interface InboxItem {
  id: string;
  message: string;
  priority: 'NORMAL' | 'URGENT';
  createdAt: string;
  client: { id: string; givenName: string; familyName: string };
  raisedBy: PersonView | null;
  raisedByViewer: boolean;
  acknowledgedByViewer: boolean;
}

const INBOX = `
MATCH (me:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c:Client)
WHERE m.until IS NULL
WITH DISTINCT me, c
MATCH (at:Attention)-[:ABOUT]->(c)
WHERE at.resolvedAt IS NULL
OPTIONAL MATCH (rp:Practitioner)-[:RAISED]->(at)
OPTIONAL MATCH (rp)-[:WORKS_AT]->(ra:Agency)
WITH me, c, at, rp, head(collect(ra)) AS ra
WITH me, c, at, rp, ra,
  coalesce(rp.id = me.id, false) AS raisedByViewer,
  EXISTS { MATCH (me)-[:ACKNOWLEDGED]->(at) } AS acknowledged
RETURN at.id AS id, at.message AS message, at.priority AS priority, toString(at.createdAt) AS createdAt,
  c.id AS clientId, c.givenName AS givenName, c.familyName AS familyName,
  CASE
    WHEN rp IS NULL THEN null
    // Rule 3: a masked raiser carries nothing that narrows the service down.
    WHEN EXISTS { MATCH (rp)-[pm:MEMBER_OF]->(c) WHERE pm.restricted } AND NOT raisedByViewer
      THEN {masked: true, name: null, agency: null, dutyPhone: null, isViewer: false}
    ELSE {masked: false, name: rp.name, agency: ra.name, dutyPhone: null, isViewer: raisedByViewer}
  END AS raisedBy,
  raisedByViewer, acknowledged
ORDER BY acknowledged OR raisedByViewer, at.priority = 'URGENT' DESC, at.createdAt DESC
LIMIT toInteger($limit)`;

export async function myAttentions(
  driver: Driver,
  database: string,
  viewerId: string,
  limit = 200
): Promise<InboxItem[]> {
  const { records } = await driver.executeQuery(
    INBOX,
    { viewerId, limit },
    { database, routing: 'READ' }
  );
  return records.map((r) => ({
    id: r.get('id') as string,
    message: r.get('message') as string,
    priority: r.get('priority') === 'URGENT' ? 'URGENT' : 'NORMAL',
    createdAt: r.get('createdAt') as string,
    client: {
      id: r.get('clientId') as string,
      givenName: r.get('givenName') as string,
      familyName: r.get('familyName') as string
    },
    raisedBy: personView(r.get('raisedBy') as Parameters<typeof personView>[0]),
    raisedByViewer: r.get('raisedByViewer') as boolean,
    acknowledgedByViewer: r.get('acknowledged') as boolean
  }));
}

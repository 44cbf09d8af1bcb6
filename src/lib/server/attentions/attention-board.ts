/**
 * The attentions tab of a client's team (DESIGN.md rule 2: team members only). Non-members get
 * `forbidden` and nothing else. A restricted member who raised or acknowledged an attention is
 * "a restricted service" to everybody but themselves (rule 3). Who acknowledged is shown to the
 * practitioner who raised the attention; everybody sees how many have.
 */
import type { Driver } from 'neo4j-driver';

export interface PersonView {
  /** null when masked. */
  name: string | null;
  agency: string | null;
  masked: boolean;
  /** Always null: a masked person carries nothing that names their service (rule 3). */
  dutyPhone: null;
  isViewer: boolean;
}

export interface AttentionView {
  id: string;
  message: string;
  priority: 'NORMAL' | 'URGENT';
  createdAt: string;
  resolvedAt: string | null;
  raisedBy: PersonView | null;
  resolvedBy: PersonView | null;
  raisedByViewer: boolean;
  acknowledgedByViewer: boolean;
  acknowledgedCount: number;
  /** Current members other than the raiser: how many could acknowledge. */
  audience: number;
  /** Only for the raiser: who acknowledged, oldest first. */
  acknowledgements: (PersonView & { at: string })[] | null;
  canResolve: boolean;
}

export type AttentionBoard =
  | { status: 'not-found' }
  | { status: 'forbidden' }
  | {
      status: 'ok';
      client: { id: string; givenName: string; familyName: string };
      viewerIsLead: boolean;
      attentions: AttentionView[];
      multiAgency: { prompt: boolean; agencies: number };
    };

export const MULTI_AGENCY_DAYS = 30;
export const MULTI_AGENCY_THRESHOLD = 3;

const MEMBERSHIP = `
MATCH (c:Client {id: $clientId})
OPTIONAL MATCH (p:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c)
WHERE m.until IS NULL AND coalesce(p.status, 'ACTIVE') = 'ACTIVE'
WITH c, collect(m) AS memberships
RETURN c.givenName AS givenName, c.familyName AS familyName, size(memberships) > 0 AS member,
  any(m IN memberships WHERE coalesce(m.lead, false)) AS lead`;

/**
 * A person as the viewer may see them; `$c` is the client, `$viewerId` the viewer. A masked person
 * (a restricted member, seen by anybody else) carries nothing that narrows the service down, not
 * even its duty line (DESIGN.md rule 3): the Cypher never reads it out.
 */
const PERSON = (p: string, agency: string) => `CASE
  WHEN ${p} IS NULL THEN null
  WHEN EXISTS { MATCH (${p})-[pm:MEMBER_OF]->(c) WHERE pm.restricted } AND ${p}.id <> $viewerId
    THEN {masked: true, name: null, agency: null, dutyPhone: null, isViewer: false}
  ELSE {masked: false, name: ${p}.name, agency: ${agency}.name, dutyPhone: null,
    isViewer: ${p}.id = $viewerId}
END`;

const ATTENTIONS = `
MATCH (c:Client {id: $clientId})
MATCH (at:Attention)-[:ABOUT]->(c)
OPTIONAL MATCH (rp:Practitioner)-[:RAISED]->(at)
OPTIONAL MATCH (rp)-[:WORKS_AT]->(ra:Agency)
OPTIONAL MATCH (sp:Practitioner {id: at.resolvedById})
OPTIONAL MATCH (sp)-[:WORKS_AT]->(sa:Agency)
WITH c, at, rp, head(collect(ra)) AS ra, sp, head(collect(sa)) AS sa
// The acknowledgement list is built in its own subquery: a collect() inside the RETURN would
// make Neo4j treat the RETURN as an aggregation and refuse the ORDER BY on the attention.
CALL (c, at) {
  OPTIONAL MATCH (ap:Practitioner)-[k:ACKNOWLEDGED]->(at)
  OPTIONAL MATCH (ap)-[:WORKS_AT]->(aa:Agency)
  WITH ap, k, head(collect(aa)) AS aa
  ORDER BY k.at
  RETURN collect(CASE
    WHEN ap IS NULL THEN null
    WHEN EXISTS { MATCH (ap)-[am:MEMBER_OF]->(c) WHERE am.restricted }
      THEN {masked: true, name: null, agency: null, dutyPhone: null, isViewer: false,
        at: toString(k.at)}
    ELSE {masked: false, name: ap.name, agency: aa.name, dutyPhone: null, isViewer: false,
      at: toString(k.at)}
  END) AS acks
}
WITH c, at, rp, ra, sp, sa, acks
ORDER BY at.resolvedAt IS NULL DESC, at.priority = 'URGENT' DESC, at.createdAt DESC
LIMIT 200
RETURN at.id AS id, at.message AS message, at.priority AS priority,
  toString(at.createdAt) AS createdAt, toString(at.resolvedAt) AS resolvedAt,
  ${PERSON('rp', 'ra')} AS raisedBy,
  ${PERSON('sp', 'sa')} AS resolvedBy,
  coalesce(rp.id = $viewerId, false) AS raisedByViewer,
  EXISTS { MATCH (:Practitioner {id: $viewerId})-[:ACKNOWLEDGED]->(at) } AS acknowledgedByViewer,
  COUNT { MATCH (:Practitioner)-[:ACKNOWLEDGED]->(at) } AS acknowledgedCount,
  COUNT {
    MATCH (o:Practitioner)-[om:MEMBER_OF]->(c)
    WHERE om.until IS NULL AND coalesce(o.status, 'ACTIVE') = 'ACTIVE' AND (rp IS NULL OR o <> rp)
  } AS audience,
  CASE WHEN rp.id = $viewerId THEN acks END AS acknowledgements
`;

const MULTI_AGENCY = `
MATCH (at:Attention)-[:ABOUT]->(:Client {id: $clientId})
WHERE at.createdAt >= datetime() - duration({days: $days})
MATCH (rp:Practitioner)-[:RAISED]->(at)
// A restricted raiser's agency is not counted: the count would tell the team of one more service.
WHERE NOT EXISTS { MATCH (rp)-[rm:MEMBER_OF]->(:Client {id: $clientId}) WHERE rm.restricted }
MATCH (rp)-[:WORKS_AT]->(ag:Agency)
RETURN count(DISTINCT ag.id) AS agencies`;

interface RawPerson {
  masked: boolean;
  name: string | null;
  agency: string | null;
  dutyPhone: string | null;
  isViewer: boolean;
}

/** Strips what a masked person must not show: everything (the Cypher already did). */
export function personView(raw: RawPerson | null): PersonView | null {
  if (!raw) return null;
  if (raw.masked)
    return {
      name: null,
      agency: null,
      masked: true,
      dutyPhone: null,
      isViewer: false
    };
  return {
    name: raw.name,
    agency: raw.agency,
    masked: false,
    dutyPhone: null,
    isViewer: raw.isViewer
  };
}

/** Restricted acknowledgers are listed once, as "a restricted service": never how many (rule 3). */
function onePerMasked<T extends { masked: boolean }>(people: T[]): T[] {
  let seen = false;
  return people.filter((p) => {
    if (!p.masked) return true;
    if (seen) return false;
    seen = true;
    return true;
  });
}

export async function attentionBoard(
  driver: Driver,
  database: string,
  viewerId: string,
  clientId: string
): Promise<AttentionBoard> {
  const params = { viewerId, clientId };
  const membership = (await driver.executeQuery(MEMBERSHIP, params, { database, routing: 'READ' }))
    .records[0];
  if (!membership) return { status: 'not-found' };
  if (!membership.get('member')) return { status: 'forbidden' };
  const viewerIsLead = membership.get('lead') as boolean;
  const [list, multi] = await Promise.all([
    driver.executeQuery(ATTENTIONS, params, { database, routing: 'READ' }),
    driver.executeQuery(
      MULTI_AGENCY,
      { clientId, days: MULTI_AGENCY_DAYS },
      { database, routing: 'READ' }
    )
  ]);
  const attentions = list.records.map((r): AttentionView => {
    const raisedByViewer = r.get('raisedByViewer') as boolean;
    const resolvedAt = r.get('resolvedAt') as string | null;
    const acks = r.get('acknowledgements') as (RawPerson & { at: string })[] | null;
    return {
      id: r.get('id') as string,
      message: r.get('message') as string,
      priority: r.get('priority') === 'URGENT' ? 'URGENT' : 'NORMAL',
      createdAt: r.get('createdAt') as string,
      resolvedAt,
      raisedBy: personView(r.get('raisedBy') as RawPerson | null),
      resolvedBy: personView(r.get('resolvedBy') as RawPerson | null),
      raisedByViewer,
      acknowledgedByViewer: r.get('acknowledgedByViewer') as boolean,
      acknowledgedCount: Number(r.get('acknowledgedCount')),
      audience: Number(r.get('audience')),
      acknowledgements: acks
        ? onePerMasked(acks.map((a) => ({ ...personView(a)!, at: a.at })))
        : null,
      canResolve: resolvedAt === null && (raisedByViewer || viewerIsLead)
    };
  });
  const agencies = Number(multi.records[0]?.get('agencies') ?? 0);
  return {
    status: 'ok',
    client: {
      id: clientId,
      givenName: membership.get('givenName') as string,
      familyName: membership.get('familyName') as string
    },
    viewerIsLead,
    attentions,
    multiAgency: { prompt: agencies >= MULTI_AGENCY_THRESHOLD, agencies }
  };
}

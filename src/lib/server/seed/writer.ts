/**
 * Writes the generated data with batched UNWIND statements in managed transactions (retried by
 * the driver on transient errors) and counts what Neo4j reports it created.
 * Every row carries ids and scalars only; times go as ISO strings and become DateTime/Date in
 * Cypher. CREATE (not MERGE) is safe because seeding refuses to run on a database with clients.
 */
import type { Driver, QueryResult } from 'neo4j-driver';

export interface Statement {
  query: string;
  rows: unknown[];
}

export interface Counts {
  nodes: number;
  relationships: number;
}

export class GraphWriter {
  readonly counts: Counts = { nodes: 0, relationships: 0 };

  constructor(
    private readonly driver: Driver,
    private readonly database: string
  ) {}

  /** Runs the statements in one transaction; statements with no rows are skipped. */
  async write(statements: Statement[]): Promise<Counts> {
    const todo = statements.filter((s) => s.rows.length > 0);
    if (todo.length === 0) return { nodes: 0, relationships: 0 };
    const session = this.driver.session({ database: this.database });
    try {
      const counts = await session.executeWrite(async (tx) => {
        // Counted inside the work function so a retried attempt does not count twice.
        const c: Counts = { nodes: 0, relationships: 0 };
        for (const s of todo) {
          const result: QueryResult = await tx.run(s.query, { rows: s.rows });
          const u = result.summary.counters.updates();
          c.nodes += u.nodesCreated;
          c.relationships += u.relationshipsCreated;
        }
        return c;
      });
      this.counts.nodes += counts.nodes;
      this.counts.relationships += counts.relationships;
      return counts;
    } finally {
      await session.close();
    }
  }

  /** Splits `rows` into transactions of `size` rows. */
  async writeChunked(
    query: string,
    rows: unknown[],
    size: number,
    onChunk?: (done: number) => void
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += size) {
      await this.write([{ query, rows: rows.slice(i, i + size) }]);
      onChunk?.(Math.min(rows.length, i + size));
    }
  }
}

export const CREATE_AGENCIES = `
UNWIND $rows AS r
CREATE (a:Agency {id: r.id, name: r.name, kind: r.kind, phone: r.phone, email: r.email,
  dutyPhone: r.dutyPhone, sensitive: r.sensitive, createdAt: datetime(r.createdAt)})
WITH a, r
UNWIND r.serves AS code
MATCH (area:Area {id: code})
CREATE (a)-[:SERVES]->(area)`;

export const CREATE_PRACTITIONERS = `
UNWIND $rows AS r
MATCH (a:Agency {id: r.agencyId})
CREATE (p:Practitioner {id: r.id, name: r.name, email: r.email, phone: r.phone, jobTitle: r.jobTitle,
  status: 'ACTIVE', roles: r.roles, createdAt: datetime(r.createdAt), timeZone: r.timeZone,
  passwordHash: r.passwordHash})
CREATE (p)-[w:WORKS_AT {since: datetime(r.createdAt)}]->(a)
// Seeded staff of a sensitive agency are verified members (DESIGN.md rule 3): as if approved.
FOREACH (_ IN CASE WHEN a.sensitive THEN [1] ELSE [] END |
  SET w.verifiedAt = datetime(r.createdAt), w.verifiedById = 'seed')
WITH p, r
UNWIND r.covers AS cover
MATCH (area:Area {id: cover.code})
CREATE (p)-[:COVERS {source: cover.source}]->(area)`;

export const CREATE_LEADS = `
UNWIND $rows AS r
MATCH (p:Practitioner {id: r.id})
UNWIND r.leads AS code
MATCH (area:Area {id: code})
CREATE (p)-[:LEADS]->(area)`;

// The address is created with its client: no second lookup, and at most one per client.
export const CREATE_CLIENTS = `
UNWIND $rows AS r
MATCH (area:Area {id: r.councilCode})
CREATE (c:Client {id: r.id, givenName: r.givenName, familyName: r.familyName,
  preferredName: r.preferredName, aliases: r.aliases, aliasesText: r.aliasesText,
  dob: date(r.dob), councilCode: r.councilCode, createdAt: datetime(r.createdAt)})
CREATE (c)-[:LIVES_IN]->(area)
FOREACH (ad IN r.address |
  CREATE (c)-[:HAS_ADDRESS]->(:Address {id: ad.id, text: ad.text,
    withheldForSafety: ad.withheldForSafety, withheldById: ad.withheldById,
    updatedAt: datetime(ad.updatedAt)}))`;

export const CREATE_MEMBERSHIPS = `
UNWIND $rows AS r
MATCH (p:Practitioner {id: r.p})
MATCH (c:Client {id: r.c})
CREATE (p)-[:MEMBER_OF {since: datetime(r.since), until: datetime(r.until), reason: r.reason,
  restricted: r.restricted, lead: r.lead, lastConfirmedAt: datetime(r.lastConfirmedAt),
  leadSince: CASE WHEN r.lead THEN datetime(r.since) END}]->(c)`;

export const CREATE_CIRCLE = `
UNWIND $rows AS r
MATCH (a:Client {id: r.a})
MATCH (b:Client {id: r.b})
CREATE (a)-[:IN_CIRCLE {kind: r.kind, label: r.label, reciprocal: r.reciprocal,
  since: datetime(r.since), addedBy: r.addedBy}]->(b)`;

export const CREATE_ATTENTIONS = `
UNWIND $rows AS r
MATCH (c:Client {id: r.clientId})
MATCH (p:Practitioner {id: r.raisedBy})
CREATE (p)-[:RAISED]->(t:Attention {id: r.id, message: r.message, priority: r.priority,
  createdAt: datetime(r.createdAt), resolvedAt: datetime(r.resolvedAt)})-[:ABOUT]->(c)
WITH t, r
UNWIND r.acks AS ack
MATCH (q:Practitioner {id: ack.p})
CREATE (q)-[:ACKNOWLEDGED {at: datetime(ack.at)}]->(t)`;

export const CREATE_AUTO_COVERS = `
UNWIND $rows AS r
MATCH (p:Practitioner {id: r.p})
UNWIND r.codes AS code
MATCH (area:Area {id: code})
CREATE (p)-[:COVERS {source: 'AUTO'}]->(area)`;

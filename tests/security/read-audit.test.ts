/**
 * Attack (issue 14, hole 6): read a team over /graphql — with a session or an API token, as the
 * graph explorer does — and leave no trace. Rule 5 says every view of a team and every refusal is
 * recorded; these tests read the way an integration or a curious practitioner would and then look
 * for the record in the audit trail itself.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  FIXTURE_PASSWORD,
  createAccountsFixture,
  removeAccountsFixture,
  run,
  type AccountsFixture
} from '../integration/accounts-fixtures.ts';
import { createApiToken } from '../../src/lib/server/accounts/api-tokens.service.ts';
import { closeTestDriver } from '../support/db.ts';
import { get, postGraphQL, signIn } from '../support/http.ts';

interface AuditRow {
  type: string;
  readKind: string | null;
  data: string;
}

async function auditOf(actorId: string, clientId: string): Promise<AuditRow[]> {
  const rows = await run(
    `MATCH (e:Event:Audit {clientId: $clientId}) WHERE e.actorId = $actorId
     RETURN e.type AS type, e.readKind AS readKind, e.data AS data ORDER BY e.createdAt`,
    { actorId, clientId }
  );
  return rows as unknown as AuditRow[];
}

async function forgetAudit(actorId: string): Promise<void> {
  await run('MATCH (e:Event:Audit {actorId: $actorId}) DETACH DELETE e', { actorId });
}

describe('attack: reading a team through /graphql leaves no record', () => {
  const baseUrl = inject('baseUrl');
  let fx: AccountsFixture;
  let memberCookie: string;
  let outsiderCookie: string;

  beforeAll(async () => {
    fx = await createAccountsFixture();
    memberCookie = await signIn(baseUrl, fx.member.email, FIXTURE_PASSWORD);
    outsiderCookie = await signIn(baseUrl, fx.outsider.email, FIXTURE_PASSWORD);
  });

  afterAll(async () => {
    await removeAccountsFixture(fx);
    await closeTestDriver();
  });

  const gql = (cookie: string, query: string, variables: Record<string, unknown> = {}) =>
    postGraphQL(baseUrl, { query, variables }, { cookie });

  it('a member reading team, circle and address over /graphql is recorded, once per kind', async () => {
    await forgetAudit(fx.member.id);
    const query = `{ myClients { id team { name } circle { clientId } address { text } } }`;
    const first = await gql(memberCookie, query);
    expect(first.status).toBe(200);
    expect(first.body).toContain(fx.member.name);
    // Reloading at once is the same look: the trail stays readable.
    await gql(memberCookie, query);
    const types = (await auditOf(fx.member.id, fx.client.id)).map((r) => r.type).sort();
    expect(types).toEqual(['address.viewed', 'circle.viewed', 'team.viewed']);
  });

  it('the explorer’s neighbourhood read with an API token is recorded as a graph view', async () => {
    await forgetAudit(fx.member.id);
    const created = await createApiToken(fx.member.id, 'read-audit attack');
    if (!created.ok) throw new Error(created.message);
    const { token } = created;
    const r = await postGraphQL(
      baseUrl,
      { query: `{ neighbourhood(clientId: "${fx.client.id}") { centreId depth } }` },
      { authorization: `Bearer ${token}` }
    );
    expect(r.status, r.body).toBe(200);
    expect(r.body).not.toMatch(/"errors"/);
    const rows = await auditOf(fx.member.id, fx.client.id);
    expect(rows.map((x) => x.type)).toEqual(['graph.viewed']);
    expect(JSON.parse(rows[0]!.data)).toMatchObject({
      via: 'Query.neighbourhood',
      kind: 'graph.viewed',
      depth: 1
    });
  });

  it('an outsider probing the timeline and meeting candidates is recorded as refused', async () => {
    await forgetAudit(fx.outsider.id);
    // Probing twice: each field's refusal is recorded once within the window.
    for (const round of [1, 2]) {
      for (const field of ['clientTimeline', 'meetingCandidates']) {
        const query = `{ ${field}(clientId: "${fx.client.id}") { __typename } }`;
        const r = await gql(outsiderCookie, query);
        expect(r.status, `${field} ${round}`).toBe(200);
        expect(r.body, field).not.toContain(fx.member.name);
      }
    }
    const rows = await auditOf(fx.outsider.id, fx.client.id);
    expect(rows.map((x) => x.type)).toEqual(['access.denied', 'access.denied']);
    const via = rows.map((x) => (JSON.parse(x.data) as { via: string }).via).sort();
    expect(via).toEqual(['Query.clientTimeline', 'Query.meetingCandidates']);
    expect(rows.every((x) => x.readKind === 'team.viewed')).toBe(true);
  });

  it('a refusal is recorded even after the same person viewed it as a member', async () => {
    await forgetAudit(fx.outsider.id);
    await run(
      `MATCH (p:Practitioner {id: $p}), (k:Client {id: $k})
       CREATE (p)-[:MEMBER_OF {since: datetime(), until: null, reason: 'fixture', restricted: false,
         lead: false}]->(k)`,
      { p: fx.outsider.id, k: fx.client.id }
    );
    await gql(outsiderCookie, `{ clientTimeline(clientId: "${fx.client.id}") { kind } }`);
    await run(
      `MATCH (:Practitioner {id: $p})-[m:MEMBER_OF]->(:Client {id: $k}) SET m.until = datetime()`,
      { p: fx.outsider.id, k: fx.client.id }
    );
    await gql(outsiderCookie, `{ clientTimeline(clientId: "${fx.client.id}") { kind } }`);
    const types = (await auditOf(fx.outsider.id, fx.client.id)).map((r) => r.type);
    expect(types).toEqual(['team.viewed', 'access.denied']);
    await run(`MATCH (:Practitioner {id: $p})-[m:MEMBER_OF]->(:Client {id: $k}) DELETE m`, {
      p: fx.outsider.id,
      k: fx.client.id
    });
  });

  it('selecting the team without the client id (to dodge the record) is refused', async () => {
    for (const query of [
      `{ myClients { team { name } } }`,
      `{ myClients { x: id address { text } } }`,
      `{ myClients { ...F } } fragment F on Client { circle { clientId } }`
    ]) {
      const r = await gql(memberCookie, query);
      expect(r.body, query).toContain('GRAPHQL_VALIDATION_FAILED');
      expect(r.body, query).not.toContain(fx.member.name);
    }
    const ok = await gql(
      memberCookie,
      `{ myClients { ...F } } fragment F on Client { id team { name } }`
    );
    expect(ok.body).toContain(fx.member.name);
  });

  it('the team page records exactly one view per look, through the same code', async () => {
    await forgetAudit(fx.member.id);
    const page = await get(baseUrl, `/clients/${fx.client.id}`, memberCookie);
    expect(page.status).toBe(200);
    const types = (await auditOf(fx.member.id, fx.client.id)).map((r) => r.type);
    expect(types.filter((t) => t === 'team.viewed')).toHaveLength(1);
  });
});

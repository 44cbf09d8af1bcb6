/**
 * DESIGN.md rules 2-4 as the GraphQL API enforces them, against a real Neo4j, through
 * executeGraphQL (the same Apollo Server, schema and rules as /graphql).
 *
 * Fixtures (all ids unique to this run, deleted afterwards): council area; agency AG and sensitive
 * agency SA; practitioners A (member, withheld the address), B (not a member; a former one),
 * E (member), L (lead professional), R (restricted member from SA); client C with aliases, an
 * address withheld by A, attentions from A and R, events by A and R; D in C's circle (D's mother),
 * whose team has B (AG) and R (restricted).
 *
 * Decisions checked here: lists (aliases, team, circle, attentions, activity) come back empty to a
 * non-member; the address, asked for directly, is FORBIDDEN to a non-member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, closeTestDriver, testDatabase, testDriver, uniqueId } from '../support/db.ts';
import { GraphQLOperationError, executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import type { Viewer } from '../../src/lib/server/graphql/viewer.ts';

const id = {
  area: uniqueId('area'),
  ag: uniqueId('agency'),
  sa: uniqueId('agency'),
  a: uniqueId('prac'),
  b: uniqueId('prac'),
  e: uniqueId('prac'),
  l: uniqueId('prac'),
  r: uniqueId('prac'),
  c: uniqueId('client'),
  d: uniqueId('client'),
  address: uniqueId('address'),
  attA: uniqueId('attention'),
  attR: uniqueId('attention'),
  evA: uniqueId('event'),
  evR: uniqueId('event'),
  evView: uniqueId('event'),
  evDenied: uniqueId('event')
};
const tag = id.c.slice(-12);
const R_NAME = `Rita Restricted ${tag}`;
const R_EMAIL = `rita-${tag}@refuge.example`;
const SA_NAME = `Safe Haven DV Service ${tag}`;
const SA_DUTY = '1800 000 111';
const AG_NAME = `Northside Child Protection ${tag}`;
const ADDRESS = `12 Hidden Lane ${tag}`;
const ALIAS = `Jay-${tag}`;

const viewer = (practitionerId: string): Viewer => ({
  id: practitionerId,
  roles: ['practitioner']
});
const A = viewer(id.a);
const B = viewer(id.b);
const E = viewer(id.e);
const L = viewer(id.l);
const R = viewer(id.r);

const FIXTURES = `
CREATE (area:Area {id: $id.area, code: $id.area, name: 'Test Council ' + $tag, level: 'COUNCIL', country: 'AU', state: 'AU-NSW'})
CREATE (ag:Agency {id: $id.ag, name: $agName, kind: 'CHILD_PROTECTION', phone: '02 9000 0000', dutyPhone: '02 9000 0001', sensitive: false})
CREATE (sa:Agency {id: $id.sa, name: $saName, kind: 'DOMESTIC_VIOLENCE', phone: '02 9111 0000', dutyPhone: $saDuty, sensitive: true})
CREATE (ag)-[:SERVES]->(area), (sa)-[:SERVES]->(area)
WITH area, ag, sa
UNWIND [
  {id: $id.a, name: 'Alex Member ' + $tag, agency: 'ag'},
  {id: $id.b, name: 'Bo Outsider ' + $tag, agency: 'ag'},
  {id: $id.e, name: 'Eve Member ' + $tag, agency: 'ag'},
  {id: $id.l, name: 'Lee Lead ' + $tag, agency: 'ag'},
  {id: $id.r, name: $rName, agency: 'sa'}
] AS p
CREATE (n:Practitioner {id: p.id, name: p.name, email: CASE WHEN p.id = $id.r THEN $rEmail ELSE p.id + '@example.test' END,
  phone: '0400 000 000', jobTitle: 'Worker', status: 'ACTIVE', roles: ['practitioner'], passwordHash: 'not-a-hash'})
WITH area, ag, sa, n, CASE p.agency WHEN 'sa' THEN sa ELSE ag END AS employer
CREATE (n)-[:WORKS_AT {since: datetime()}]->(employer)
CREATE (n)-[:COVERS {source: 'PROFILE'}]->(area)
WITH area, count(*) AS made
MATCH (a:Practitioner {id: $id.a}), (b:Practitioner {id: $id.b}), (e:Practitioner {id: $id.e}),
      (l:Practitioner {id: $id.l}), (r:Practitioner {id: $id.r})
CREATE (c:Client {id: $id.c, givenName: 'Casey', familyName: 'Client' + $tag, preferredName: 'Case',
  aliases: [$alias], aliasesText: $alias, dob: date('2015-03-04'), councilCode: $id.area, createdAt: datetime()})
CREATE (d:Client {id: $id.d, givenName: 'Dana', familyName: 'Client' + $tag, dob: date('1990-01-02'),
  councilCode: $id.area, createdAt: datetime()})
CREATE (c)-[:LIVES_IN]->(area), (d)-[:LIVES_IN]->(area)
CREATE (d)-[:IN_CIRCLE {kind: 'FAMILY', label: 'mother', reciprocal: 'son', since: datetime(), addedBy: $id.a}]->(c)
CREATE (a)-[:MEMBER_OF {since: datetime() - duration('P30D'), until: null, reason: 'allocated', restricted: false, lead: false}]->(c)
CREATE (e)-[:MEMBER_OF {since: datetime() - duration('P20D'), reason: 'school', restricted: false, lead: false}]->(c)
CREATE (l)-[:MEMBER_OF {since: datetime() - duration('P40D'), reason: 'lead', restricted: false, lead: true}]->(c)
CREATE (r)-[:MEMBER_OF {since: datetime() - duration('P10D'), reason: 'dv', restricted: true, lead: false}]->(c)
CREATE (b)-[:MEMBER_OF {since: datetime() - duration('P90D'), until: datetime() - duration('P60D'), reason: 'old', restricted: false, lead: false}]->(c)
CREATE (b)-[:MEMBER_OF {since: datetime(), reason: 'mum', restricted: false, lead: false}]->(d)
CREATE (r)-[:MEMBER_OF {since: datetime(), reason: 'mum', restricted: true, lead: false}]->(d)
CREATE (c)-[:HAS_ADDRESS]->(:Address {id: $id.address, text: $address, withheldForSafety: true, withheldById: $id.a, updatedAt: datetime()})
CREATE (a)-[:RAISED]->(:Attention {id: $id.attA, message: 'Court date moved', priority: 'NORMAL', createdAt: datetime() - duration('P1D')})-[:ABOUT]->(c)
CREATE (r)-[:RAISED]->(:Attention {id: $id.attR, message: 'Do not disclose location', priority: 'URGENT', createdAt: datetime()})-[:ABOUT]->(c)
CREATE (:Event {id: $id.evA, type: 'team.joined', actorId: $id.a, clientId: $id.c, data: '{}', createdAt: datetime() - duration('P30D')})
CREATE (:Event {id: $id.evR, type: 'team.joined', actorId: $id.r, clientId: $id.c, subjectId: $id.r, data: '{}', createdAt: datetime() - duration('P10D')})
CREATE (:Event:Audit {id: $id.evView, type: 'team.viewed', actorId: $id.e, clientId: $id.c, data: '{}', createdAt: datetime() - duration('PT1H')})
CREATE (:Event:Audit {id: $id.evDenied, type: 'access.denied', actorId: $id.b, clientId: $id.c, data: '{}', createdAt: datetime() - duration('PT2H')})
`;

const MEMBER_FIELDS = `masked restricted lead isViewer dutyPhone practitionerId name jobTitle phone email agencyId agencyName agencyKind since`;
const CLIENT_QUERY = `query Client($id: ID!) {
  client(id: $id) {
    id givenName familyName preferredName dob councilCode
    council { code name }
    aliases viewerIsMember
    viewerMembership { restricted lead }
    team { ${MEMBER_FIELDS} }
    circle { clientId givenName familyName kind label viewerIsMember agencies }
    attentions { id message priority acknowledgedByViewer raisedBy { ${MEMBER_FIELDS} } }
    activity { id type actor { ${MEMBER_FIELDS} } }
  }
}`;
const ADDRESS_QUERY = `query Address($id: ID!) {
  client(id: $id) {
    id
    address { visible text withheldForSafety withheldBy { ${MEMBER_FIELDS} } }
  }
}`;

interface Member {
  masked: boolean;
  restricted: boolean;
  lead: boolean;
  isViewer: boolean;
  dutyPhone: string | null;
  practitionerId: string | null;
  name: string | null;
  email: string | null;
  agencyName: string | null;
}
interface ClientResult {
  clients: {
    id: string;
    givenName: string;
    familyName: string;
    preferredName: string | null;
    dob: string;
    councilCode: string;
    council: { code: string } | null;
    aliases: string[];
    viewerIsMember: boolean;
    viewerMembership: { restricted: boolean; lead: boolean } | null;
    team: Member[];
    circle: {
      clientId: string;
      kind: string;
      label: string;
      viewerIsMember: boolean;
      agencies: string[];
    }[];
    attentions: { id: string; message: string; raisedBy: Member | null }[];
    activity: { id: string; type: string; actor: Member | null }[];
  }[];
}
interface AddressResult {
  clients: {
    id: string;
    address: {
      visible: boolean;
      text: string | null;
      withheldForSafety: boolean;
      withheldBy: Member | null;
    } | null;
  }[];
}

/** Query.client's answer as a list of at most one, the shape the assertions below were written for. */
const listOf = <T>(answer: { client: T | null }): { clients: T[] } => ({
  clients: answer.client ? [answer.client] : []
});
const readClient = async (who: Viewer): Promise<ClientResult> =>
  listOf(
    await executeGraphQL<{ client: ClientResult['clients'][number] | null }>(who, CLIENT_QUERY, {
      id: id.c
    })
  );
const readAddress = async (who: Viewer, clientId: string = id.c): Promise<AddressResult> =>
  listOf(
    await executeGraphQL<{ client: AddressResult['clients'][number] | null }>(who, ADDRESS_QUERY, {
      id: clientId
    })
  );

async function errorOf(promise: Promise<unknown>): Promise<GraphQLOperationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(GraphQLOperationError);
  return error as GraphQLOperationError;
}

/** Nothing that would identify R (or their agency) may reach anybody else. */
function expectNoRestrictedDetails(response: unknown): void {
  const text = JSON.stringify(response);
  for (const secret of [R_NAME, R_EMAIL, SA_NAME, SA_DUTY, id.r, id.sa]) {
    expect(text).not.toContain(secret);
  }
}

beforeAll(async () => {
  await testDriver().executeQuery(
    FIXTURES,
    {
      id,
      tag,
      rName: R_NAME,
      rEmail: R_EMAIL,
      saName: SA_NAME,
      saDuty: SA_DUTY,
      agName: AG_NAME,
      address: ADDRESS,
      alias: ALIAS
    },
    { database: testDatabase() }
  );
});

afterAll(async () => {
  await cleanup(Object.values(id));
  await closeTestDriver();
});

describe('anonymous', () => {
  it('gets UNAUTHENTICATED and no data, for clients and reference data alike', async () => {
    const error = await errorOf(executeGraphQL(null, CLIENT_QUERY, { id: id.c }));
    expect(error.code).toBe('UNAUTHENTICATED');
    // Query.client is nullable: the refused field is null, and nothing else is answered.
    expect(error.data).toEqual({ client: null });
    const areas = await errorOf(executeGraphQL(null, '{ areas(limit: 1) { id } }'));
    expect(areas.code).toBe('UNAUTHENTICATED');
    const practitioners = await errorOf(executeGraphQL(null, '{ practitioners(limit: 1) { id } }'));
    expect(practitioners.code).toBe('UNAUTHENTICATED');
  });
});

describe('a signed-in non-member (B, a former member)', () => {
  it('finds the client by id: names, date of birth and council area only', async () => {
    const result = await readClient(B);
    expect(result.clients).toHaveLength(1);
    const client = result.clients[0]!;
    expect(client).toMatchObject({
      id: id.c,
      givenName: 'Casey',
      familyName: `Client${tag}`,
      preferredName: 'Case',
      dob: '2015-03-04',
      councilCode: id.area,
      council: { code: id.area },
      viewerIsMember: false,
      viewerMembership: null
    });
    // Need to know: lists are filtered to nothing rather than failing the whole page.
    expect(client.aliases).toEqual([]);
    expect(client.team).toEqual([]);
    expect(client.circle).toEqual([]);
    expect(client.attentions).toEqual([]);
    expect(client.activity).toEqual([]);
    const text = JSON.stringify(result);
    expect(text).not.toContain(ALIAS);
    expect(text).not.toContain(ADDRESS);
    expectNoRestrictedDetails(result);
  });

  it('is FORBIDDEN the address, and learns nothing of it', async () => {
    const error = await errorOf(readAddress(B));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('Forbidden');
    expect(JSON.stringify({ data: error.data, errors: error.errors })).not.toContain(ADDRESS);
  });

  it('cannot list or filter clients at all: there is no root that pages through them', async () => {
    const error = await errorOf(
      executeGraphQL(
        B,
        `query Mine($ids: [ID!]!) { clients(where: { id: { in: $ids }, viewerIsMember: { eq: true } }) { id } }`,
        { ids: [id.c, id.d] }
      )
    );
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('my clients', () => {
  it('lists the clients whose team the viewer is currently in', async () => {
    const query = '{ myClients(limit: 500) { id } }';
    const mine = async (who: Viewer) =>
      (await executeGraphQL<{ myClients: { id: string }[] }>(who, query)).myClients.map(
        (c) => c.id
      );
    expect(await mine(A)).toEqual([id.c]);
    // B left C's team but is in D's; R is in both (restricted members see their own clients).
    expect(await mine(B)).toEqual([id.d]);
    expect((await mine(R)).sort()).toEqual([id.c, id.d].sort());
  });
});

describe('a current member (A)', () => {
  it('sees the team with the restricted member only as a restricted service', async () => {
    const result = await readClient(A);
    const client = result.clients[0]!;
    expect(client.viewerIsMember).toBe(true);
    expect(client.viewerMembership).toEqual({ restricted: false, lead: false });
    expect(client.aliases).toEqual([ALIAS]);
    expect(client.team).toHaveLength(4);
    // The lead professional comes first.
    expect(client.team[0]).toMatchObject({ practitionerId: id.l, lead: true, masked: false });
    const unmasked = client.team.filter((m) => !m.masked).map((m) => m.practitionerId);
    expect(unmasked.sort()).toEqual([id.a, id.e, id.l].sort());
    expect(client.team.find((m) => m.practitionerId === id.a)).toMatchObject({
      isViewer: true,
      agencyName: AG_NAME
    });
    const restricted = client.team.filter((m) => m.masked);
    expect(restricted).toEqual([
      {
        masked: true,
        restricted: true,
        lead: false,
        isViewer: false,
        dutyPhone: null,
        practitionerId: null,
        name: null,
        jobTitle: null,
        phone: null,
        email: null,
        agencyId: null,
        agencyName: null,
        agencyKind: null,
        since: null
      }
    ]);
    expectNoRestrictedDetails(result);
  });

  it('sees the circle with labels; someone whose team A is not on without dob or agencies', async () => {
    const { clients } = await readClient(A);
    expect(clients[0]!.circle).toEqual([
      {
        clientId: id.d,
        givenName: 'Dana',
        familyName: `Client${tag}`,
        kind: 'FAMILY',
        label: 'mother',
        viewerIsMember: false,
        // Not on Dana's team: the name and the relationship only (issue 14, hole 8).
        agencies: []
      }
    ]);
  });

  it('sees attentions and activity, with the restricted member masked', async () => {
    const { clients } = await readClient(A);
    const client = clients[0]!;
    expect(client.attentions.map((a) => a.id)).toEqual([id.attR, id.attA]);
    expect(client.attentions[0]!.raisedBy).toMatchObject({
      masked: true,
      name: null,
      dutyPhone: null
    });
    expect(client.attentions[1]!.raisedBy).toMatchObject({ practitionerId: id.a, isViewer: true });
    expect(client.activity.map((e) => e.id)).toEqual([id.evR, id.evA]);
    expect(client.activity[0]!.actor).toMatchObject({ masked: true, practitionerId: null });
    const withViews = await executeGraphQL<{ client: { activity: { id: string }[] } | null }>(
      A,
      'query V($id: ID!) { client(id: $id) { id activity(includeViews: true) { id } } }',
      { id: id.c }
    );
    // Views on request; refused access attempts never (they belong to the access reports). The
    // reads of this test are views too, recorded where GraphQL resolved them (read-audit.ts).
    const seen = withViews.client!.activity.map((e) => e.id);
    const fixture = [id.evView, id.evR, id.evA];
    expect(seen.filter((e) => fixture.includes(e))).toEqual(fixture);
    expect(seen.length).toBeGreaterThan(fixture.length);
    expectNoRestrictedDetails(clients);
  });

  it('who withheld the address sees it', async () => {
    const { clients } = await readAddress(A);
    expect(clients[0]!.address).toMatchObject({
      visible: true,
      text: ADDRESS,
      withheldForSafety: true,
      withheldBy: { practitionerId: id.a, isViewer: true }
    });
  });
});

describe('a client without an address', () => {
  it('is still found by a member, with a null address', async () => {
    const result = await readAddress(B, id.d);
    expect(result.clients).toEqual([{ id: id.d, address: null }]);
  });
});

describe('the withheld address', () => {
  it('is shown to the lead professional', async () => {
    const { clients } = await readAddress(L);
    expect(clients[0]!.address).toMatchObject({ visible: true, text: ADDRESS });
  });

  it('is hidden from other members, who are told whom to ask', async () => {
    for (const member of [E, R]) {
      const result = await readAddress(member);
      expect(result.clients[0]!.address).toMatchObject({
        visible: false,
        text: null,
        withheldForSafety: true,
        withheldBy: { practitionerId: id.a, masked: false }
      });
      expect(JSON.stringify(result)).not.toContain(ADDRESS);
    }
  });
});

describe('the restricted member (R)', () => {
  it('sees themselves in full and the rest of the team', async () => {
    const { clients } = await readClient(R);
    const me = clients[0]!.team.find((m) => m.isViewer);
    expect(me).toMatchObject({
      practitionerId: id.r,
      name: R_NAME,
      restricted: true,
      masked: false
    });
    expect(clients[0]!.team.filter((m) => m.masked)).toEqual([]);
  });

  it('never appears to any other viewer', async () => {
    for (const other of [A, B, E, L]) {
      expectNoRestrictedDetails(await readClient(other));
      expectNoRestrictedDetails(await readAddress(other).catch((e: unknown) => e));
    }
  });
});

describe('leaving the team', () => {
  it('removes access at once', async () => {
    await testDriver().executeQuery(
      'MATCH (:Practitioner {id: $e})-[m:MEMBER_OF]->(:Client {id: $c}) SET m.until = datetime()',
      { e: id.e, c: id.c },
      { database: testDatabase() }
    );
    const { clients } = await readClient(E);
    expect(clients[0]).toMatchObject({
      viewerIsMember: false,
      team: [],
      circle: [],
      attentions: []
    });
    expect((await errorOf(readAddress(E))).code).toBe('FORBIDDEN');
  });
});

describe('the phone book', () => {
  it('shows practitioners with their agency and areas, without clients or secrets', async () => {
    const result = await executeGraphQL<{
      practitioners: { id: string; name: string; agency: { name: string } | null }[];
    }>(
      B,
      `query Book($id: ID!) { practitioners(where: { id: { eq: $id } }) { id name email agency { name } areas { code } } }`,
      { id: id.a }
    );
    expect(result.practitioners).toEqual([
      expect.objectContaining({ id: id.a, agency: { name: AG_NAME } })
    ]);
    expect(JSON.stringify(result)).not.toContain('not-a-hash');
  });

  it('answers `me` for the signed-in practitioner', async () => {
    const result = await executeGraphQL<{ me: { id: string } | null }>(A, '{ me { id } }');
    expect(result.me).toEqual({ id: id.a });
  });
});

/**
 * Issue 14, holes 5 and 8, attacked as a signed-in practitioner would over HTTP and /graphql
 * against the built app:
 *   (a) page through the register with the generated roots (`clients`, `clientsConnection`, an
 *       aggregate): refused by validation, the fields do not exist;
 *   (b) enumerate with search: silly queries are refused, results are capped with no paging, and
 *       after the hourly limit of look-ups (300 by default) new look-ups are refused, the admins
 *       get one alert email (in the local outbox, through the worker) and every search is audited;
 *   (c) read `createdAt` of a client whose team you are not on: null, or no such field;
 *   (d) as a member of client A, read the date of birth and agencies of B, in A's circle but
 *       whose team you are not on: null/empty in the graph, absent from the circle page and from
 *       the network explorer's answer.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatBirthDate } from '../../src/lib/team/format.ts';
import { listOutbox } from '../../workers/mail/local-outbox.ts';
import {
  FIXTURE_PASSWORD,
  addPerson,
  closeAll,
  createAccountsFixture,
  removeAccountsFixture,
  run,
  type AccountsFixture,
  type Person
} from '../integration/accounts-fixtures.ts';
import { get, postGraphQL, signIn, type HttpResult } from '../support/http.ts';
import { spawnWorkerProcess, workerReady, type WorkerProcess } from '../support/worker-process.ts';

const baseUrl = inject('baseUrl');
/** The default of CLIENT_LOOKUPS_PER_HOUR, which the e2e server runs with. */
const LIMIT = 300;

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

let fx: AccountsFixture;
let eve: Person;
let carl: Person;
let worker: WorkerProcess | undefined;
const cookies = new Map<string, string>();

async function cookieOf(person: Person): Promise<string> {
  let cookie = cookies.get(person.id);
  if (!cookie) {
    cookie = await signIn(baseUrl, person.email, FIXTURE_PASSWORD);
    cookies.set(person.id, cookie);
  }
  return cookie;
}

async function graphql<T>(
  person: Person,
  query: string,
  variables: Record<string, unknown> = {}
): Promise<{ http: HttpResult; answer: GraphQLAnswer<T> }> {
  const http = await postGraphQL(
    baseUrl,
    { query, variables },
    { cookie: await cookieOf(person), accept: 'application/json' }
  );
  return { http, answer: JSON.parse(http.body) as GraphQLAnswer<T> };
}

beforeAll(async () => {
  fx = await createAccountsFixture();
  eve = await addPerson(fx, 'Eve Attacker', { agencyId: fx.agencyId });
  carl = await addPerson(fx, 'Carl Curious', { agencyId: fx.agencyId });
  // Olly (otherClient) is Kira's brother; Otto (Other Police) is on Olly's team, Mina is not.
  await run(
    `MATCH (k:Client {id: $kira}), (o:Client {id: $olly}), (otto:Practitioner {id: $otto})
     CREATE (k)-[:IN_CIRCLE {kind: 'FAMILY', label: 'sister', reciprocal: 'brother',
       since: datetime(), addedBy: $mina}]->(o)
     CREATE (otto)-[:MEMBER_OF {since: datetime(), until: null, reason: 'fixture',
       restricted: false, lead: false, lastConfirmedAt: datetime()}]->(o)`,
    { kira: fx.client.id, olly: fx.otherClient.id, otto: fx.outsider.id, mina: fx.member.id }
  );
}, 120_000);

afterAll(async () => {
  await worker?.kill('SIGTERM');
  if (fx) {
    await run(
      `MATCH (e:Event) WHERE e.actorId IN $ids
       OPTIONAL MATCH (n:Notification {eventId: e.id}) DETACH DELETE n`,
      { ids: [eve.id, carl.id] }
    );
  }
  await removeAccountsFixture(fx);
  await closeAll();
});

describe('(a) paging through the register with generated roots', () => {
  it.each([
    [
      'clients',
      '{ clients(limit: 500, offset: 0) { id givenName familyName dob councilCode createdAt } }'
    ],
    ['clients, next page', '{ clients(limit: 500, offset: 500) { id givenName familyName dob } }'],
    [
      'clientsConnection',
      '{ clientsConnection(first: 500) { totalCount edges { cursor node { id givenName familyName dob } } } }'
    ],
    ['an aggregate', '{ clientsConnection { aggregate { count { nodes } } } }'],
    ['clientsAggregate', '{ clientsAggregate { count } }']
  ])('%s is refused by validation: the field does not exist', async (_name, query) => {
    const { http, answer } = await graphql<unknown>(eve, query);
    expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(answer.errors?.[0]?.message).toMatch(/Cannot query field "clients/);
    expect(http.status).toBe(400);
    expect(answer.data ?? null).toBeNull();
    expect(http.body).not.toContain(fx.client.name.split(' ')[1]!);
  });
});

describe('(c) createdAt of a client whose team the attacker is not on', () => {
  it('is null, and no listing root hands it out', async () => {
    const [row] = await run('MATCH (c:Client {id: $id}) RETURN toString(c.createdAt) AS at', {
      id: fx.client.id
    });
    const createdAt = String(row!.at);
    // The attacker's way in before the fix: the generated list root, filtered by id.
    const listed = await graphql<unknown>(
      carl,
      'query C($id: ID!) { clients(where: { id: { eq: $id } }) { id createdAt } }',
      { id: fx.client.id }
    );
    expect(listed.http.body).not.toContain(createdAt.slice(0, 19));
    const byId = await graphql<{ client: { id: string; createdAt: string | null } | null }>(
      carl,
      'query C($id: ID!) { client(id: $id) { id givenName createdAt } }',
      { id: fx.client.id }
    );
    expect(byId.http.body).not.toContain(createdAt.slice(0, 19));
    // The phone-book entry is still there; the record's metadata is not.
    expect(byId.answer.data?.client?.id).toBe(fx.client.id);
    expect(byId.answer.data?.client?.createdAt).toBeNull();
    // The team still sees it.
    const member = await graphql<{ client: { createdAt: string | null } | null }>(
      fx.member,
      'query C($id: ID!) { client(id: $id) { createdAt } }',
      { id: fx.client.id }
    );
    expect(member.answer.data?.client?.createdAt).toBeTruthy();
  });
});

describe('(d) a circle member whose team the viewer is not on', () => {
  const ollyDob = '2012-07-01';
  const secrets = () => [`Other Police ${fx.tag}`, 'Otto Outsider', ollyDob];

  it('has no date of birth and no agencies in the graph', async () => {
    const { http, answer } = await graphql<{
      myClients: {
        id: string;
        circle: {
          clientId: string;
          givenName: string;
          label: string | null;
          dob: string | null;
          agencies: string[];
          viewerIsMember: boolean;
        }[];
      }[];
    }>(
      fx.member,
      '{ myClients(limit: 10) { id circle { clientId givenName label dob agencies viewerIsMember } } }'
    );
    const kira = answer.data?.myClients.find((c) => c.id === fx.client.id);
    const olly = kira?.circle.find((p) => p.clientId === fx.otherClient.id);
    // The name and the relationship, with View/Join team; nothing else.
    expect(olly).toEqual({
      clientId: fx.otherClient.id,
      givenName: 'Olly',
      label: 'brother',
      dob: null,
      agencies: [],
      viewerIsMember: false
    });
    for (const secret of secrets()) expect(http.body).not.toContain(secret);
  });

  it('shows neither on the circle page', async () => {
    const page = await get(baseUrl, `/clients/${fx.client.id}/circle`, await cookieOf(fx.member));
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Other${fx.tag}`);
    for (const secret of [...secrets(), formatBirthDate(ollyDob)]) {
      expect(page.body).not.toContain(secret);
    }
    expect(page.body).toContain('Join their team to see who is working with them.');
  });

  it('is a name without date of birth or agencies in the network explorer', async () => {
    const { http, answer } = await graphql<{
      neighbourhood: {
        people: { clientId: string; viewerIsMember: boolean; team: unknown[] }[];
        agencies: { name: string }[];
      };
    }>(
      fx.member,
      `
        query N($id: ID!) {
          neighbourhood(clientId: $id, depth: 3) {
            people {
              clientId
              givenName
              familyName
              preferredName
              distance
              viewerIsMember
              team {
                masked
                practitionerId
              }
            }
            practitioners {
              practitionerId
              name
              agencyId
            }
            agencies {
              agencyId
              name
              kind
              phone
              dutyPhone
            }
          }
        }
      `,
      { id: fx.client.id }
    );
    const olly = answer.data?.neighbourhood.people.find((p) => p.clientId === fx.otherClient.id);
    expect(olly).toMatchObject({ viewerIsMember: false, team: [] });
    expect(Object.keys(olly ?? {})).not.toContain('dob');
    expect(answer.data?.neighbourhood.agencies.map((a) => a.name)).not.toContain(
      `Other Police ${fx.tag}`
    );
    for (const secret of secrets()) expect(http.body).not.toContain(secret);
  });
});

describe('(b) enumerating the register with search', () => {
  const SEARCH = `query S($q: String!, $areas: [String!], $limit: Int) {
    search(q: $q, areas: $areas, limit: $limit) { message capped clients { id } }
  }`;
  type SearchData = {
    search: { message: string | null; capped: boolean; clients: { id: string }[] };
  };

  // Carl probes; Eve (below) has her whole hourly allowance left for the count.
  it('refuses empty, wildcard and one-letter queries, and has no paging', async () => {
    for (const q of ['', ' ', '*', '?', 'a', 'a*', '**', '%', '.*']) {
      const { answer } = await graphql<SearchData>(carl, SEARCH, { q, limit: 50 });
      expect(answer.data?.search.clients, `q=${JSON.stringify(q)}`).toEqual([]);
      expect(answer.data?.search.message, `q=${JSON.stringify(q)}`).toBeTruthy();
    }
    const greedy = await graphql<SearchData>(carl, SEARCH, { q: 'ma', limit: 500 });
    expect(greedy.answer.data?.search.clients.length).toBeLessThanOrEqual(50);
    const paged = await graphql<unknown>(
      carl,
      'query { search(q: "ma", limit: 50, offset: 50) { clients { id } } }'
    );
    expect(paged.answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('counts look-ups, refuses them past the hourly limit, alerts the admins once and records every search', async () => {
    worker = spawnWorkerProcess({}, 'security-register-worker');
    await workerReady(worker);

    // Distinct searches that all find Kira: name prefixes, dates of birth and area filters.
    const family = `client${fx.tag}`;
    const queries: { q: string; areas: string[] }[] = [];
    const areaSets = [[], [fx.councilCode], [fx.districtCode], [fx.councilCode, fx.districtCode]];
    for (const areas of areaSets) {
      for (const given of ['ki', 'kir', 'kira']) {
        for (let n = 2; n <= family.length; n += 1) {
          for (const dob of ['', ' 2015', ' 12/03/2015']) {
            queries.push({ q: `${given} ${family.slice(0, n)}${dob}`, areas });
          }
        }
      }
    }
    expect(queries.length).toBeGreaterThan(LIMIT + 20);

    let found = 0;
    let refusal: { status: number; message: string; code?: string; q: string } | null = null;
    for (const { q, areas } of queries) {
      const { http, answer } = await graphql<SearchData>(eve, SEARCH, { q, areas, limit: 50 });
      const error = answer.errors?.[0];
      if (error) {
        refusal = { status: http.status, message: error.message, code: error.extensions?.code, q };
        break;
      }
      if ((answer.data?.search.clients.length ?? 0) > 0) found += 1;
      if (found > LIMIT + 10) break;
    }
    expect(refusal, `no refusal after ${found} searches that found clients`).not.toBeNull();
    expect(found).toBe(LIMIT);
    expect(refusal!.code).toBe('BAD_USER_INPUT');
    expect(refusal!.message).toMatch(
      new RegExp(`^You have looked up ${LIMIT} clients in the last hour, the most allowed`)
    );
    expect(refusal!.status).toBe(429);

    // Aliases and other roads are refused too: opening a client off the attacker's teams…
    const opened = await get(baseUrl, `/clients/${fx.otherClient.id}`, await cookieOf(eve));
    expect(opened.status).toBe(429);
    expect(opened.body).toContain('You have looked up');
    // …and the search page says why.
    const page = await get(baseUrl, `/search?q=kira+${family}+2015-03-12`, await cookieOf(eve));
    expect(page.status).toBe(200);
    expect(page.body).toContain('You have looked up');
    expect(page.body).not.toContain(`href="/clients/${fx.client.id}"`);

    // One alert, however many refusals.
    const events = await run(
      `MATCH (e:Event {type: 'lookups.limit.reached', actorId: $eve}) RETURN e.id AS id`,
      { eve: eve.id }
    );
    expect(events).toHaveLength(1);

    // The admins' email is in the outbox (the worker fanned the event out and sent it).
    const subject = `Eve Attacker (Test Family Services ${fx.tag}) reached the hourly limit of client look-ups`;
    const deadline = Date.now() + 60_000;
    let email = (await listOutbox()).find((e) => e.to === fx.admin.email && e.subject === subject);
    while (!email && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      email = (await listOutbox()).find((e) => e.to === fx.admin.email && e.subject === subject);
    }
    expect(email, 'the admin alert email in the outbox').toBeDefined();
    expect(email!.text).toContain(`/admin/access?user=${eve.id}`);
    expect(`${email!.html}${email!.text}`).not.toContain(family.slice(0, 8));

    // Every search is recorded (who, the query, how many found), never the results.
    const audits = await run(
      `MATCH (e:Event:Audit {type: 'client.searched', actorId: $eve}) RETURN e.data AS data`,
      { eve: eve.id }
    );
    const records = audits.map((a) => JSON.parse(a.data as string) as Record<string, unknown>);
    expect(records.length).toBeGreaterThanOrEqual(LIMIT + 1);
    expect(records).toContainEqual(
      expect.objectContaining({ q: refusal!.q, refused: true, clients: 0 })
    );
    expect(records.filter((r) => Number(r.clients) > 0)).toHaveLength(LIMIT);
    expect(audits.map((a) => String(a.data)).join('\n')).not.toContain(fx.client.id);
  }, 600_000);
});

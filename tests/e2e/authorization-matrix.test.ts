/**
 * The authorization matrix over HTTP: every page, every GraphQL root field and every command,
 * against anonymous, non-member, team member, restricted member, lead of another area, admin,
 * suspended user and expired session. Each cell asserts the exact outcome, and no response to
 * someone outside the team reveals a member, the circle or an attention (DESIGN.md rules 2–4).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  FIXTURE_PASSWORD,
  addPerson,
  createAccountsFixture,
  removeAccountsFixture,
  run,
  type AccountsFixture,
  type Person
} from '../integration/accounts-fixtures.ts';
import { closeTestDriver } from '../support/db.ts';
import { get, postGraphQL, signIn, type HttpResult } from '../support/http.ts';

type Persona =
  | 'anonymous'
  | 'nonMember'
  | 'member'
  | 'restricted'
  | 'otherLead'
  | 'admin'
  | 'suspended'
  | 'expired';
const PERSONAS: Persona[] = [
  'anonymous',
  'nonMember',
  'member',
  'restricted',
  'otherLead',
  'admin',
  'suspended',
  'expired'
];
const SIGNED_OUT: Persona[] = ['anonymous', 'suspended', 'expired'];
const ON_TEAM: Persona[] = ['member', 'restricted'];

const root = path.resolve(import.meta.dirname, '../..');
/**
 * A route the matrix lists must exist: a renamed or removed page fails here (never skips), so the
 * matrix cannot silently stop covering it.
 */
function expectRoute(route: string): void {
  const file = path.join('src/routes', route);
  expect(existsSync(path.join(root, file)), `${file} is listed in the matrix but missing`).toBe(
    true
  );
}

describe('authorization matrix', () => {
  const baseUrl = inject('baseUrl');
  let fx: AccountsFixture;
  let restricted: Person;
  let otherLead: Person;
  let suspended: Person;
  let sensitiveAgency: { id: string; name: string };
  const cookies = new Map<Persona, string | undefined>();
  /** Strings that only the team may ever see. */
  let secrets: string[] = [];
  let attentionMessage = '';

  beforeAll(async () => {
    fx = await createAccountsFixture();
    sensitiveAgency = { id: randomUUID(), name: `Harbour Refuge ${fx.tag}` };
    fx.ids.add(sensitiveAgency.id);
    await run(
      `MATCH (c:Area {code: $council})
       CREATE (:Agency {id: $id, name: $name, kind: 'DOMESTIC_VIOLENCE', sensitive: true,
         dutyPhone: '1800 000 111', createdAt: datetime()})-[:SERVES]->(c)`,
      { council: fx.councilCode, ...sensitiveAgency }
    );
    restricted = await addPerson(fx, 'Rhea Restricted', { agencyId: sensitiveAgency.id });
    otherLead = await addPerson(fx, 'Owen Otherlead', {
      roles: ['practitioner', 'lead'],
      agencyId: fx.otherAgencyId
    });
    suspended = await addPerson(fx, 'Sid Suspended', { agencyId: fx.agencyId });
    await run(
      `MATCH (o:Practitioner {id: $otherLead}), (:Area {code: $otherCouncil})-[:PART_OF]->(d:Area)
       CREATE (o)-[:LEADS]->(d)`,
      { otherLead: otherLead.id, otherCouncil: fx.otherCouncilCode }
    );
    attentionMessage = `Moved to temporary accommodation ${fx.tag}`;
    const attentionId = randomUUID();
    fx.ids.add(attentionId);
    await run(
      `MATCH (k:Client {id: $client}), (r:Practitioner {id: $restricted}), (s:Practitioner {id: $suspended}),
             (m:Practitioner {id: $member})
       CREATE (r)-[:MEMBER_OF {since: datetime(), until: null, reason: 'fixture', restricted: true,
         lead: false, lastConfirmedAt: datetime()}]->(k)
       CREATE (s)-[:MEMBER_OF {since: datetime(), until: null, reason: 'fixture', restricted: false,
         lead: false, lastConfirmedAt: datetime()}]->(k)
       CREATE (m)-[:RAISED]->(:Attention {id: $attentionId, message: $message, priority: 'NORMAL',
         createdAt: datetime()})-[:ABOUT]->(k)`,
      {
        client: fx.client.id,
        restricted: restricted.id,
        suspended: suspended.id,
        member: fx.member.id,
        attentionId,
        message: attentionMessage
      }
    );
    // Every real client LIVES_IN its council area; the accounts fixture leaves that out.
    await run(
      `MATCH (k:Client {id: $client}), (c:Area {code: $council}) MERGE (k)-[:LIVES_IN]->(c)
       WITH 1 AS done MATCH (o:Client {id: $other}), (x:Area {code: $otherCouncil}) MERGE (o)-[:LIVES_IN]->(x)`,
      {
        client: fx.client.id,
        council: fx.councilCode,
        other: fx.otherClient.id,
        otherCouncil: fx.otherCouncilCode
      }
    );
    secrets = [fx.member.name, fx.member.email, attentionMessage];
    cookies.set('anonymous', undefined);
    cookies.set('expired', `ta_session=${randomUUID()}${randomUUID()}`);
    cookies.set('nonMember', await signIn(baseUrl, fx.outsider.email, FIXTURE_PASSWORD));
    cookies.set('member', await signIn(baseUrl, fx.member.email, FIXTURE_PASSWORD));
    cookies.set('restricted', await signIn(baseUrl, restricted.email, FIXTURE_PASSWORD));
    cookies.set('otherLead', await signIn(baseUrl, otherLead.email, FIXTURE_PASSWORD));
    cookies.set('admin', await signIn(baseUrl, fx.admin.email, FIXTURE_PASSWORD));
    // Signed in while active, then suspended: the live session must stop working at once.
    cookies.set('suspended', await signIn(baseUrl, suspended.email, FIXTURE_PASSWORD));
    await run(`MATCH (p:Practitioner {id: $id}) SET p.status = 'SUSPENDED'`, { id: suspended.id });
  });

  afterAll(async () => {
    await removeAccountsFixture(fx);
    await closeTestDriver();
  });

  function expectSignInRedirect(result: HttpResult, what: string): void {
    expect(result.status, what).toBe(303);
    expect(result.location, what).toMatch(/^\/login\?next=/);
  }

  /** What only the team may see; the restricted member's own pages naturally carry their name. */
  function expectNoSecrets(result: HttpResult, what: string, persona?: Persona): void {
    if (persona && ON_TEAM.includes(persona)) {
      if (persona !== 'restricted') expect(result.body, what).not.toContain(restricted.name);
      return;
    }
    for (const secret of secrets)
      expect(result.body, `${what} leaks "${secret}"`).not.toContain(secret);
    if (persona !== 'restricted') {
      expect(result.body, `${what} names the restricted member`).not.toContain(restricted.name);
    }
  }

  describe('pages', () => {
    const everyone = [
      '/',
      '/search?q=Kira',
      '/invite',
      '/profile',
      '/profile/areas',
      '/attentions',
      '/settings/notifications',
      '/clients/new',
      '/network'
    ];
    for (const page of everyone) {
      it(`${page}: signed-out personas go to sign-in, everyone else gets 200`, async () => {
        expectRoute(page.split('?')[0]!.replace(/^\/$/, '') || '+page.svelte');
        for (const persona of PERSONAS) {
          const result = await get(baseUrl, page, cookies.get(persona));
          const what = `${persona} ${page}`;
          if (SIGNED_OUT.includes(persona)) expectSignInRedirect(result, what);
          else expect(result.status, what).toBe(200);
          expectNoSecrets(result, what, persona);
        }
      });
    }

    it('phone book pages show people and agencies, never their clients', async () => {
      for (const page of [`/practitioners/${fx.member.id}`, `/agencies/${fx.agencyId}`]) {
        for (const persona of PERSONAS) {
          const result = await get(baseUrl, page, cookies.get(persona));
          const what = `${persona} ${page}`;
          if (SIGNED_OUT.includes(persona)) expectSignInRedirect(result, what);
          else {
            expect(result.status, what).toBe(200);
            expect(result.body, what).not.toContain(fx.client.name.split(' ')[1]!);
          }
        }
      }
    });

    const clientTabs = ['', '/circle', '/activity', '/meeting', '/attentions', '/network'];
    for (const tab of clientTabs) {
      it(`/clients/<id>${tab}: only the team sees the team`, async () => {
        expectRoute(`clients/[id]${tab}`);
        const page = `/clients/${fx.client.id}${tab}`;
        for (const persona of PERSONAS) {
          const result = await get(baseUrl, page, cookies.get(persona));
          const what = `${persona} ${page}`;
          if (SIGNED_OUT.includes(persona)) {
            expectSignInRedirect(result, what);
          } else if (ON_TEAM.includes(persona)) {
            expect(result.status, what).toBe(200);
            // Other members never see the restricted member by name, nor anything that narrows
            // down their service: "a restricted service is involved" and a relay (issue 14).
            if (persona === 'member') expect(result.body, what).not.toContain(restricted.name);
          } else {
            // Non-members: the public summary with Join team (200) or a refusal (403).
            expect([200, 403], what).toContain(result.status);
            expectNoSecrets(result, what, persona);
            expect(result.body, what).not.toContain(sensitiveAgency.name);
          }
        }
      });
    }

    it('/admin/agency-verifications: admins and verified members of a sensitive agency only', async () => {
      const page = '/admin/agency-verifications';
      expectRoute(page.slice(1));
      for (const persona of PERSONAS) {
        const result = await get(baseUrl, page, cookies.get(persona));
        const what = `${persona} ${page}`;
        if (SIGNED_OUT.includes(persona)) expectSignInRedirect(result, what);
        else if (persona === 'admin' || persona === 'restricted')
          expect(result.status, what).toBe(200);
        else expect(result.status, what).toBe(403);
      }
    });

    it('the team page shows the team to its members', async () => {
      const result = await get(baseUrl, `/clients/${fx.client.id}`, cookies.get('restricted'));
      expect(result.status).toBe(200);
      expect(result.body).toContain(fx.member.name);
    });

    const leadPages = ['/admin/access', '/admin/accounts', '/admin/agency-requests', '/dashboard'];
    for (const page of leadPages) {
      it(`${page}: leads and admins only`, async () => {
        expectRoute(page.slice(1));
        for (const persona of PERSONAS) {
          const result = await get(baseUrl, page, cookies.get(persona));
          const what = `${persona} ${page}`;
          if (SIGNED_OUT.includes(persona)) expectSignInRedirect(result, what);
          else if (persona === 'otherLead' || persona === 'admin')
            expect(result.status, what).toBe(200);
          else expect(result.status, what).toBe(403);
        }
      });
    }

    it('/admin/notifications: admins only', async () => {
      for (const persona of PERSONAS) {
        const result = await get(baseUrl, '/admin/notifications', cookies.get(persona));
        const what = `${persona} /admin/notifications`;
        if (SIGNED_OUT.includes(persona)) expectSignInRedirect(result, what);
        else expect(result.status, what).toBe(persona === 'admin' ? 200 : 403);
      }
    });

    it('a lead cannot read the access report of a client outside their areas', async () => {
      const result = await get(
        baseUrl,
        `/admin/access/export.csv?client=${fx.client.id}`,
        cookies.get('otherLead')
      );
      expect(result.status).toBe(403);
      expectNoSecrets(result, 'otherLead access export');
    });
  });

  describe('/graphql', () => {
    const gql = (persona: Persona, query: string, variables: Record<string, unknown> = {}) => {
      const cookie = cookies.get(persona);
      return postGraphQL(baseUrl, { query, variables }, cookie ? { cookie } : {});
    };

    const TEAM_READS = () => [
      `{ client(id: "${fx.client.id}") { id givenName team { name email agencyName } circle { clientId } attentions { message } activity { type } address { text } } }`,
      `{ attentionBoard(clientId: "${fx.client.id}") { __typename } }`,
      `{ clientTimeline(clientId: "${fx.client.id}") { __typename } }`,
      `{ meetingCandidates(clientId: "${fx.client.id}") { __typename } }`,
      `{ circleCandidates(clientId: "${fx.client.id}") { __typename } }`,
      `{ neighbourhood(clientId: "${fx.client.id}") { __typename } }`
    ];

    it('every root field refuses anonymous, suspended and expired callers', async () => {
      const intro = await gql(
        'admin',
        '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }'
      );
      const schema = JSON.parse(intro.body) as {
        data: {
          __schema: {
            queryType: { fields: { name: string }[] };
            mutationType: { fields: { name: string }[] };
          };
        };
      };
      const queries = schema.data.__schema.queryType.fields.map((f) => f.name);
      const mutations = schema.data.__schema.mutationType.fields.map((f) => f.name);
      expect(queries.length).toBeGreaterThan(5);
      expect(mutations).toContain('joinTeam');
      for (const persona of SIGNED_OUT) {
        // Each field on its own, so one refusal cannot hide another field's answer.
        for (const field of queries) {
          const r = await gql(persona, `query { ${field} { __typename } }`);
          const body = JSON.parse(r.body) as {
            data?: Record<string, unknown> | null;
            errors?: unknown[];
          };
          expect(r.status, `${persona} ${field}`).toBeLessThan(500);
          expect(
            body.errors?.length ?? 0,
            `${persona} ${field}: ${r.body.slice(0, 200)}`
          ).toBeGreaterThan(0);
          expect(body.data?.[field] ?? null, `${persona} ${field}`).toBeNull();
        }
        for (const field of mutations) {
          const r = await gql(persona, `mutation { ${field} { __typename } }`);
          expect(r.status, `${persona} ${field}`).toBeLessThan(500);
          expect(r.body, `${persona} ${field}`).toMatch(/"errors"/);
          expect(r.body).not.toContain('"ok":true');
        }
      }
    });

    it('team-only reads reveal nothing to non-members, the other lead or an admin', async () => {
      for (const persona of ['nonMember', 'otherLead', 'admin'] as Persona[]) {
        for (const query of TEAM_READS()) {
          const r = await gql(persona, query);
          expect(r.status, `${persona} ${query}`).toBeLessThan(500);
          expectNoSecrets(r, `${persona} ${query}`, persona);
        }
      }
    });

    it('members see the team, with the restricted member masked', async () => {
      const r = await gql('member', TEAM_READS()[0]!);
      expect(r.body).toContain(fx.member.name);
      expect(r.body).toContain(attentionMessage);
      expect(r.body).not.toContain(restricted.name);
      expect(r.body).not.toContain(sensitiveAgency.name);
    });

    it('commands on a team refuse non-members and change nothing', async () => {
      const before = await run(
        `MATCH (k:Client {id: $id}) OPTIONAL MATCH (p)-[m:MEMBER_OF]->(k)
         RETURN k.givenName AS name, count(m) AS members, collect(m.lead) AS leads`,
        { id: fx.client.id }
      );
      const c = fx.client.id;
      const commands = [
        `mutation { leaveTeam(clientId: "${c}") { ok } }`,
        `mutation { proposeLead(clientId: "${c}", nomineeId: "${fx.outsider.id}") { ok } }`,
        `mutation { confirmLead(clientId: "${c}", proposalId: "${randomUUID()}") { ok } }`,
        `mutation { declineLead(clientId: "${c}", proposalId: "${randomUUID()}") { ok } }`,
        `mutation { appointLead(clientId: "${c}", leadId: "${fx.outsider.id}") { ok } }`,
        `mutation { confirmInvolvement(clientId: "${c}") { ok } }`,
        `mutation { askRestrictedToContact(clientId: "${c}") { ok } }`,
        `mutation { updateClient(clientId: "${c}", input: { givenName: "Hacked" }) { ok } }`,
        `mutation { emailTeam(clientId: "${c}") { ok emails } }`,
        `mutation { sendMeetingPack(clientId: "${c}", attendeeKeys: []) { ok } }`,
        `mutation { raiseAttention(clientId: "${c}", message: "hello") { ok } }`,
        `mutation { addToCircle(clientId: "${c}", links: [{ otherId: "${fx.otherClient.id}", label: "sibling", reciprocal: "sibling" }]) { ok } }`,
        `mutation { removeFromCircle(clientId: "${c}", otherId: "${fx.otherClient.id}") { ok } }`
      ];
      for (const persona of ['nonMember', 'otherLead', 'admin'] as Persona[]) {
        for (const command of commands) {
          const r = await gql(persona, command);
          expect(r.status, `${persona} ${command}`).toBeLessThan(500);
          expect(r.body, `${persona} ${command}`).not.toContain('"ok":true');
          expectNoSecrets(r, `${persona} ${command}`, persona);
        }
      }
      const after = await run(
        `MATCH (k:Client {id: $id}) OPTIONAL MATCH (p)-[m:MEMBER_OF]->(k)
         RETURN k.givenName AS name, count(m) AS members, collect(m.lead) AS leads`,
        { id: fx.client.id }
      );
      expect(after).toEqual(before);
    });

    it('the dashboard is for leads in their own areas and admins', async () => {
      expectRoute('dashboard');
      const query = `{ dashboard(area: "${fx.councilCode}") { __typename } }`;
      for (const persona of ['nonMember', 'member', 'restricted', 'otherLead'] as Persona[]) {
        const r = await gql(persona, query);
        expect(r.body, persona).toMatch(/"errors"/);
        expect(r.body, persona).toMatch(/FORBIDDEN|not allowed|outside/i);
      }
    });
  });
});

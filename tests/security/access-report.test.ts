/**
 * Attack (issue 14, hole 7): a local lead opens the access reports to learn who the restricted
 * members of a team are and which clients they looked at. Decided (governance.md, "Restricted
 * members' activity"): admins see everything; a lead sees a restricted member's reads only when
 * they work at the same agency. The rows are left out, not marked, so the report reads the same
 * as if the restricted membership did not exist.
 */
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
import { get, signIn } from '../support/http.ts';

describe('attack: a lead reads who the restricted members are from the access reports', () => {
  const baseUrl = inject('baseUrl');
  let fx: AccountsFixture;
  let restricted: Person;
  let refugeLead: Person;
  const refuge = { id: randomUUID(), name: '' };

  beforeAll(async () => {
    fx = await createAccountsFixture();
    refuge.name = `Harbour Refuge ${fx.tag}`;
    fx.ids.add(refuge.id);
    await run(
      `MATCH (c:Area {code: $council})
       CREATE (:Agency {id: $id, name: $name, kind: 'DOMESTIC_VIOLENCE', sensitive: true,
         dutyPhone: '1800 000 222', createdAt: datetime()})-[:SERVES]->(c)`,
      { council: fx.councilCode, ...refuge }
    );
    restricted = await addPerson(fx, 'Rhea Restricted', { agencyId: refuge.id });
    refugeLead = await addPerson(fx, 'Rory Refugelead', {
      roles: ['practitioner', 'lead'],
      agencyId: refuge.id
    });
    await run(
      `MATCH (p:Practitioner {id: $lead}), (d:Area {code: $district}) CREATE (p)-[:LEADS]->(d)
       WITH 1 AS done
       MATCH (r:Practitioner {id: $restricted}), (k:Client {id: $client})
       CREATE (r)-[:MEMBER_OF {since: datetime(), until: null, reason: 'fixture', restricted: true,
         lead: false, lastConfirmedAt: datetime()}]->(k)`,
      {
        lead: refugeLead.id,
        district: fx.districtCode,
        restricted: restricted.id,
        client: fx.client.id
      }
    );
    // The restricted member and a named member both looked at the team (as recorded by the app).
    await run(
      `UNWIND $actors AS actor
       CREATE (:Event:Audit {id: randomUUID(), type: 'team.viewed', actorId: actor,
         clientId: $client, data: '{}', createdAt: datetime(), outbox: false})`,
      { actors: [restricted.id, fx.member.id], client: fx.client.id }
    );
  });

  afterAll(async () => {
    await removeAccountsFixture(fx);
    await closeTestDriver();
  });

  const clientReport = () => `/admin/access?client=${fx.client.id}`;
  const userReport = () => `/admin/access?user=${encodeURIComponent(restricted.email)}`;

  it('a lead of another agency sees the named member’s view but not the restricted member', async () => {
    const cookie = await signIn(baseUrl, fx.lead.email, FIXTURE_PASSWORD);
    const page = await get(baseUrl, clientReport(), cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain(fx.member.name);
    expect(page.body).not.toContain(restricted.name);
    expect(page.body).not.toContain(restricted.email);
    const csv = await get(baseUrl, `/admin/access/export.csv?client=${fx.client.id}`, cookie);
    expect(csv.status).toBe(200);
    expect(csv.body).toContain(fx.member.email);
    expect(csv.body).not.toContain(restricted.email);
  });

  it('the same lead’s report on the restricted member does not name the client', async () => {
    const cookie = await signIn(baseUrl, fx.lead.email, FIXTURE_PASSWORD);
    const page = await get(baseUrl, userReport(), cookie);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(fx.client.name);
    expect(page.body).not.toContain(fx.client.id);
  });

  it('a lead of the restricted member’s own agency and an admin see the restricted reads', async () => {
    for (const who of [refugeLead, fx.admin]) {
      const cookie = await signIn(baseUrl, who.email, FIXTURE_PASSWORD);
      const byClient = await get(baseUrl, clientReport(), cookie);
      expect(byClient.body, who.name).toContain(restricted.name);
      const byUser = await get(baseUrl, userReport(), cookie);
      expect(byUser.body, who.name).toContain(fx.client.name);
    }
  });
});

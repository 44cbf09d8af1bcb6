/**
 * Fixtures for the team, circle and meeting tests: a council area, an ordinary and a sensitive
 * agency, practitioners and clients, all with ids unique to the run and deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../src/lib/server/graphql/viewer.ts';
import { cleanup, nameTag, testDatabase, testDriver } from '../support/db.ts';

export interface Fixture {
  tag: string;
  areaCode: string;
  otherAreaCode: string;
  agencyName: string;
  sensitiveAgencyName: string;
  dutyPhone: string;
  /** Every node id created, for cleanup. */
  ids: Set<string>;
}

export function viewer(id: string): Viewer {
  return { id, roles: ['practitioner'] };
}

export async function run(
  cypher: string,
  params: Record<string, unknown> = {}
): Promise<Record<string, unknown>[]> {
  const { records } = await testDriver().executeQuery(cypher, params, {
    database: testDatabase()
  });
  return records.map((r) => r.toObject() as Record<string, unknown>);
}

export async function createFixture(): Promise<
  Fixture & { agencyId: string; sensitiveId: string }
> {
  // Letters only: practitioners' names carry the tag and go through the name rule at activation.
  const tag = nameTag();
  const fixture = {
    tag,
    areaCode: `T${tag}`,
    otherAreaCode: `U${tag}`,
    agencyId: randomUUID(),
    sensitiveId: randomUUID(),
    agencyName: `Northside Child Protection ${tag}`,
    sensitiveAgencyName: `Safe Haven DV Service ${tag}`,
    dutyPhone: `1800 ${tag.slice(0, 3)} 111`,
    ids: new Set<string>()
  };
  fixture.ids.add(fixture.areaCode);
  fixture.ids.add(fixture.otherAreaCode);
  fixture.ids.add(fixture.agencyId);
  fixture.ids.add(fixture.sensitiveId);
  await run(
    `CREATE (a:Area {id: $area, code: $area, name: 'Test Council ' + $tag, level: 'COUNCIL', country: 'AU', state: 'AU-NSW'})
     CREATE (b:Area {id: $other, code: $other, name: 'Other Council ' + $tag, level: 'COUNCIL', country: 'AU', state: 'AU-NSW'})
     CREATE (:Agency {id: $agencyId, name: $agencyName, kind: 'CHILD_PROTECTION', phone: '02 9000 0000',
       dutyPhone: '02 9000 0001', sensitive: false})-[:SERVES]->(a)
     CREATE (:Agency {id: $sensitiveId, name: $sensitiveName, kind: 'DOMESTIC_VIOLENCE', phone: '02 9111 0000',
       dutyPhone: $duty, sensitive: true})-[:SERVES]->(a)`,
    {
      area: fixture.areaCode,
      other: fixture.otherAreaCode,
      tag,
      agencyId: fixture.agencyId,
      agencyName: fixture.agencyName,
      sensitiveId: fixture.sensitiveId,
      sensitiveName: fixture.sensitiveAgencyName,
      duty: fixture.dutyPhone
    }
  );
  return fixture;
}

export async function addPractitioner(
  fixture: Fixture & { agencyId: string; sensitiveId: string },
  name: string,
  options: { sensitive?: boolean } = {}
): Promise<{ id: string; name: string; email: string }> {
  const id = randomUUID();
  const fullName = `${name} ${fixture.tag}`;
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}-${fixture.tag}@example.test`;
  fixture.ids.add(id);
  await run(
    `MATCH (ag:Agency {id: $agencyId})
     CREATE (p:Practitioner {id: $id, name: $name, email: $email, phone: '0400 000 000',
       jobTitle: 'Caseworker', status: 'ACTIVE', roles: ['practitioner'], createdAt: datetime()})
     CREATE (p)-[:WORKS_AT {since: datetime()}]->(ag)`,
    {
      id,
      name: fullName,
      email,
      agencyId: options.sensitive ? fixture.sensitiveId : fixture.agencyId
    }
  );
  return { id, name: fullName, email };
}

export async function addClient(
  fixture: Fixture,
  givenName: string,
  options: { address?: { text: string; withheldById?: string } } = {}
): Promise<{ id: string; givenName: string; familyName: string }> {
  const id = randomUUID();
  const familyName = `Client${fixture.tag}`;
  fixture.ids.add(id);
  await run(
    `MATCH (a:Area {code: $area})
     CREATE (c:Client {id: $id, givenName: $givenName, familyName: $familyName, aliases: [],
       aliasesText: '', dob: date('2012-05-06'), councilCode: $area, createdAt: datetime()})
     CREATE (c)-[:LIVES_IN]->(a)`,
    { id, givenName, familyName, area: fixture.areaCode }
  );
  if (options.address) {
    const addressId = randomUUID();
    fixture.ids.add(addressId);
    await run(
      `MATCH (c:Client {id: $id})
       CREATE (c)-[:HAS_ADDRESS]->(:Address {id: $addressId, text: $text,
         withheldForSafety: $withheldById IS NOT NULL, withheldById: $withheldById, updatedAt: datetime()})`,
      {
        id,
        addressId,
        text: options.address.text,
        withheldById: options.address.withheldById ?? null
      }
    );
  }
  return { id, givenName, familyName };
}

export async function addMember(
  practitionerId: string,
  clientId: string,
  options: { restricted?: boolean; lead?: boolean; sinceDaysAgo?: number } = {}
): Promise<void> {
  await run(
    `MATCH (p:Practitioner {id: $practitionerId}), (c:Client {id: $clientId})
     CREATE (p)-[:MEMBER_OF {since: datetime() - duration({days: $days}), reason: 'test',
       restricted: $restricted, lead: $lead}]->(c)`,
    {
      practitionerId,
      clientId,
      days: options.sinceDaysAgo ?? 10,
      restricted: options.restricted ?? false,
      lead: options.lead ?? false
    }
  );
}

/** Events written about these clients (commands' and audit records), oldest first. */
export async function eventsFor(clientIds: string[]): Promise<
  {
    id: string;
    type: string;
    actorId: string | null;
    clientId: string | null;
    subjectId: string | null;
    data: string;
    outbox: boolean | null;
    published: boolean;
    audit: boolean;
  }[]
> {
  const rows = await run(
    `MATCH (e:Event) WHERE e.clientId IN $ids
     RETURN e.id AS id, e.type AS type, e.actorId AS actorId, e.clientId AS clientId,
       e.subjectId AS subjectId, e.data AS data, e.outbox AS outbox,
       e.publishedAt IS NOT NULL AS published, e:Audit AS audit
     ORDER BY e.createdAt`,
    { ids: clientIds }
  );
  return rows as Awaited<ReturnType<typeof eventsFor>>;
}

/** Deletes the fixture's nodes and every Event about its clients or by its practitioners. */
export async function removeFixture(fixture: Fixture): Promise<void> {
  const ids = [...fixture.ids];
  await run(`MATCH (e:Event) WHERE e.clientId IN $ids OR e.actorId IN $ids DETACH DELETE e`, {
    ids
  });
  // Addresses made by updateClient have ids the fixture never saw.
  await run(`MATCH (c:Client)-[:HAS_ADDRESS]->(ad:Address) WHERE c.id IN $ids DETACH DELETE ad`, {
    ids
  });
  await cleanup(ids);
}

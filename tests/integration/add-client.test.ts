/**
 * addClient and duplicate detection against a real Neo4j: validation, "Is this them?" for the same
 * date of birth with a similar name (typos, accents) and for the same name in the same council
 * area, creating with confirmNew (Client, LIVES_IN, lead MEMBER_OF, AUTO area, outbox event in one
 * transaction), and the GraphQL command.
 *
 * Fixtures (unique to this run, removed afterwards): councils A and B; practitioner P (active) and
 * S (suspended); existing clients John Smith (A, 12/03/2015) and Zoë Müller (A, 01/07/2010).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, closeTestDriver, testDatabase, testDriver, uniqueId } from '../support/db.ts';
import { executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import { ADD_CLIENT_MUTATION } from '../../src/lib/search/queries.ts';
import { addClient } from '../../src/lib/server/clients/add-client.ts';
import { validateNewClient } from '../../src/lib/server/clients/client-input.ts';
import { findLikelyDuplicates } from '../../src/lib/server/clients/duplicates.ts';
import { closeQueues } from '../../src/lib/server/queues.ts';

const id = {
  a: uniqueId('council'),
  b: uniqueId('council'),
  p: uniqueId('prac'),
  s: uniqueId('prac'),
  john: uniqueId('client'),
  zoe: uniqueId('client')
};
const tag = id.p.slice(-8);
const created: string[] = [];

const FIXTURES = `
CREATE (a:Area {id: $id.a, code: $id.a, name: 'Addcouncil ' + $tag, level: 'COUNCIL', country: 'AU', state: 'AU-NSW'})
CREATE (b:Area {id: $id.b, code: $id.b, name: 'Othercouncil ' + $tag, level: 'COUNCIL', country: 'AU', state: 'AU-NSW'})
CREATE (:Practitioner {id: $id.p, name: 'Adder ' + $tag, email: $id.p + '@example.test', status: 'ACTIVE', roles: ['practitioner']})
CREATE (:Practitioner {id: $id.s, name: 'Suspended ' + $tag, email: $id.s + '@example.test', status: 'SUSPENDED', roles: ['practitioner']})
CREATE (j:Client {id: $id.john, givenName: 'John', familyName: 'Smith', aliases: [], aliasesText: '',
  dob: date('2015-03-12'), councilCode: $id.a, createdAt: datetime()})
CREATE (z:Client {id: $id.zoe, givenName: 'Zoë', familyName: 'Müller', aliases: [], aliasesText: '',
  dob: date('2010-07-01'), councilCode: $id.a, createdAt: datetime()})
CREATE (j)-[:LIVES_IN]->(a), (z)-[:LIVES_IN]->(a)`;

const base = { viewerId: '', givenName: '', familyName: '', dob: '', councilCode: '' };

beforeAll(async () => {
  base.viewerId = id.p;
  await testDriver().executeQuery(FIXTURES, { id, tag }, { database: testDatabase() });
});

afterAll(async () => {
  await testDriver().executeQuery(
    'MATCH (e:Event) WHERE e.actorId IN $actors DETACH DELETE e',
    { actors: [id.p, id.s] },
    { database: testDatabase() }
  );
  await cleanup([...Object.values(id), ...created]);
  await closeQueues();
  await closeTestDriver();
});

describe('validation', () => {
  const today = new Date(Date.UTC(2026, 0, 15));
  const good = {
    givenName: 'Mary-Jane',
    familyName: "O'Brien",
    preferredName: 'MJ',
    aliases: 'Jane Brien, M. J. O’Brien',
    dob: '12/03/2015',
    councilCode: 'X'
  };

  it('accepts names with letters, spaces, apostrophes, hyphens and full stops', () => {
    const result = validateNewClient(good, today);
    expect(result).toEqual({
      ok: true,
      value: {
        givenName: 'Mary-Jane',
        familyName: "O'Brien",
        preferredName: 'MJ',
        aliases: ['Jane Brien', 'M. J. O’Brien'],
        dob: '2015-03-12',
        councilCode: 'X'
      }
    });
    expect(validateNewClient({ ...good, givenName: 'Zoë', familyName: 'Nguyễn' }, today).ok).toBe(
      true
    );
  });

  it('refuses bad names, dates and a missing council, naming each field', () => {
    const result = validateNewClient(
      {
        givenName: '',
        familyName: 'Sm1th',
        preferredName: 'x'.repeat(81),
        aliases: 'ok, <b>',
        dob: '31/02/2015',
        councilCode: ''
      },
      today
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(
      ['aliases', 'councilCode', 'dob', 'familyName', 'givenName', 'preferredName'].sort()
    );
  });

  it('wants a real date of birth in the past, at most 120 years ago', () => {
    const dob = (value: string) => {
      const r = validateNewClient({ ...good, dob: value }, today);
      return r.ok ? null : r.fieldErrors.dob;
    };
    expect(dob('2015-03-12')).toBeNull();
    expect(dob('16/01/2026')).toMatch(/past/);
    expect(dob('2015')).toMatch(/real date/);
    expect(dob('01/01/1905')).toMatch(/120 years/);
    expect(dob('16/01/1906')).toBeNull();
    expect(dob('')).toMatch(/Enter/);
  });
});

describe('likely duplicates', () => {
  it('finds the same date of birth with a similar (misspelt) name', async () => {
    const found = await findLikelyDuplicates({
      viewerId: id.p,
      givenName: 'Jon',
      familyName: 'Smyth',
      dob: '2015-03-12',
      councilCode: id.b
    });
    const john = found.find((c) => c.id === id.john);
    expect(john?.reasons).toEqual(['SAME_DOB_SIMILAR_NAME']);
    expect(john).toMatchObject({
      dob: '2015-03-12',
      councilName: `Addcouncil ${tag}`,
      viewerIsMember: false
    });
  });

  it('finds the same name in the same council area, whatever the date of birth or accents', async () => {
    const found = await findLikelyDuplicates({
      viewerId: id.p,
      givenName: 'ZOE',
      familyName: 'muller',
      dob: '2001-01-01',
      councilCode: id.a
    });
    expect(found.find((c) => c.id === id.zoe)?.reasons).toEqual(['SAME_NAME_SAME_COUNCIL']);
  });

  it('finds both reasons at once, and nobody for a different person', async () => {
    const both = await findLikelyDuplicates({
      viewerId: id.p,
      givenName: 'John',
      familyName: 'Smith',
      dob: '2015-03-12',
      councilCode: id.a
    });
    expect(both[0]?.id).toBe(id.john);
    expect(both[0]?.reasons.sort()).toEqual(['SAME_DOB_SIMILAR_NAME', 'SAME_NAME_SAME_COUNCIL']);

    const nobody = await findLikelyDuplicates({
      viewerId: id.p,
      givenName: 'John',
      familyName: 'Smith',
      dob: '2001-01-01',
      councilCode: id.b
    });
    expect(nobody.map((c) => c.id)).not.toContain(id.john);
  });
});

describe('addClient', () => {
  it('asks "is this them?" before creating a likely duplicate', async () => {
    const result = await addClient({
      ...base,
      givenName: 'Jon',
      familyName: 'Smith',
      dob: '12/03/2015',
      councilCode: id.b
    });
    expect(result.ok).toBe(false);
    if (result.ok || result.code !== 'POSSIBLE_DUPLICATES') throw new Error('expected duplicates');
    expect(result.candidates.map((c) => c.id)).toContain(id.john);
    const count = await testDriver().executeQuery(
      "MATCH (c:Client {familyName: 'Smith', councilCode: $b}) RETURN count(c) AS n",
      { b: id.b },
      { database: testDatabase() }
    );
    expect(count.records[0]?.get('n')).toBe(0);
  });

  it('creates with confirmNew: client, council, lead membership, AUTO area and event', async () => {
    const result = await addClient({
      ...base,
      givenName: ' Jon ',
      familyName: 'Smith',
      preferredName: 'Jonno',
      aliases: 'JJ, Jonny',
      dob: '12/03/2015',
      councilCode: id.b,
      confirmNew: true
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    created.push(result.clientId);
    const { records } = await testDriver().executeQuery(
      `MATCH (c:Client {id: $id})-[:LIVES_IN]->(a:Area)
       MATCH (p:Practitioner {id: $p})-[m:MEMBER_OF]->(c)
       MATCH (e:Event {id: $event})
       RETURN c.givenName AS given, c.familyName AS family, c.preferredName AS preferred,
         c.aliases AS aliases, c.aliasesText AS aliasesText, toString(c.dob) AS dob,
         c.councilCode AS councilCode, a.code AS area, m.lead AS lead, m.restricted AS restricted,
         m.until AS until, e.type AS type, e.clientId AS eventClient, e.outbox AS outbox,
         e.data AS data, EXISTS { (p)-[:COVERS {source: 'AUTO'}]->(a) } AS covers`,
      { id: result.clientId, p: id.p, event: result.eventId },
      { database: testDatabase() }
    );
    expect(records[0]?.toObject()).toEqual({
      given: 'Jon',
      family: 'Smith',
      preferred: 'Jonno',
      aliases: ['JJ', 'Jonny'],
      aliasesText: 'JJ Jonny',
      dob: '2015-03-12',
      councilCode: id.b,
      area: id.b,
      lead: true,
      restricted: false,
      until: null,
      type: 'client.added',
      eventClient: result.clientId,
      outbox: true,
      data: JSON.stringify({ councilCode: id.b, confirmedNotDuplicate: true }),
      covers: true
    });
  });

  it('creates straight away when nobody like them is known, finding the council by name', async () => {
    const result = await addClient({
      ...base,
      givenName: 'Aroha',
      familyName: `Uniquename${tag.replace(/\d/g, 'x')}`,
      dob: '2019-09-09',
      councilCode: `othercouncil ${tag}`
    });
    expect(result.ok).toBe(true);
    if (result.ok) created.push(result.clientId);
  });

  it('refuses an unknown council, invalid details and a suspended practitioner', async () => {
    const unknown = await addClient({
      ...base,
      givenName: 'Ann',
      familyName: 'Lee',
      dob: '01/01/2000',
      councilCode: 'nowhere'
    });
    expect(unknown).toMatchObject({
      ok: false,
      code: 'INVALID',
      fieldErrors: { councilCode: expect.any(String) }
    });

    const invalid = await addClient({
      ...base,
      givenName: 'Ann<script>',
      familyName: 'Lee',
      dob: '2000',
      councilCode: id.a
    });
    expect(invalid).toMatchObject({ ok: false, code: 'INVALID' });

    const suspended = await addClient({
      ...base,
      viewerId: id.s,
      givenName: 'Ann',
      familyName: 'Lee',
      dob: '01/01/2000',
      councilCode: id.a
    });
    expect(suspended).toMatchObject({ ok: false, code: 'INACTIVE' });
  });
});

describe('GraphQL addClient', () => {
  it('answers likely duplicates as data, then creates with confirmNew', async () => {
    const viewer = { id: id.p, roles: ['practitioner'] };
    const input = { givenName: 'Zoe', familyName: 'Muller', dob: '02/02/2002', councilCode: id.a };
    const first = await executeGraphQL<{
      addClient: { ok: boolean; code: string; candidates: { id: string; reasons: string[] }[] };
    }>(viewer, ADD_CLIENT_MUTATION, { input });
    expect(first.addClient).toMatchObject({ ok: false, code: 'POSSIBLE_DUPLICATES' });
    expect(first.addClient.candidates.map((c) => c.id)).toContain(id.zoe);

    const second = await executeGraphQL<{ addClient: { ok: boolean; clientId: string } }>(
      viewer,
      ADD_CLIENT_MUTATION,
      {
        input: { ...input, confirmNew: true }
      }
    );
    expect(second.addClient.ok).toBe(true);
    created.push(second.addClient.clientId);

    const invalid = await executeGraphQL<{
      addClient: { ok: boolean; code: string; fieldErrors: { field: string }[] };
    }>(viewer, ADD_CLIENT_MUTATION, {
      input: { givenName: '', familyName: 'X', dob: 'soon', councilCode: '' }
    });
    expect(invalid.addClient.code).toBe('INVALID');
    expect(invalid.addClient.fieldErrors.map((e) => e.field).sort()).toEqual([
      'councilCode',
      'dob',
      'givenName'
    ]);
  });
});

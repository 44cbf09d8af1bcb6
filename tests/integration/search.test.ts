/**
 * Search against a real, seeded Neo4j: local areas first, typos and accents, every date-of-birth
 * format, area scopes and filters, bad input (through the service and through GraphQL), and that a
 * client's team is never revealed by search.
 *
 * Fixtures (ids unique to this run, removed afterwards): state S with districts D1 (councils C1, C2)
 * and D2 (council C3); state S2 with council C4. Viewer V covers C1. Four clients called John Smith,
 * one in each council, born 12/03/2015; Zoë Müller (alias "Zed") in C1. Practitioner M (agency AG)
 * is on the team of the John Smith in C1; V is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, closeTestDriver, testDatabase, testDriver, uniqueId } from '../support/db.ts';
import { executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import { SEARCH_QUERY } from '../../src/lib/search/queries.ts';
import { matchBand } from '../../src/lib/search/sections.ts';
import type { SearchResults } from '../../src/lib/search/types.ts';
import { areasService } from '../../src/lib/server/search/areas.service.ts';
import { search } from '../../src/lib/server/search/search.service.ts';
import { closeQueues } from '../../src/lib/server/queues.ts';

const id = {
  s: uniqueId('st'),
  s2: uniqueId('st'),
  d1: uniqueId('dist'),
  d2: uniqueId('dist'),
  c1: uniqueId('council'),
  c2: uniqueId('council'),
  c3: uniqueId('council'),
  c4: uniqueId('council'),
  ag: uniqueId('agency'),
  v: uniqueId('prac'),
  m: uniqueId('prac'),
  j1: uniqueId('client'),
  j2: uniqueId('client'),
  j3: uniqueId('client'),
  j4: uniqueId('client'),
  z: uniqueId('client')
};
const tag = id.v.slice(-8);
const SECRET = {
  memberName: `Marjorie Teamsecret${tag}`,
  memberEmail: `marjorie-${tag}@secret.example`,
  agencyName: `Hushwood Agency ${tag}`,
  reason: `Secret reason ${tag}`,
  address: `7 Hidden Lane ${tag}`
};

const FIXTURES = `
CREATE (s:Area {id: $id.s, code: $id.s, name: 'Teststate ' + $tag, level: 'STATE', country: 'AU', state: $id.s})
CREATE (s2:Area {id: $id.s2, code: $id.s2, name: 'Otherstate ' + $tag, level: 'STATE', country: 'AU', state: $id.s2})
CREATE (d1:Area {id: $id.d1, code: $id.d1, name: 'Northdistrict ' + $tag, level: 'DISTRICT', country: 'AU', state: $id.s})
CREATE (d2:Area {id: $id.d2, code: $id.d2, name: 'Southdistrict ' + $tag, level: 'DISTRICT', country: 'AU', state: $id.s})
CREATE (c1:Area {id: $id.c1, code: $id.c1, name: 'Homecouncil ' + $tag, level: 'COUNCIL', country: 'AU', state: $id.s})
CREATE (c2:Area {id: $id.c2, code: $id.c2, name: 'Nextcouncil ' + $tag, level: 'COUNCIL', country: 'AU', state: $id.s})
CREATE (c3:Area {id: $id.c3, code: $id.c3, name: 'Farcouncil ' + $tag, level: 'COUNCIL', country: 'AU', state: $id.s})
CREATE (c4:Area {id: $id.c4, code: $id.c4, name: 'Awaycouncil ' + $tag, level: 'COUNCIL', country: 'AU', state: $id.s2})
CREATE (d1)-[:PART_OF]->(s), (d2)-[:PART_OF]->(s), (c1)-[:PART_OF]->(d1), (c2)-[:PART_OF]->(d1),
  (c3)-[:PART_OF]->(d2), (c4)-[:PART_OF]->(s2)
CREATE (ag:Agency {id: $id.ag, name: $secret.agencyName, kind: 'HOUSING', phone: '02 9000 0000', sensitive: false})
CREATE (ag)-[:SERVES]->(d1)
CREATE (v:Practitioner {id: $id.v, name: 'Vera Viewer ' + $tag, email: $id.v + '@example.test',
  jobTitle: 'Social worker', status: 'ACTIVE', roles: ['practitioner']})
CREATE (m:Practitioner {id: $id.m, name: $secret.memberName, email: $secret.memberEmail,
  jobTitle: 'Housing officer', status: 'ACTIVE', roles: ['practitioner']})
CREATE (v)-[:WORKS_AT {since: datetime()}]->(ag), (m)-[:WORKS_AT {since: datetime()}]->(ag)
CREATE (v)-[:COVERS {source: 'PROFILE'}]->(c1)
WITH c1, c2, c3, c4, m
UNWIND [[$id.j1, c1], [$id.j2, c2], [$id.j3, c3], [$id.j4, c4]] AS pair
WITH m, pair[0] AS clientId, pair[1] AS council
CREATE (c:Client {id: clientId, givenName: 'John', familyName: 'Smith', aliases: [], aliasesText: '',
  dob: date('2015-03-12'), councilCode: council.code, createdAt: datetime()})
CREATE (c)-[:LIVES_IN]->(council)
WITH m, c WHERE c.id = $id.j1
CREATE (m)-[:MEMBER_OF {since: datetime(), reason: $secret.reason, restricted: false, lead: true,
  lastConfirmedAt: datetime()}]->(c)
CREATE (c)-[:HAS_ADDRESS]->(:Address {id: $addressId, text: $secret.address, withheldForSafety: false})
WITH count(*) AS done
MATCH (c1:Area {code: $id.c1})
CREATE (z:Client {id: $id.z, givenName: 'Zoë', familyName: 'Müller', aliases: ['Zed'], aliasesText: 'Zed',
  dob: date('2010-07-01'), councilCode: $id.c1, createdAt: datetime()})
CREATE (z)-[:LIVES_IN]->(c1)`;

const addressId = uniqueId('address');
const viewer = { id: id.v, roles: ['practitioner'] };

function ids(results: SearchResults): string[] {
  return results.clients.map((c) => c.id);
}

/** Our four John Smiths in the order the search returned them. */
function johnOrder(results: SearchResults): string[] {
  const ours = new Set([id.j1, id.j2, id.j3, id.j4]);
  return ids(results).filter((c) => ours.has(c));
}

function tierOf(results: SearchResults, clientId: string): number | undefined {
  return results.clients.find((c) => c.id === clientId)?.tier;
}

beforeAll(async () => {
  await testDriver().executeQuery(
    FIXTURES,
    { id, tag, secret: SECRET, addressId },
    { database: testDatabase() }
  );
});

afterAll(async () => {
  await cleanup([...Object.values(id), addressId]);
  await closeQueues();
  await closeTestDriver();
});

describe('local areas first', () => {
  it('ranks my council, then my district, then my state, then everywhere', async () => {
    const results = await search(id.v, { q: 'John Smith', limit: 50 });
    expect(results.message).toBeNull();
    expect(results.viewerHasAreas).toBe(true);
    expect(johnOrder(results)).toEqual([id.j1, id.j2, id.j3, id.j4]);
    expect(tierOf(results, id.j1)).toBe(0);
    expect(tierOf(results, id.j2)).toBe(1);
    expect(tierOf(results, id.j3)).toBe(2);
    expect(tierOf(results, id.j4)).toBe(3);
    // Among the same kind of match, tiers never go backwards down the list, whoever else the seed
    // put there (the whole name first, then part of it, then similar spellings: sections.ts).
    for (const band of [0, 1, 2]) {
      const tiers = results.clients.filter((c) => matchBand(c.match) === band).map((c) => c.tier);
      expect([...tiers].sort((a, b) => a - b)).toEqual(tiers);
    }
    const bands = results.clients.map((c) => matchBand(c.match));
    expect([...bands].sort((a, b) => a - b)).toEqual(bands);
    expect(results.clientTiers.mine).toBeGreaterThanOrEqual(1);
    expect(results.clientTiers.district).toBeGreaterThanOrEqual(1);
    expect(results.clientTiers.state).toBeGreaterThanOrEqual(1);
    expect(results.clientTiers.rest).toBeGreaterThanOrEqual(1);
    expect(results.clients.find((c) => c.id === id.j1)?.councilName).toBe(`Homecouncil ${tag}`);
  });

  it('narrows by scope, keeping the counts of every level for the chips', async () => {
    const mine = await search(id.v, { q: 'John Smith', scope: 'mine', limit: 50 });
    expect(johnOrder(mine)).toEqual([id.j1]);
    expect(mine.clients.every((c) => c.tier === 0)).toBe(true);
    expect(mine.clientTiers.rest).toBeGreaterThanOrEqual(1);

    const district = await search(id.v, { q: 'John Smith', scope: 'district', limit: 50 });
    expect(johnOrder(district)).toEqual([id.j1, id.j2]);

    const state = await search(id.v, { q: 'John Smith', scope: 'state', limit: 50 });
    expect(johnOrder(state)).toEqual([id.j1, id.j2, id.j3]);

    const unknownScope = await search(id.v, { q: 'John Smith', scope: 'nonsense', limit: 50 });
    expect(unknownScope.scope).toBe('all');
  });

  it('filters by area codes: a district takes in its councils', async () => {
    const d2 = await search(id.v, { q: 'John Smith', areas: [id.d2], limit: 50 });
    expect(ids(d2)).toEqual([id.j3]);
    expect(d2.areas).toEqual([{ code: id.d2, name: `Southdistrict ${tag}`, level: 'DISTRICT' }]);

    const state = await search(id.v, { q: 'John Smith', areas: [id.s], limit: 50 });
    expect(ids(state).sort()).toEqual([id.j1, id.j2, id.j3].sort());

    const unknown = await search(id.v, { q: 'John Smith', areas: ['no-such-area'] });
    expect(unknown.clients).toEqual([]);
    expect(unknown.message).toMatch(/not known/);
  });

  it('ranks practitioners and agencies by the areas they cover and serve', async () => {
    const results = await search(id.v, { q: `Hushwood ${tag}`, limit: 50 });
    const agency = results.agencies.find((a) => a.id === id.ag);
    expect(agency).toMatchObject({ tier: 1, name: SECRET.agencyName });
    // The agency's staff are found by the agency's name; V covers C1, so V is local.
    const staff = results.practitioners.map((p) => p.id);
    expect(staff).toContain(id.v);
    expect(results.practitioners.find((p) => p.id === id.v)?.tier).toBe(0);
  });

  it('puts everything in the last tier for someone with no areas yet', async () => {
    const results = await search(id.m, { q: 'John Smith', limit: 50 });
    expect(results.viewerHasAreas).toBe(false);
    expect(results.clients.every((c) => c.tier === 3)).toBe(true);
  });
});

describe('my areas, remembered between searches', () => {
  it('ranks by a change to my areas in my very next search', async () => {
    const before = await search(id.v, { q: 'John Smith', limit: 50 });
    expect(tierOf(before, id.j2)).toBe(1);

    expect((await areasService().addProfileArea(id.v, id.c2)).ok).toBe(true);
    const added = await search(id.v, { q: 'John Smith', limit: 50 });
    expect(tierOf(added, id.j2)).toBe(0);

    expect((await areasService().removeProfileArea(id.v, id.c2)).ok).toBe(true);
    const removed = await search(id.v, { q: 'John Smith', limit: 50 });
    expect(tierOf(removed, id.j2)).toBe(1);
  });
});

describe('forgiving search', () => {
  it('finds a client through typos', async () => {
    const results = await search(id.v, { q: 'Jonh Smiht', limit: 50 });
    expect(ids(results)[0]).toBe(id.j1);
    expect(johnOrder(results)).toEqual([id.j1, id.j2, id.j3, id.j4]);
  });

  it('ignores accents and case, both ways', async () => {
    for (const q of ['zoe muller', 'ZOË MÜLLER', 'Zoe Müller', 'zoë']) {
      const results = await search(id.v, { q });
      expect(ids(results), q).toContain(id.z);
    }
  });

  it('matches as you type, by prefix', async () => {
    const results = await search(id.v, { q: 'Zo Mül' });
    expect(ids(results)).toContain(id.z);
  });

  it('finds a client by an alias without showing it', async () => {
    const results = await search(id.v, { q: 'Zed Muller' });
    expect(ids(results)).toContain(id.z);
    expect(JSON.stringify(results.clients)).not.toContain('Zed');
  });
});

describe('dates of birth', () => {
  it.each(['12/03/2015', '12-3-2015', '2015-03-12', '12.03.2015'])(
    'finds them by %s',
    async (q) => {
      const results = await search(id.v, { q, limit: 50 });
      expect(results.dob).toBe('12/03/2015');
      expect(johnOrder(results)).toEqual([id.j1, id.j2, id.j3, id.j4]);
      expect(results.clients.every((c) => c.dob === '2015-03-12')).toBe(true);
    }
  );

  it('finds them by year', async () => {
    const results = await search(id.v, { q: '2015', limit: 50 });
    expect(results.dob).toBe('2015');
    expect(ids(results)).toContain(id.j1);
    expect(results.clients.every((c) => c.dob?.startsWith('2015'))).toBe(true);
  });

  it('narrows a name search by date of birth', async () => {
    const results = await search(id.v, { q: 'smith 12/03/2015', limit: 50 });
    expect(johnOrder(results)).toEqual([id.j1, id.j2, id.j3, id.j4]);
    const other = await search(id.v, { q: 'smith 13/03/2015', limit: 50 });
    expect(johnOrder(other)).toEqual([]);
  });
});

describe('a common name at scale', () => {
  // More namesakes elsewhere than a search looks at (500), created first so that Lucene, which
  // breaks ties by insertion, ranks the local one last among equals.
  const crowd = `Crowdname${tag}`;
  const local = uniqueId('client');

  beforeAll(async () => {
    await testDriver().executeQuery(
      `MATCH (away:Area {code: $away}), (far:Area {code: $far})
       UNWIND range(1, 700) AS i
       CREATE (c:Client {id: $crowd + '-' + i, givenName: 'Quill', familyName: $crowd, aliases: [],
         aliasesText: '', dob: date('2011-01-01'), councilCode: away.code, createdAt: datetime()})
       CREATE (c)-[:LIVES_IN]->(away)
       WITH DISTINCT far
       CREATE (c:Client {id: $local, givenName: 'Quill', familyName: $crowd, aliases: [],
         aliasesText: '', dob: date('2012-05-05'), councilCode: far.code, createdAt: datetime()})
       CREATE (c)-[:LIVES_IN]->(far)`,
      { away: id.c4, far: id.c3, crowd, local },
      { database: testDatabase() }
    );
  });

  afterAll(async () => {
    await testDriver().executeQuery(
      'MATCH (c:Client {familyName: $crowd}) DETACH DELETE c',
      { crowd },
      { database: testDatabase() }
    );
  });

  it('finds the one in the filtered area among 700 namesakes elsewhere', async () => {
    const results = await search(id.v, { q: crowd, areas: [id.c3], limit: 10 });
    expect(ids(results)).toEqual([local]);
  });

  it('finds the one with the typed date of birth among 700 namesakes', async () => {
    const results = await search(id.v, { q: `quill ${crowd} 05/05/2012`, limit: 10 });
    expect(ids(results)).toEqual([local]);
  });
});

const BAD_INPUT = [
  '',
  '   ',
  'j',
  'x'.repeat(10_000),
  '"(~*:^[',
  'AND OR NOT',
  'john AND smith',
  'name:john OR 1=1',
  '🎉👩‍👧',
  'smith 🎉',
  '\\',
  '*',
  '?~',
  '31/02/2015',
  "'; MATCH (n) DETACH DELETE n //",
  '\u0000\u0007'
];

describe('bad input never errors', () => {
  it.each(BAD_INPUT.map((q) => [q.slice(0, 30), q]))('service: %j', async (_label, q) => {
    const results = await search(id.v, { q });
    expect(results.message === null || typeof results.message === 'string').toBe(true);
    if (results.message === null) expect(Array.isArray(results.clients)).toBe(true);
    expect(results.q.length).toBeLessThanOrEqual(200);
  });

  it('explains empty, one-letter and letterless searches', async () => {
    expect((await search(id.v, { q: '' })).message).toMatch(/Type a name/);
    expect((await search(id.v, { q: 'j' })).message).toMatch(/at least 2/);
    expect((await search(id.v, { q: '🎉' })).message).toMatch(/letters or numbers/);
    expect((await search(id.v, { q: '"(~*:^[' })).message).toMatch(/letters or numbers/);
  });

  it.each(BAD_INPUT.map((q) => [q.slice(0, 30), q]))('GraphQL: %j', async (_label, q) => {
    const data = await executeGraphQL<{ search: SearchResults }>(viewer, SEARCH_QUERY, { q });
    expect(data.search).toBeDefined();
    expect(Array.isArray(data.search.clients)).toBe(true);
  });

  it('bounds the limit', async () => {
    const data = await executeGraphQL<{ search: SearchResults }>(viewer, SEARCH_QUERY, {
      q: 'smith',
      limit: 100_000
    });
    expect(data.search.clients.length).toBeLessThanOrEqual(50);
  });
});

describe('need to know', () => {
  it('never reveals a client’s team, reason or address to a non-member', async () => {
    const service = await search(id.v, { q: 'John Smith', limit: 50 });
    const graphql = await executeGraphQL<{ search: SearchResults }>(viewer, SEARCH_QUERY, {
      q: 'John Smith',
      limit: 50
    });
    const j1 = service.clients.find((c) => c.id === id.j1);
    expect(j1?.viewerIsMember).toBe(false);
    expect(Object.keys(j1 ?? {}).sort()).toEqual(
      [
        'councilCode',
        'councilName',
        'dob',
        'familyName',
        'givenName',
        'id',
        'match',
        'preferredName',
        'score',
        'tier',
        'viewerIsMember'
      ].sort()
    );
    for (const raw of [JSON.stringify(service.clients), JSON.stringify(graphql.search.clients)]) {
      expect(raw).toContain(id.j1);
      expect(raw).not.toContain(SECRET.memberName);
      expect(raw).not.toContain(SECRET.memberEmail);
      expect(raw).not.toContain(SECRET.agencyName);
      expect(raw).not.toContain(SECRET.reason);
      expect(raw).not.toContain(SECRET.address);
      expect(raw).not.toContain(id.m);
    }
  });

  it('tells a member they are on the team, and nothing more', async () => {
    const results = await search(id.m, { q: 'John Smith', limit: 50 });
    const j1 = results.clients.find((c) => c.id === id.j1);
    expect(j1?.viewerIsMember).toBe(true);
    expect(JSON.stringify(results.clients)).not.toContain(SECRET.address);
  });
});

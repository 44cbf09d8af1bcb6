/**
 * Query.neighbourhood and Query.myNetwork against a real Neo4j, through the same GraphQL the
 * explorer sends: the graph never shows what the viewer may not see (DESIGN.md rules 2-4).
 *
 * The family (V = the viewer, a child-protection worker):
 *
 *   Wes --partner-- Zac (father; V not on his team; Otto is) --uncle-- Quinn
 *                    |                                                  |
 *                  father                                          significant
 *                    |                                                  |
 *   Kim --household-- Xena (centre: V, Cal, Rita restricted, Rhea restricted) --sibling-- Yara
 *                                                                   Quinn --family-- Pia
 *
 * V is on Xena's, Yara's and Kim's teams. Zac and Quinn are reachable but only as names; Wes and
 * Pia are behind them and never appear; the Zac-Quinn link is nobody's circle V may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, closeTestDriver, testDatabase, testDriver, uniqueId } from '../support/db.ts';
import { GraphQLOperationError, executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import type { Viewer } from '../../src/lib/server/graphql/viewer.ts';
import { closeQueues } from '../../src/lib/server/queues.ts';
import {
  JOIN_TEAM,
  MY_NETWORK_QUERY,
  NEIGHBOURHOOD_QUERY,
  type JoinTeamAnswer
} from '../../src/lib/graph-view/queries.ts';
import type {
  MyNetwork,
  Neighbourhood,
  NeighbourhoodAnswer
} from '../../src/lib/graph-view/types.ts';
import { inflateNeighbourhood } from '../../src/lib/graph-view/answer.ts';
import { packNetwork } from '../../src/lib/server/meetings/pack-network.ts';

const tag = uniqueId('nb').slice(-8);
const id = {
  area: uniqueId('council'),
  cp: uniqueId('agency'),
  police: uniqueId('agency'),
  dv: uniqueId('agency'),
  v: uniqueId('prac'),
  v2: uniqueId('prac'),
  cal: uniqueId('prac'),
  rita: uniqueId('prac'),
  rhea: uniqueId('prac'),
  otto: uniqueId('prac'),
  xena: uniqueId('client'),
  yara: uniqueId('client'),
  kim: uniqueId('client'),
  zac: uniqueId('client'),
  quinn: uniqueId('client'),
  wes: uniqueId('client'),
  pia: uniqueId('client'),
  solo: uniqueId('client'),
  xenaAddress: uniqueId('address'),
  zacAddress: uniqueId('address')
};
const secret = {
  withheld: `7 Refuge Road ${tag}`,
  open: `99 Plain Street ${tag}`,
  otto: `Otto Outsider ${tag}`,
  ottoAgency: `Zac's Police Station ${tag}`,
  rita: `Rita Restricted ${tag}`,
  rhea: `Rhea Restricted ${tag}`,
  dvAgency: `Safe Haven ${tag}`,
  wes: `Wes${tag}`,
  pia: `Pia${tag}`
};
const DUTY = `1800 ${tag.slice(0, 3)} 000`;

const FIXTURES = `
CREATE (area:Area {id: $id.area, code: $id.area, name: 'Network Council ' + $tag, level: 'COUNCIL',
  country: 'AU', state: 'AU-NSW'})
CREATE (cp:Agency {id: $id.cp, name: 'Network CP ' + $tag, kind: 'CHILD_PROTECTION', phone: '02 9000 1000',
  sensitive: false})
CREATE (police:Agency {id: $id.police, name: $secret.ottoAgency, kind: 'POLICE', phone: '02 9000 2000',
  sensitive: false})
CREATE (dv:Agency {id: $id.dv, name: $secret.dvAgency, kind: 'DOMESTIC_VIOLENCE', dutyPhone: $duty,
  sensitive: true})
WITH area, cp, police, dv
UNWIND [
  {id: $id.v, name: 'Vera Viewer ' + $tag, agency: 'cp'},
  {id: $id.v2, name: 'Vic Samedesk ' + $tag, agency: 'cp'},
  {id: $id.cal, name: 'Cal Colleague ' + $tag, agency: 'police'},
  {id: $id.rita, name: $secret.rita, agency: 'dv'},
  {id: $id.rhea, name: $secret.rhea, agency: 'dv'},
  {id: $id.otto, name: $secret.otto, agency: 'police'}
] AS row
CREATE (p:Practitioner {id: row.id, name: row.name, email: row.id + '@example.test', phone: '0400 000 000',
  jobTitle: 'Worker', status: 'ACTIVE', roles: ['practitioner'], createdAt: datetime()})
WITH area, p, CASE row.agency WHEN 'cp' THEN cp WHEN 'police' THEN police ELSE dv END AS employer
CREATE (p)-[:WORKS_AT {since: datetime()}]->(employer)
WITH DISTINCT area
UNWIND [
  {id: $id.xena, given: 'Xena'}, {id: $id.yara, given: 'Yara'}, {id: $id.kim, given: 'Kim'},
  {id: $id.zac, given: 'Zac'}, {id: $id.quinn, given: 'Quinn'}, {id: $id.wes, given: $secret.wes},
  {id: $id.pia, given: $secret.pia}, {id: $id.solo, given: 'Solo'}
] AS row
CREATE (c:Client {id: row.id, givenName: row.given, familyName: 'Network' + $tag, aliases: [],
  aliasesText: '', dob: date('2012-05-06'), councilCode: area.code, createdAt: datetime()})
CREATE (c)-[:LIVES_IN]->(area)`;

const LINKS = `
MATCH (x:Client {id: $id.xena}), (y:Client {id: $id.yara}), (k:Client {id: $id.kim}),
  (z:Client {id: $id.zac}), (q:Client {id: $id.quinn}), (w:Client {id: $id.wes}),
  (pia:Client {id: $id.pia})
CREATE (z)-[:IN_CIRCLE {kind: 'FAMILY', label: 'father', reciprocal: 'daughter'}]->(x)
CREATE (x)-[:IN_CIRCLE {kind: 'FAMILY', label: 'sibling', reciprocal: 'sibling'}]->(y)
CREATE (k)-[:IN_CIRCLE {kind: 'HOUSEHOLD', label: 'household member', reciprocal: 'household member'}]->(x)
CREATE (y)-[:IN_CIRCLE {kind: 'SIGNIFICANT', label: 'significant other', reciprocal: 'significant other'}]->(q)
CREATE (z)-[:IN_CIRCLE {kind: 'SIGNIFICANT', label: 'partner', reciprocal: 'partner'}]->(w)
CREATE (z)-[:IN_CIRCLE {kind: 'FAMILY', label: 'uncle', reciprocal: 'nephew'}]->(q)
CREATE (q)-[:IN_CIRCLE {kind: 'FAMILY', label: 'sibling', reciprocal: 'sibling'}]->(pia)
CREATE (x)-[:HAS_ADDRESS]->(:Address {id: $id.xenaAddress, text: $secret.withheld,
  withheldForSafety: true, withheldById: $id.v, updatedAt: datetime()})
CREATE (z)-[:HAS_ADDRESS]->(:Address {id: $id.zacAddress, text: $secret.open,
  withheldForSafety: false, updatedAt: datetime()})`;

const MEMBERS = `
UNWIND $rows AS row
MATCH (p:Practitioner {id: row.p}), (c:Client {id: row.c})
CREATE (p)-[:MEMBER_OF {since: datetime() - duration({days: 3}), reason: 'test',
  restricted: row.restricted, lead: row.lead}]->(c)`;

const member = (p: string, c: string, options: { restricted?: boolean; lead?: boolean } = {}) => ({
  p,
  c,
  restricted: options.restricted ?? false,
  lead: options.lead ?? false
});

async function run(cypher: string, params: Record<string, unknown>): Promise<void> {
  await testDriver().executeQuery(cypher, params, { database: testDatabase() });
}

const as = (practitionerId: string): Viewer => ({ id: practitionerId, roles: ['practitioner'] });

/** The answer put back together as the explorer reads it, with the answer as sent in `raw`. */
async function neighbourhood(
  viewer: string,
  clientId: string,
  variables: { depth?: number; limit?: number } = {}
): Promise<Neighbourhood & { raw: NeighbourhoodAnswer }> {
  const data = await executeGraphQL<{ neighbourhood: NeighbourhoodAnswer }>(
    as(viewer),
    NEIGHBOURHOOD_QUERY,
    { clientId, ...variables }
  );
  return { ...inflateNeighbourhood(data.neighbourhood), raw: data.neighbourhood };
}

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphQLOperationError) return error.code;
    throw error;
  }
  return undefined;
}

/** Everything the viewer could read (the raw answer included), as one string: secrets must be absent from all of it. */
const everything = (value: unknown) => JSON.stringify(value);

beforeAll(async () => {
  await run(FIXTURES, { id, tag, secret, duty: DUTY });
  await run(LINKS, { id, secret });
  await run(MEMBERS, {
    rows: [
      member(id.v, id.xena, { lead: true }),
      member(id.v, id.yara),
      member(id.v, id.kim),
      member(id.v, id.solo, { restricted: true }),
      member(id.v2, id.xena),
      member(id.cal, id.xena),
      member(id.cal, id.yara),
      member(id.rita, id.xena, { restricted: true }),
      member(id.rhea, id.xena, { restricted: true }),
      member(id.rita, id.yara, { restricted: true }),
      member(id.otto, id.zac, { lead: true }),
      member(id.otto, id.wes)
    ]
  });
});

afterAll(async () => {
  const ids = Object.values(id);
  await run('MATCH (e:Event) WHERE e.clientId IN $ids OR e.actorId IN $ids DETACH DELETE e', {
    ids
  });
  await cleanup(ids);
  await closeQueues();
  await closeTestDriver();
});

describe('neighbourhood', () => {
  it('refuses a start whose team the viewer is not on, and unknown clients, alike', async () => {
    expect(await refusal(neighbourhood(id.v, id.zac))).toBe('FORBIDDEN');
    expect(await refusal(neighbourhood(id.otto, id.xena))).toBe('FORBIDDEN');
    expect(await refusal(neighbourhood(id.v, uniqueId('client')))).toBe('FORBIDDEN');
    expect(await refusal(executeGraphQL(null, NEIGHBOURHOOD_QUERY, { clientId: id.xena }))).toBe(
      'UNAUTHENTICATED'
    );
  });

  it('shows the circle one hop out, with teams only for people whose team the viewer is on', async () => {
    const n = await neighbourhood(id.v, id.xena);
    expect(n.centreId).toBe(id.xena);
    expect(n.depth).toBe(1);
    expect(n.truncated).toBe(false);
    const byId = new Map(n.people.map((p) => [p.clientId, p]));
    expect([...byId.keys()].sort()).toEqual([id.xena, id.yara, id.kim, id.zac].sort());
    expect(n.people[0]?.clientId).toBe(id.xena);
    expect(byId.get(id.xena)?.distance).toBe(0);

    // Zac: a name and a Join-team action, nothing behind it.
    const zac = byId.get(id.zac);
    expect(zac).toMatchObject({ givenName: 'Zac', viewerIsMember: false, team: [] });

    const team = byId.get(id.xena)?.team ?? [];
    const named = team.filter((m) => !m.masked).map((m) => m.practitionerId);
    expect(named.sort()).toEqual([id.v, id.v2, id.cal].sort());
    expect(team.find((m) => m.isViewer)?.practitionerId).toBe(id.v);
    expect(team.find((m) => m.practitionerId === id.cal)).toMatchObject({
      agencyKind: 'POLICE',
      agencyName: secret.ottoAgency,
      email: `${id.cal}@example.test`
    });
  });

  it('masks restricted members: one entry, no duty line, name, id or agency', async () => {
    const n = await neighbourhood(id.v, id.xena, { depth: 2 });
    const xena = n.people.find((p) => p.clientId === id.xena);
    const masked = xena?.team.filter((m) => m.masked) ?? [];
    // Rita and Rhea are both restricted: one entry, not two, and nothing that names the service.
    expect(masked).toHaveLength(1);
    expect(masked[0]).toEqual({ masked: true, restricted: true, lead: false, isViewer: false });
    expect(masked[0]?.practitionerId ?? null).toBeNull();
    expect(masked[0]?.name ?? null).toBeNull();
    expect(masked[0]?.agencyName ?? null).toBeNull();
    const json = everything(n);
    for (const hidden of [
      secret.rita,
      secret.rhea,
      secret.dvAgency,
      id.rita,
      id.rhea,
      id.dv,
      DUTY
    ]) {
      expect(json).not.toContain(hidden);
    }
  });

  it('walks further only through people whose team the viewer is on', async () => {
    const n = await neighbourhood(id.v, id.xena, { depth: 3 });
    const ids = n.people.map((p) => p.clientId);
    // Quinn is reached through Yara (V is on her team); Wes and Pia sit behind Zac and Quinn.
    expect(ids).toContain(id.quinn);
    expect(n.people.find((p) => p.clientId === id.quinn)).toMatchObject({
      distance: 2,
      viewerIsMember: false,
      team: []
    });
    expect(ids).not.toContain(id.wes);
    expect(ids).not.toContain(id.pia);
    const pairs = n.links.map((l) => [l.fromId, l.toId].sort().join('|'));
    expect(pairs).toContain([id.yara, id.quinn].sort().join('|'));
    expect(pairs).toContain([id.kim, id.xena].sort().join('|'));
    // Zac-Quinn is in Zac's and Quinn's circles, neither of which V may see.
    expect(pairs).not.toContain([id.zac, id.quinn].sort().join('|'));
    const father = n.links.find((l) => l.fromId === id.zac && l.toId === id.xena);
    expect(father).toMatchObject({ kind: 'FAMILY', label: 'father', reciprocal: 'daughter' });
  });

  it('never carries an address, or anything of the teams the viewer is not on', async () => {
    for (const depth of [1, 2, 3]) {
      const json = everything(await neighbourhood(id.v, id.xena, { depth }));
      for (const hidden of [
        secret.withheld,
        secret.open,
        secret.otto,
        id.otto,
        secret.wes,
        secret.pia,
        id.xenaAddress,
        id.zacAddress
      ]) {
        expect(json).not.toContain(hidden);
      }
      expect(json).not.toMatch(/Refuge Road|Plain Street/);
    }
  });

  it('clamps depth to 1-3 and caps people at limit, nearest first', async () => {
    expect((await neighbourhood(id.v, id.xena, { depth: 0 })).depth).toBe(1);
    expect((await neighbourhood(id.v, id.xena, { depth: 99 })).depth).toBe(3);
    const capped = await neighbourhood(id.v, id.xena, { depth: 3, limit: 2 });
    expect(capped.truncated).toBe(true);
    expect(capped.people).toHaveLength(2);
    expect(capped.people[0]?.clientId).toBe(id.xena);
    expect(capped.people[1]?.distance).toBe(1);
    for (const link of capped.links) {
      expect(capped.people.map((p) => p.clientId)).toEqual(
        expect.arrayContaining([link.fromId, link.toId])
      );
    }
  });

  it('draws the meeting pack’s network from the same rules, and nothing for a non-member', async () => {
    const xena = { id: id.xena, givenName: 'Xena', familyName: `Network${tag}` };
    const drawn = await packNetwork(as(id.v), xena);
    expect(drawn).not.toBeNull();
    const svg = drawn!.svg;
    const words = svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain(`The network around Xena Network${tag}`);
    // The circle one step out, Zac as a name, the team with one masked entry (no duty line).
    expect(words).not.toContain(DUTY);
    for (const shown of ['Xena', 'Yara', 'Kim', 'Zac', 'Cal Colleague', 'Restricted service']) {
      expect(words).toContain(shown);
    }
    expect(words).toContain('Person (not on your team)');
    expect(drawn).toMatchObject({ people: 4, practitioners: 3, truncated: false });
    for (const hidden of [
      secret.rita,
      secret.rhea,
      secret.dvAgency,
      secret.withheld,
      secret.open,
      secret.otto,
      secret.wes,
      secret.pia,
      'Quinn'
    ]) {
      expect(svg).not.toContain(hidden);
    }
    expect(await packNetwork(as(id.otto), xena)).toBeNull();
    expect(await packNetwork(as(id.v), { ...xena, id: id.zac })).toBeNull();
  });

  it('shows a restricted member to themselves, and the rest of the team as to anybody', async () => {
    const n = await neighbourhood(id.rita, id.xena);
    const team = n.people.find((p) => p.clientId === id.xena)?.team ?? [];
    expect(team.find((m) => m.isViewer)).toMatchObject({
      practitionerId: id.rita,
      masked: false,
      restricted: true
    });
    // Rhea (same service) stays masked even to Rita.
    expect(everything(n)).not.toContain(secret.rhea);
  });

  it('after joining a circle member’s team, shows their team and what is behind them', async () => {
    const { joinTeam } = await executeGraphQL<JoinTeamAnswer>(as(id.v), JOIN_TEAM, {
      clientId: id.zac,
      reason: 'Working with the family'
    });
    expect(joinTeam.ok).toBe(true);
    const fromXena = await neighbourhood(id.v, id.xena);
    const zac = fromXena.people.find((p) => p.clientId === id.zac);
    expect(zac?.viewerIsMember).toBe(true);
    expect(zac?.team.map((m) => m.name)).toContain(secret.otto);
    const fromZac = await neighbourhood(id.v, id.zac);
    expect(fromZac.people.map((p) => p.clientId)).toContain(id.wes);
    // Still never an address, not even Zac's open one (the graph is not the team page).
    expect(everything(fromZac)).not.toContain(secret.open);
  });
});

describe('myNetwork', () => {
  it('lists the viewer’s clients and colleagues from other agencies, never restricted ones', async () => {
    const { myNetwork } = await executeGraphQL<{ myNetwork: MyNetwork }>(
      as(id.cal),
      MY_NETWORK_QUERY,
      { limit: 50 }
    );
    expect(myNetwork.viewerId).toBe(id.cal);
    expect(myNetwork.clients.map((c) => c.clientId).sort()).toEqual([id.xena, id.yara].sort());
    const colleagues = new Map(myNetwork.colleagues.map((c) => [c.practitionerId, c]));
    // V shares Xena and Yara; V2 shares Xena; Otto is Cal's own agency; Rita/Rhea are restricted.
    expect(colleagues.get(id.v)).toMatchObject({ sharedCount: 2 });
    expect(colleagues.get(id.v)?.sharedClientIds.sort()).toEqual([id.xena, id.yara].sort());
    expect(colleagues.get(id.v2)).toMatchObject({ sharedCount: 1 });
    expect(colleagues.has(id.otto)).toBe(false);
    const json = everything(myNetwork);
    for (const hidden of [id.rita, id.rhea, secret.rita, secret.rhea, secret.withheld]) {
      expect(json).not.toContain(hidden);
    }
  });

  it('leaves out the viewer’s own restricted memberships and same-agency colleagues', async () => {
    const { myNetwork } = await executeGraphQL<{ myNetwork: MyNetwork }>(
      as(id.v),
      MY_NETWORK_QUERY,
      {}
    );
    const clients = myNetwork.clients.map((c) => c.clientId);
    expect(clients).not.toContain(id.solo);
    expect(clients).toEqual(expect.arrayContaining([id.xena, id.yara, id.kim]));
    const colleagues = myNetwork.colleagues.map((c) => c.practitionerId);
    expect(colleagues).toContain(id.cal);
    expect(colleagues).not.toContain(id.v2);
    expect(colleagues).not.toContain(id.rita);
  });
});

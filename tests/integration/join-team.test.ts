/**
 * joinTeam against a real Neo4j and Redis: the membership, the AUTO area and the outbox event are
 * written in one transaction and the event reaches the events queue; every refusal; restricted
 * joins only for sensitive services; two joins at once make one membership; a failed publish
 * leaves the join in place for the sweeper; the GraphQL command does the same.
 */
import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, closeTestDriver, testDatabase, testDriver, uniqueId } from '../support/db.ts';
import { executeGraphQL } from '../../src/lib/server/graphql/execute.ts';
import { JOIN_TEAM_MUTATION } from '../../src/lib/search/queries.ts';
import { closeQueues, getEventsQueue } from '../../src/lib/server/queues.ts';
import { joinTeam } from '../../src/lib/server/teams/join-team.ts';

const id = {
  council: uniqueId('council'),
  ag: uniqueId('agency'),
  dv: uniqueId('agency'),
  p: uniqueId('prac'),
  q: uniqueId('prac'),
  r: uniqueId('prac'),
  suspended: uniqueId('prac'),
  c1: uniqueId('client'),
  c2: uniqueId('client'),
  c3: uniqueId('client'),
  c4: uniqueId('client'),
  c5: uniqueId('client')
};
const tag = id.p.slice(-8);

const FIXTURES = `
CREATE (area:Area {id: $id.council, code: $id.council, name: 'Joincouncil ' + $tag, level: 'COUNCIL', country: 'AU', state: 'AU-NSW'})
CREATE (ag:Agency {id: $id.ag, name: 'Join School ' + $tag, kind: 'SCHOOL', sensitive: false})
CREATE (dv:Agency {id: $id.dv, name: 'Join Refuge ' + $tag, kind: 'DOMESTIC_VIOLENCE', dutyPhone: '1800 000 000', sensitive: true})
WITH area, ag, dv
UNWIND [
  {id: $id.p, status: 'ACTIVE', agency: 'ag'},
  {id: $id.q, status: 'ACTIVE', agency: 'ag'},
  {id: $id.r, status: 'ACTIVE', agency: 'dv'},
  {id: $id.suspended, status: 'SUSPENDED', agency: 'ag'}
] AS row
CREATE (p:Practitioner {id: row.id, name: 'Joiner ' + row.id, email: row.id + '@example.test',
  status: row.status, roles: ['practitioner']})
WITH area, p, CASE row.agency WHEN 'dv' THEN dv ELSE ag END AS employer
CREATE (p)-[:WORKS_AT {since: datetime()}]->(employer)
WITH DISTINCT area
UNWIND [$id.c1, $id.c2, $id.c3, $id.c4, $id.c5] AS clientId
CREATE (c:Client {id: clientId, givenName: 'Jamie', familyName: 'Joiner', aliases: [], aliasesText: '',
  dob: date('2012-05-06'), councilCode: area.code, createdAt: datetime()})
CREATE (c)-[:LIVES_IN]->(area)`;

const eventIds: string[] = [];

async function one<T>(query: string, params: Record<string, unknown>): Promise<T | undefined> {
  const { records } = await testDriver().executeQuery(query, params, { database: testDatabase() });
  return records[0]?.toObject() as T | undefined;
}

beforeAll(async () => {
  await testDriver().executeQuery(FIXTURES, { id, tag }, { database: testDatabase() });
});

afterAll(async () => {
  await testDriver().executeQuery(
    'MATCH (e:Event) WHERE e.actorId IN $actors DETACH DELETE e',
    { actors: [id.p, id.q, id.r, id.suspended] },
    { database: testDatabase() }
  );
  await cleanup([...Object.values(id), ...eventIds]);
  await closeQueues();
  await closeTestDriver();
});

describe('joinTeam', () => {
  it('joins, allocates the council area and publishes the outbox event', async () => {
    const result = await joinTeam({
      viewerId: id.p,
      clientId: id.c1,
      reason: '  School   nurse\n for Jamie ',
      restricted: false
    });
    expect(result).toMatchObject({ ok: true, clientId: id.c1, restricted: false });
    if (!result.ok) return;
    eventIds.push(result.eventId);

    const membership = await one<Record<string, unknown>>(
      `MATCH (:Practitioner {id: $p})-[m:MEMBER_OF]->(:Client {id: $c})
       RETURN m.reason AS reason, m.restricted AS restricted, m.lead AS lead, m.until AS until,
              m.since IS NOT NULL AS hasSince, m.lastConfirmedAt IS NOT NULL AS confirmed`,
      { p: id.p, c: id.c1 }
    );
    expect(membership).toEqual({
      reason: 'School nurse for Jamie',
      restricted: false,
      lead: false,
      until: null,
      hasSince: true,
      confirmed: true
    });

    const covers = await one<{ sources: string[] }>(
      `MATCH (:Practitioner {id: $p})-[c:COVERS]->(:Area {code: $code}) RETURN collect(c.source) AS sources`,
      { p: id.p, code: id.council }
    );
    expect(covers?.sources).toEqual(['AUTO']);

    const event = await one<Record<string, unknown>>(
      `MATCH (e:Event {id: $id}) RETURN e.type AS type, e.actorId AS actorId, e.clientId AS clientId,
         e.subjectId AS subjectId, e.data AS data, e.outbox AS outbox,
         e.createdAt IS NOT NULL AS created, e.publishedAt IS NOT NULL AS published`,
      { id: result.eventId }
    );
    expect(event).toEqual({
      type: 'team.joined',
      actorId: id.p,
      clientId: id.c1,
      subjectId: id.p,
      data: JSON.stringify({ restricted: false }),
      outbox: true,
      created: true,
      published: true
    });
    // Ids only in the event: the free-text reason stays on the membership.
    expect(String(event?.data)).not.toContain('nurse');

    const job = await getEventsQueue().getJob(result.eventId);
    expect(job?.name).toBe('fan-out');
    expect(job?.data).toEqual({ eventId: result.eventId });
  });

  it('adds one AUTO area however many clients live there', async () => {
    const second = await joinTeam({ viewerId: id.p, clientId: id.c2, reason: 'School nurse' });
    expect(second.ok).toBe(true);
    if (second.ok) eventIds.push(second.eventId);
    const covers = await one<{ n: number }>(
      `MATCH (:Practitioner {id: $p})-[c:COVERS {source: 'AUTO'}]->(:Area {code: $code}) RETURN count(c) AS n`,
      { p: id.p, code: id.council }
    );
    expect(covers?.n).toBe(1);
  });

  it('refuses a second membership, an unknown client and a missing or long reason', async () => {
    expect(await joinTeam({ viewerId: id.p, clientId: id.c1, reason: 'again' })).toMatchObject({
      ok: false,
      code: 'ALREADY_MEMBER'
    });
    expect(
      await joinTeam({ viewerId: id.p, clientId: 'no-such-client', reason: 'x' })
    ).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    });
    for (const reason of ['', '   ', 'x'.repeat(201)]) {
      expect(await joinTeam({ viewerId: id.q, clientId: id.c3, reason })).toMatchObject({
        ok: false,
        code: 'INVALID_REASON'
      });
    }
    expect(
      await joinTeam({ viewerId: id.q, clientId: id.c3, reason: 'x'.repeat(200) })
    ).toMatchObject({
      ok: true
    });
  });

  it('refuses a suspended practitioner', async () => {
    expect(await joinTeam({ viewerId: id.suspended, clientId: id.c3, reason: 'x' })).toMatchObject({
      ok: false,
      code: 'INACTIVE'
    });
  });

  it('lets only members of a sensitive service join as restricted', async () => {
    expect(
      await joinTeam({ viewerId: id.q, clientId: id.c4, reason: 'Teacher', restricted: true })
    ).toMatchObject({ ok: false, code: 'RESTRICTED_NOT_ALLOWED' });

    const restricted = await joinTeam({
      viewerId: id.r,
      clientId: id.c4,
      reason: 'Refuge worker',
      restricted: true
    });
    expect(restricted).toMatchObject({ ok: true, restricted: true });
    if (restricted.ok) eventIds.push(restricted.eventId);
    const row = await one<{ restricted: boolean }>(
      `MATCH (:Practitioner {id: $r})-[m:MEMBER_OF]->(:Client {id: $c}) RETURN m.restricted AS restricted`,
      { r: id.r, c: id.c4 }
    );
    expect(row?.restricted).toBe(true);
  });

  it('makes one membership when the same person joins twice at once', async () => {
    const results = await Promise.all([
      joinTeam({ viewerId: id.q, clientId: id.c5, reason: 'Tab one' }),
      joinTeam({ viewerId: id.q, clientId: id.c5, reason: 'Tab two' }),
      joinTeam({ viewerId: id.q, clientId: id.c5, reason: 'Tab three' })
    ]);
    for (const r of results) if (r.ok) eventIds.push(r.eventId);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual([
      'ALREADY_MEMBER',
      'ALREADY_MEMBER'
    ]);
    const count = await one<{ n: number }>(
      `MATCH (:Practitioner {id: $q})-[m:MEMBER_OF]->(:Client {id: $c}) WHERE m.until IS NULL RETURN count(m) AS n`,
      { q: id.q, c: id.c5 }
    );
    expect(count?.n).toBe(1);
  });

  it('keeps the join when publishing fails, leaving the event to the outbox sweeper', async () => {
    const broken = {
      addBulk: () => Promise.reject(new Error('Redis is down'))
    } as unknown as Queue;
    const result = await joinTeam(
      { viewerId: id.p, clientId: id.c3, reason: 'School nurse' },
      testDriver(),
      testDatabase(),
      () => broken
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    eventIds.push(result.eventId);
    const event = await one<{ published: boolean; outbox: boolean }>(
      'MATCH (e:Event {id: $id}) RETURN e.publishedAt IS NOT NULL AS published, e.outbox AS outbox',
      { id: result.eventId }
    );
    expect(event).toEqual({ published: false, outbox: true });
  });
});

describe('GraphQL joinTeam', () => {
  it('joins as the signed-in viewer and answers refusals as data', async () => {
    const viewer = { id: id.r, roles: ['practitioner'] };
    const first = await executeGraphQL<{ joinTeam: Record<string, unknown> }>(
      viewer,
      JOIN_TEAM_MUTATION,
      {
        clientId: id.c1,
        reason: 'Refuge worker'
      }
    );
    expect(first.joinTeam).toMatchObject({
      ok: true,
      clientId: id.c1,
      restricted: false,
      code: null
    });
    eventIds.push(String(first.joinTeam.eventId));

    const again = await executeGraphQL<{ joinTeam: Record<string, unknown> }>(
      viewer,
      JOIN_TEAM_MUTATION,
      {
        clientId: id.c1,
        reason: 'Refuge worker'
      }
    );
    expect(again.joinTeam).toMatchObject({ ok: false, code: 'ALREADY_MEMBER' });
    expect(typeof again.joinTeam.message).toBe('string');
  });

  it('refuses anonymous callers', async () => {
    await expect(
      executeGraphQL(null, JOIN_TEAM_MUTATION, { clientId: id.c2, reason: 'x' })
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

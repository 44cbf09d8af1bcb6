/**
 * Fixtures for the alerts tests: a client with a team of practitioners (some restricted, one lead,
 * some with DIGEST or OFF preferences, one former member), outbox events written the way commands
 * write them, and helpers to wait for the pipeline. Every node gets a unique id and is deleted
 * again by `cleanup()`, so the tests share the seeded test database without touching its data.
 */
import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import type { AlertKind, AlertMode } from '../../src/lib/server/alerts/kinds.ts';
import { ALERT_KINDS } from '../../src/lib/server/alerts/kinds.ts';

export interface MemberSpec {
  key: string;
  name?: string;
  restricted?: boolean;
  lead?: boolean;
  former?: boolean;
  mode?: AlertMode;
  timeZone?: string;
  /** Membership began (and was last confirmed) this many days ago. */
  sinceDaysAgo?: number;
}

export interface Fixture {
  clientId: string;
  givenName: string;
  familyName: string;
  members: Record<string, { id: string; name: string; email: string; agencyId: string }>;
  ids: string[];
}

export async function createTeam(
  driver: Driver,
  database: string,
  specs: MemberSpec[],
  client: { givenName: string; familyName: string } = {
    givenName: 'Alex',
    familyName: 'Brightwater'
  }
): Promise<Fixture> {
  const tag = randomUUID().slice(0, 8);
  const clientId = randomUUID();
  const members: Fixture['members'] = {};
  const rows = specs.map((spec) => {
    const id = randomUUID();
    const agencyId = randomUUID();
    const name = spec.name ?? `Practitioner ${spec.key} ${tag}`;
    const email = `${spec.key.toLowerCase()}-${tag}@fixtures.teamaround.example`;
    members[spec.key] = { id, name, email, agencyId };
    const prefs = spec.mode
      ? JSON.stringify(Object.fromEntries(ALERT_KINDS.map((k) => [k, spec.mode])))
      : null;
    return {
      id,
      agencyId,
      name,
      email,
      prefs,
      timeZone: spec.timeZone ?? 'Australia/Sydney',
      agencyName: spec.restricted ? `Safe Haven DV Service ${tag}` : `Agency ${spec.key} ${tag}`,
      sensitive: Boolean(spec.restricted),
      restricted: Boolean(spec.restricted),
      lead: Boolean(spec.lead),
      former: Boolean(spec.former),
      sinceDaysAgo: spec.sinceDaysAgo ?? 10
    };
  });
  await driver.executeQuery(
    `CREATE (c:Client {id: $clientId, givenName: $givenName, familyName: $familyName, councilCode: 'TEST',
       createdAt: datetime()})
     WITH c
     UNWIND $rows AS row
     CREATE (a:Agency {id: row.agencyId, name: row.agencyName, kind: CASE WHEN row.sensitive THEN 'DOMESTIC_VIOLENCE' ELSE 'SCHOOL' END,
       sensitive: row.sensitive, dutyPhone: '1800 000 000', createdAt: datetime()})
     CREATE (p:Practitioner {id: row.id, name: row.name, email: row.email, status: 'ACTIVE', roles: ['practitioner'],
       timeZone: row.timeZone, alertPrefs: row.prefs, createdAt: datetime()})
     CREATE (p)-[:WORKS_AT {since: datetime()}]->(a)
     CREATE (p)-[m:MEMBER_OF {since: datetime() - duration({days: row.sinceDaysAgo}), reason: 'fixture',
       restricted: row.restricted, lead: row.lead,
       lastConfirmedAt: datetime() - duration({days: row.sinceDaysAgo})}]->(c)
     FOREACH (_ IN CASE WHEN row.former THEN [1] ELSE [] END | SET m.until = datetime())`,
    { clientId, ...client, rows },
    { database }
  );
  return {
    clientId,
    ...client,
    members,
    ids: [clientId, ...rows.flatMap((r) => [r.id, r.agencyId])]
  };
}

export async function createAttention(
  driver: Driver,
  database: string,
  fixture: Fixture,
  raiserKey: string,
  message = 'Fixture attention: please call the school before Friday'
): Promise<string> {
  const id = randomUUID();
  await driver.executeQuery(
    `MATCH (p:Practitioner {id: $raiserId}), (c:Client {id: $clientId})
     CREATE (p)-[:RAISED]->(:Attention {id: $id, message: $message, priority: 'URGENT', createdAt: datetime()})-[:ABOUT]->(c)`,
    { raiserId: fixture.members[raiserKey]!.id, clientId: fixture.clientId, id, message },
    { database }
  );
  fixture.ids.push(id);
  return id;
}

export interface EventSpec {
  type: AlertKind | string;
  actorId: string | null;
  subjectId?: string | null;
}

/** Writes outbox events as a command does (publishedAt null, outbox true); returns their ids. */
export async function createEvents(
  driver: Driver,
  database: string,
  clientId: string,
  events: EventSpec[]
): Promise<string[]> {
  const rows = events.map((e) => ({
    id: randomUUID(),
    type: e.type,
    actorId: e.actorId,
    subjectId: e.subjectId ?? null
  }));
  for (let i = 0; i < rows.length; i += 2000) {
    await driver.executeQuery(
      `UNWIND $rows AS row
       CREATE (:Event {id: row.id, type: row.type, actorId: row.actorId, clientId: $clientId, subjectId: row.subjectId,
         data: '{}', createdAt: datetime(), outbox: true})`,
      { rows: rows.slice(i, i + 2000), clientId },
      { database }
    );
  }
  return rows.map((r) => r.id);
}

/** Deletes the fixture's nodes and everything the pipeline made for it. */
export async function cleanupFixture(
  driver: Driver,
  database: string,
  fixture: Fixture
): Promise<void> {
  const memberIds = Object.values(fixture.members).map((m) => m.id);
  await driver.executeQuery(
    `CALL () { MATCH (n:Notification {clientId: $clientId}) DETACH DELETE n }
     CALL () { MATCH (d:Digest) WHERE d.recipientId IN $memberIds DETACH DELETE d }
     CALL () { MATCH (e:Event {clientId: $clientId}) DETACH DELETE e }
     CALL () { MATCH (n) WHERE n.id IN $ids DETACH DELETE n }`,
    { clientId: fixture.clientId, memberIds, ids: fixture.ids },
    { database }
  );
}

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  intervalMs = 100
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Notification counts by status for some events. */
export async function notificationStatus(
  driver: Driver,
  database: string,
  eventIds: string[]
): Promise<Record<string, number>> {
  const { records } = await driver.executeQuery(
    `MATCH (n:Notification) WHERE n.eventId IN $eventIds RETURN n.mode + ':' + n.status AS key, count(*) AS count`,
    { eventIds },
    { database, routing: 'READ' }
  );
  return Object.fromEntries(records.map((r) => [r.get('key') as string, Number(r.get('count'))]));
}

/** True once every event is fanned out and none of its immediate notifications is still pending. */
export async function settled(
  driver: Driver,
  database: string,
  eventIds: string[]
): Promise<boolean> {
  const { records } = await driver.executeQuery(
    `MATCH (e:Event) WHERE e.id IN $eventIds
     WITH count(e) AS total, count(e.fannedOutAt) AS fanned
     OPTIONAL MATCH (n:Notification) WHERE n.eventId IN $eventIds AND n.mode = 'IMMEDIATE' AND n.status = 'PENDING'
     RETURN total, fanned, count(n) AS pending`,
    { eventIds },
    { database, routing: 'READ' }
  );
  const r = records[0];
  return (
    Boolean(r) &&
    Number(r!.get('total')) === Number(r!.get('fanned')) &&
    Number(r!.get('pending')) === 0
  );
}

/**
 * Fixtures for the accounts tests: a small area tree (state > two districts > councils),
 * agencies, practitioners (a member of a client's team, a local lead, an outsider, an admin) and
 * clients, all with ids unique to the run. `removeAccountsFixture` deletes them and everything the
 * services created about them (invites, resets, tokens, requests, audit records).
 */
import { randomUUID } from 'node:crypto';
import { createSession } from '../../src/lib/server/auth/sessions.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { closeRedis } from '../../src/lib/server/redis.ts';
import { closeQueues } from '../../src/lib/server/queues.ts';
import { listOutbox, type OutboxEmail } from '../../workers/mail/local-outbox.ts';
import { closeTestDriver, testDatabase, testDriver } from '../support/db.ts';

export const FIXTURE_PASSWORD = 'fixture harbour kettle 2026';

export interface Person {
  id: string;
  email: string;
  name: string;
  roles: string[];
}

export interface AccountsFixture {
  tag: string;
  /** The lead's district, its councils, and another district outside the lead's scope. */
  districtCode: string;
  councilCode: string;
  otherCouncilCode: string;
  agencyId: string;
  otherAgencyId: string;
  /** A practitioner in the lead's scope and a member of `client`'s team. */
  member: Person;
  lead: Person;
  /** A practitioner whose agency serves the other district only. */
  outsider: Person;
  admin: Person;
  /** In the lead's district; `member` is on its team. */
  client: { id: string; name: string };
  /** In the other district; nobody of the fixture is on its team. */
  otherClient: { id: string; name: string };
  ids: Set<string>;
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

let passwordHash: Promise<string> | undefined;
/** Numbers every person's email, so a retried test adding "the same" person gets a new one. */
let added = 0;

export async function addPerson(
  fixture: Pick<AccountsFixture, 'tag' | 'ids'>,
  name: string,
  options: { roles?: string[]; agencyId?: string | null; status?: string } = {}
): Promise<Person> {
  passwordHash ??= hashPassword(FIXTURE_PASSWORD);
  const id = randomUUID();
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '.');
  const email = `${slug}.${++added}.${fixture.tag}@fixture.example`;
  const roles = options.roles ?? ['practitioner'];
  await run(
    `CREATE (p:Practitioner {id: $id, email: $email, name: $name, phone: '02 9555 0100',
       jobTitle: 'Caseworker', status: $status, roles: $roles, createdAt: datetime(),
       passwordHash: $hash, timeZone: 'Australia/Sydney'})
     WITH p
     OPTIONAL MATCH (a:Agency {id: $agencyId})
     FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END |
       CREATE (p)-[:WORKS_AT {since: datetime()}]->(a))`,
    {
      id,
      email,
      name,
      roles,
      status: options.status ?? 'ACTIVE',
      hash: await passwordHash,
      agencyId: options.agencyId ?? null
    }
  );
  fixture.ids.add(id);
  return { id, email, name, roles };
}

export async function createAccountsFixture(): Promise<AccountsFixture> {
  const tag = randomUUID().replace(/-/g, '').slice(0, 10);
  const ids = new Set<string>();
  const code = (prefix: string) => {
    const value = `${prefix}-${tag}`;
    ids.add(value);
    return value;
  };
  const stateCode = code('TS');
  const districtCode = code('TD');
  const councilCode = code('TC');
  const otherDistrictCode = code('TDX');
  const otherCouncilCode = code('TCX');
  const agencyId = randomUUID();
  const otherAgencyId = randomUUID();
  ids.add(agencyId);
  ids.add(otherAgencyId);
  await run(
    `CREATE (s:Area {id: $s, code: $s, name: 'Test State ' + $tag, level: 'STATE'})
     CREATE (d:Area {id: $d, code: $d, name: 'Test District ' + $tag, level: 'DISTRICT'})-[:PART_OF]->(s)
     CREATE (c:Area {id: $c, code: $c, name: 'Test Council ' + $tag, level: 'COUNCIL'})-[:PART_OF]->(d)
     CREATE (dx:Area {id: $dx, code: $dx, name: 'Other District ' + $tag, level: 'DISTRICT'})-[:PART_OF]->(s)
     CREATE (cx:Area {id: $cx, code: $cx, name: 'Other Council ' + $tag, level: 'COUNCIL'})-[:PART_OF]->(dx)
     CREATE (:Agency {id: $a, name: 'Test Family Services ' + $tag, kind: 'CHILD_PROTECTION',
       sensitive: false, createdAt: datetime()})-[:SERVES]->(c)
     CREATE (:Agency {id: $ax, name: 'Other Police ' + $tag, kind: 'POLICE',
       sensitive: false, createdAt: datetime()})-[:SERVES]->(cx)`,
    {
      tag,
      s: stateCode,
      d: districtCode,
      c: councilCode,
      dx: otherDistrictCode,
      cx: otherCouncilCode,
      a: agencyId,
      ax: otherAgencyId
    }
  );
  const base = { tag, ids };
  const member = await addPerson(base, 'Mina Member', { agencyId });
  const lead = await addPerson(base, 'Lee Lead', { roles: ['practitioner', 'lead'], agencyId });
  const outsider = await addPerson(base, 'Otto Outsider', { agencyId: otherAgencyId });
  const admin = await addPerson(base, 'Ada Admin', { roles: ['practitioner', 'admin'] });
  await run('MATCH (p:Practitioner {id: $lead}), (d:Area {code: $d}) CREATE (p)-[:LEADS]->(d)', {
    lead: lead.id,
    d: districtCode
  });
  const client = { id: randomUUID(), name: `Kira Client${tag}` };
  const otherClient = { id: randomUUID(), name: `Olly Other${tag}` };
  ids.add(client.id);
  ids.add(otherClient.id);
  await run(
    `CREATE (k:Client {id: $k, givenName: 'Kira', familyName: 'Client' + $tag, aliases: [],
       dob: date('2015-03-12'), councilCode: $c, createdAt: datetime()})
     CREATE (o:Client {id: $o, givenName: 'Olly', familyName: 'Other' + $tag, aliases: [],
       dob: date('2012-07-01'), councilCode: $cx, createdAt: datetime()})
     WITH k
     MATCH (m:Practitioner {id: $member})
     CREATE (m)-[:MEMBER_OF {since: datetime(), until: null, reason: 'fixture', restricted: false,
       lead: true, lastConfirmedAt: datetime()}]->(k)`,
    {
      k: client.id,
      o: otherClient.id,
      c: councilCode,
      cx: otherCouncilCode,
      tag,
      member: member.id
    }
  );
  return {
    tag,
    districtCode,
    councilCode,
    otherCouncilCode,
    agencyId,
    otherAgencyId,
    member,
    lead,
    outsider,
    admin,
    client,
    otherClient,
    ids
  };
}

/** Deletes the fixture and what the services wrote about it; safe to call twice. */
export async function removeAccountsFixture(
  fixture: Pick<AccountsFixture, 'tag' | 'ids'> | undefined
): Promise<void> {
  if (!fixture) return;
  const ids = [...fixture.ids];
  // Practitioners created by activation work at, or asked for, the fixture's agencies and areas.
  const created = await run(
    `MATCH (p:Practitioner) WHERE p.email ENDS WITH $suffix RETURN p.id AS id`,
    { suffix: `${fixture.tag}@fixture.example` }
  );
  ids.push(...created.map((r) => r.id as string));
  await run(
    `MATCH (n) WHERE (n:Invite AND (n.invitedById IN $ids OR n.clientId IN $ids))
        OR (n:PasswordReset AND n.practitionerId IN $ids)
        OR (n:SignInUnlock AND n.practitionerId IN $ids)
        OR (n:ApiToken AND n.ownerId IN $ids)
        OR (n:AgencyRequest AND (n.requestedById IN $ids OR n.areaCode IN $ids))
        OR (n:Event AND (n.actorId IN $ids OR n.subjectId IN $ids OR n.clientId IN $ids))
     DETACH DELETE n`,
    { ids }
  );
  // Agencies approved from the fixture's requests serve the fixture's areas.
  await run(`MATCH (a:Agency)-[:SERVES]->(area:Area) WHERE area.code IN $ids DETACH DELETE a`, {
    ids
  });
  await run('MATCH (n) WHERE n.id IN $ids DETACH DELETE n', { ids });
}

export async function closeAll(): Promise<void> {
  await closeQueues();
  await closeTestDriver();
  await closeRedis();
}

/** The newest email in the local outbox to this address, if any. */
export async function latestEmailTo(address: string): Promise<OutboxEmail | undefined> {
  return (await listOutbox()).find((e) => e.to === address);
}

export function linkIn(
  email: OutboxEmail | undefined,
  path: 'activate' | 'reset' | 'unlock'
): string {
  const match = new RegExp(`/${path}/([A-Za-z0-9_-]{43})`).exec(email?.text ?? '');
  if (!match?.[1]) throw new Error(`No /${path}/ link in the email`);
  return match[1];
}

export async function auditTypes(subjectOrActorId: string): Promise<string[]> {
  const rows = await run(
    `MATCH (e:Event:Audit) WHERE e.actorId = $id OR e.subjectId = $id
     RETURN e.type AS type ORDER BY e.createdAt`,
    { id: subjectOrActorId }
  );
  return rows.map((r) => r.type as string);
}

export { createSession };

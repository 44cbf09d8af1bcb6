/**
 * Sensitive agencies are verified (DESIGN.md rule 3, issue 14): the approval flow through the
 * services, with its refusals, its events and its emails through the real workers (fan-out and
 * email, on this file's own BullMQ prefix) and the real Resend transport against the fake Resend.
 *
 * Fixtures (unique to the run, deleted afterwards): a council with a DV service (sensitive) and an
 * ordinary agency, a second sensitive service; Vera (verified member of the DV service), Otto
 * (verified member of the other sensitive service), Ada (admin), Lee (local lead), a client; and
 * claimants who activate through invitations choosing the DV service.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateAccount } from '../../src/lib/server/accounts/activation.service.ts';
import { decideAgencyRequest } from '../../src/lib/server/accounts/agency-requests.service.ts';
import {
  MESSAGES,
  decideVerification,
  listPendingVerifications,
  verificationSummary
} from '../../src/lib/server/accounts/agency-verification.service.ts';
import { hashToken, newToken } from '../../src/lib/server/accounts/tokens.ts';
import { migrationsDir, splitStatements } from '../../src/lib/server/db/migrations.ts';
import { joinTeam } from '../../src/lib/server/teams/join-team.ts';
import { closeTestDriver } from '../support/db.ts';
import { startAlertPipeline, type AlertPipeline } from '../support/alert-pipeline.ts';
import type { AcceptedEmail } from '../support/fake-resend.ts';
import { addPerson, type Person } from './accounts-fixtures.ts';
import { addClient, createFixture, removeFixture, run } from './team-fixtures.ts';

const PASSWORD = 'correct horse refuge lantern 2026';

let pipeline: AlertPipeline;
let fixture: Awaited<ReturnType<typeof createFixture>>;
let otherSensitiveId: string;
let client: Awaited<ReturnType<typeof addClient>>;
let vera: Person, otto: Person, ada: Person, lee: Person;

const actor = (p: Person) => ({ id: p.id, roles: p.roles });

interface Claimant {
  id: string;
  name: string;
  email: string;
  verificationId: string;
}

/** An invitee activates through the service, choosing `agencyId` (the DV service by default). */
async function claim(name: string, agencyId = fixture.sensitiveId): Promise<Claimant> {
  const { token } = newToken();
  const inviteId = randomUUID();
  fixture.ids.add(inviteId);
  const email = `${name.toLowerCase()}.${fixture.tag}@claimant.example`;
  await run(
    `CREATE (:Invite {id: $id, email: $email, tokenHash: $tokenHash, createdAt: datetime(),
       expiresAt: datetime() + duration({days: 7}), usedAt: null, revokedAt: null,
       clientId: null, invitedById: $inviter})`,
    { id: inviteId, email, tokenHash: hashToken(token), inviter: vera.id }
  );
  const result = await activateAccount(token, {
    name: `${name} ${fixture.tag}`,
    phone: '0400 123 456',
    jobTitle: 'Caseworker',
    agencyId,
    newAgency: null,
    password: PASSWORD,
    confirmation: PASSWORD
  });
  if (!result.ok) throw new Error(`activation failed: ${JSON.stringify(result)}`);
  fixture.ids.add(result.userId);
  return {
    id: result.userId,
    name: `${name} ${fixture.tag}`,
    email,
    verificationId: result.verificationId ?? ''
  };
}

async function verification(id: string): Promise<Record<string, unknown>> {
  const [row] = await run(
    `MATCH (v:AgencyVerification {id: $id})
     RETURN v.status AS status, v.decidedById AS decidedById, v.practitionerId AS practitionerId`,
    { id }
  );
  return row ?? {};
}

async function worksAt(practitionerId: string): Promise<Record<string, unknown>[]> {
  return run(
    `MATCH (:Practitioner {id: $id})-[w:WORKS_AT]->(a:Agency)
     RETURN a.id AS agencyId, w.verifiedById AS verifiedById, w.verifiedAt IS NOT NULL AS verified`,
    { id: practitionerId }
  );
}

async function eventOf(type: string, verificationId: string): Promise<string> {
  const [row] = await run(
    'MATCH (e:Event {type: $type, subjectId: $v}) WHERE e.outbox = true RETURN e.id AS id',
    { type, v: verificationId }
  );
  if (!row) throw new Error(`no ${type} event for ${verificationId}`);
  return row.id as string;
}

/** Publishes the event to this file's workers and returns the emails it caused. */
async function deliver(eventId: string): Promise<AcceptedEmail[]> {
  return pipeline.deliver([eventId]);
}

async function deniedCount(actorId: string, verificationId: string): Promise<number> {
  const [row] = await run(
    `MATCH (e:Event:Audit {type: 'access.denied', actorId: $a, subjectId: $v}) RETURN count(e) AS n`,
    { a: actorId, v: verificationId }
  );
  return Number(row!.n);
}

beforeAll(async () => {
  pipeline = await startAlertPipeline('agency-verification');
  fixture = await createFixture();
  otherSensitiveId = randomUUID();
  fixture.ids.add(otherSensitiveId);
  await run(
    `MATCH (a:Area {code: $area})
     CREATE (:Agency {id: $id, name: 'Other Sexual Health ' + $tag, kind: 'SEXUAL_HEALTH',
       dutyPhone: '1800 999 000', sensitive: true})-[:SERVES]->(a)`,
    { area: fixture.areaCode, id: otherSensitiveId, tag: fixture.tag }
  );
  client = await addClient(fixture, 'Dana');
  vera = await addPerson(fixture, 'Vera Verified', { agencyId: fixture.sensitiveId });
  otto = await addPerson(fixture, 'Otto Otherservice', { agencyId: otherSensitiveId });
  ada = await addPerson(fixture, 'Ada Admin', { roles: ['practitioner', 'admin'] });
  lee = await addPerson(fixture, 'Lee Lead', {
    roles: ['practitioner', 'lead'],
    agencyId: fixture.agencyId
  });
  await run('MATCH (p:Practitioner {id: $lee}), (a:Area {code: $area}) CREATE (p)-[:LEADS]->(a)', {
    lee: lee.id,
    area: fixture.areaCode
  });
});

afterAll(async () => {
  await pipeline?.close();
  if (fixture) {
    const ids = [...fixture.ids];
    await run(
      `MATCH (v:AgencyVerification) WHERE v.practitionerId IN $ids OR v.agencyId IN $ids
       DETACH DELETE v`,
      { ids }
    );
    await run(
      `MATCH (e:Event) WHERE e.actorId IN $ids OR e.subjectId IN $ids
       OPTIONAL MATCH (n:Notification {eventId: e.id})
       DETACH DELETE n, e`,
      { ids }
    );
    await run(
      `MATCH (r:AgencyRequest) WHERE r.requestedById IN $ids
       OPTIONAL MATCH (ag:Agency {id: r.agencyId})
       DETACH DELETE r, ag`,
      { ids }
    );
    await removeFixture(fixture);
  }
  await closeTestDriver();
});

describe('choosing a sensitive agency at activation', () => {
  let mia: Claimant;
  beforeAll(async () => {
    mia = await claim('Mia');
  });

  it('leaves a pending verification, no WORKS_AT, and an outbox event', async () => {
    expect(mia.verificationId).not.toBe('');
    expect(await verification(mia.verificationId)).toMatchObject({
      status: 'PENDING',
      practitionerId: mia.id
    });
    expect(await worksAt(mia.id)).toEqual([]);
    expect(await eventOf('agency.verification.requested', mia.verificationId)).toBeTruthy();
    expect(await verificationSummary(mia.id)).toEqual({
      claim: { agencyName: fixture.sensitiveAgencyName, status: 'PENDING' },
      mayDecide: false
    });
  });

  it('emails the admins and the verified members of that agency, not the claimant or a lead', async () => {
    const emails = await deliver(
      await eventOf('agency.verification.requested', mia.verificationId)
    );
    const to = emails.flatMap((e) => e.to);
    expect(to).toContain(ada.email);
    expect(to).toContain(vera.email);
    expect(to).not.toContain(mia.email);
    expect(to).not.toContain(lee.email);
    expect(to).not.toContain(otto.email);
    const toVera = emails.find((e) => e.to.includes(vera.email))!;
    expect(toVera.subject).toBe(`Verify a new member of ${fixture.sensitiveAgencyName}`);
    expect(toVera.text).toContain(mia.name);
    expect(toVera.text).toContain('/admin/agency-verifications');
  });

  it('cannot join restricted while pending, but may join under their own name', async () => {
    const restricted = await joinTeam({
      viewerId: mia.id,
      clientId: client.id,
      reason: 'Working with the mother',
      restricted: true
    });
    expect(restricted).toMatchObject({ ok: false, code: 'RESTRICTED_NOT_VERIFIED' });
    const none = await run(
      'MATCH (:Practitioner {id: $p})-[m:MEMBER_OF]->(:Client {id: $c}) RETURN count(m) AS n',
      { p: mia.id, c: client.id }
    );
    expect(Number(none[0]!.n)).toBe(0);
    const named = await joinTeam({
      viewerId: mia.id,
      clientId: client.id,
      reason: 'Working with the mother'
    });
    expect(named).toMatchObject({ ok: true, restricted: false });
    await run('MATCH (:Practitioner {id: $p})-[m:MEMBER_OF]->() SET m.until = datetime()', {
      p: mia.id
    });
  });

  it('lists it for admins and that agency’s verified members only', async () => {
    const forAda = await listPendingVerifications(actor(ada));
    expect(forAda?.map((v) => v.id)).toContain(mia.verificationId);
    const forVera = await listPendingVerifications(actor(vera));
    expect(forVera?.map((v) => v.id)).toContain(mia.verificationId);
    expect(forVera?.every((v) => v.agencyId === fixture.sensitiveId)).toBe(true);
    const forOtto = await listPendingVerifications(actor(otto));
    expect(forOtto?.map((v) => v.id)).not.toContain(mia.verificationId);
    expect(await listPendingVerifications({ id: mia.id, roles: ['practitioner'] })).toBeNull();
    expect(await listPendingVerifications(actor(lee))).toBeNull();
  });

  it('refuses the claimant, another claimant, a lead and another service’s member', async () => {
    const noah = await claim('Noah');
    const attempts: [string, { id: string; roles: string[] }, string][] = [
      ['the claimant', { id: mia.id, roles: ['practitioner'] }, MESSAGES.self],
      [
        'the claimant claiming admin in the session',
        { id: mia.id, roles: ['admin'] },
        MESSAGES.self
      ],
      [
        'another unverified claimant',
        { id: noah.id, roles: ['practitioner'] },
        MESSAGES.notDecider
      ],
      ['a local lead', actor(lee), MESSAGES.notDecider],
      ['a verified member of another sensitive service', actor(otto), MESSAGES.notDecider]
    ];
    for (const [who, decider, message] of attempts) {
      const result = await decideVerification(decider, mia.verificationId, 'approve');
      expect(result, who).toEqual({ ok: false, reason: 'forbidden', message });
      expect(await deniedCount(decider.id, mia.verificationId), who).toBeGreaterThan(0);
    }
    expect(await verification(mia.verificationId)).toMatchObject({ status: 'PENDING' });
    expect(await worksAt(mia.id)).toEqual([]);
  });

  it('an admin approves: verified WORKS_AT, the practitioner is emailed, restricted joins work', async () => {
    const result = await decideVerification(actor(ada), mia.verificationId, 'approve');
    expect(result).toMatchObject({ ok: true, status: 'APPROVED' });
    expect(await verification(mia.verificationId)).toMatchObject({
      status: 'APPROVED',
      decidedById: ada.id
    });
    expect(await worksAt(mia.id)).toEqual([
      { agencyId: fixture.sensitiveId, verifiedById: ada.id, verified: true }
    ]);
    const emails = await deliver(await eventOf('agency.verification.approved', mia.verificationId));
    expect(emails.flatMap((e) => e.to)).toEqual([mia.email]);
    expect(emails[0]!.subject).toBe(
      `You are verified as a member of ${fixture.sensitiveAgencyName}`
    );
    // Deciding again finds nothing pending.
    expect(await decideVerification(actor(vera), mia.verificationId, 'refuse')).toMatchObject({
      ok: false,
      reason: 'gone'
    });
    const joined = await joinTeam({
      viewerId: mia.id,
      clientId: client.id,
      reason: 'Supporting the mother',
      restricted: true
    });
    expect(joined).toMatchObject({ ok: true, restricted: true });
    // Now a verified member herself, Mia may decide others of her service.
    expect(await verificationSummary(mia.id)).toEqual({ claim: null, mayDecide: true });
  });
});

describe('a verified member of the agency decides', () => {
  it('approves a claimant of their own service', async () => {
    const sam = await claim('Sam');
    expect(await decideVerification(actor(vera), sam.verificationId, 'approve')).toMatchObject({
      ok: true,
      status: 'APPROVED'
    });
    expect(await worksAt(sam.id)).toEqual([
      { agencyId: fixture.sensitiveId, verifiedById: vera.id, verified: true }
    ]);
  });

  it('refuses: no WORKS_AT ever, the practitioner is told by email and on their profile', async () => {
    const rex = await claim('Rex');
    expect(await decideVerification(actor(vera), rex.verificationId, 'refuse')).toMatchObject({
      ok: true,
      status: 'REFUSED'
    });
    expect(await verification(rex.verificationId)).toMatchObject({
      status: 'REFUSED',
      decidedById: vera.id
    });
    expect(await worksAt(rex.id)).toEqual([]);
    const emails = await deliver(await eventOf('agency.verification.refused', rex.verificationId));
    expect(emails.flatMap((e) => e.to)).toEqual([rex.email]);
    expect(emails[0]!.subject).toBe(
      `Your membership of ${fixture.sensitiveAgencyName} was not verified`
    );
    expect(await verificationSummary(rex.id)).toEqual({
      claim: { agencyName: fixture.sensitiveAgencyName, status: 'REFUSED' },
      mayDecide: false
    });
    // Refused is final: nobody can approve it afterwards, and restricted joins stay closed.
    expect(await decideVerification(actor(ada), rex.verificationId, 'approve')).toMatchObject({
      ok: false,
      reason: 'gone'
    });
    const restricted = await joinTeam({
      viewerId: rex.id,
      clientId: client.id,
      reason: 'Supporting the mother',
      restricted: true
    });
    expect(restricted).toMatchObject({ ok: false, code: 'RESTRICTED_NOT_ALLOWED' });
  });

  it('a claimant of an ordinary agency works there at once, with nothing to verify', async () => {
    const tia = await claim('Tia', fixture.agencyId);
    expect(tia.verificationId).toBe('');
    expect(await worksAt(tia.id)).toEqual([
      { agencyId: fixture.agencyId, verifiedById: null, verified: false }
    ]);
  });
});

describe('a new sensitive agency asked for at activation', () => {
  async function requestAgency(name: string): Promise<{ userId: string; requestId: string }> {
    const { token } = newToken();
    const inviteId = randomUUID();
    fixture.ids.add(inviteId);
    const email = `${name.toLowerCase()}.${fixture.tag}@claimant.example`;
    await run(
      `CREATE (:Invite {id: $id, email: $email, tokenHash: $tokenHash, createdAt: datetime(),
         expiresAt: datetime() + duration({days: 7}), usedAt: null, revokedAt: null,
         clientId: null, invitedById: $inviter})`,
      { id: inviteId, email, tokenHash: hashToken(token), inviter: vera.id }
    );
    const result = await activateAccount(token, {
      name: `${name} ${fixture.tag}`,
      phone: '0400 123 456',
      jobTitle: 'Caseworker',
      agencyId: null,
      newAgency: {
        name: `${name} Refuge ${fixture.tag}`,
        kind: 'DOMESTIC_VIOLENCE',
        areaCode: fixture.areaCode
      },
      password: PASSWORD,
      confirmation: PASSWORD
    });
    if (!result.ok || !result.agencyRequestId) throw new Error('activation failed');
    fixture.ids.add(result.userId);
    return { userId: result.userId, requestId: result.agencyRequestId };
  }

  it('approved by a lead: the agency exists, its requester still waits for an admin', async () => {
    const { userId, requestId } = await requestAgency('Uma');
    const decided = await decideAgencyRequest(actor(lee), requestId, 'approve');
    expect(decided).toMatchObject({ ok: true });
    expect(await worksAt(userId)).toEqual([]);
    const [pending] = await run(
      `MATCH (v:AgencyVerification {practitionerId: $p}) RETURN v.status AS status, v.agencyId AS agencyId`,
      { p: userId }
    );
    expect(pending).toEqual({
      status: 'PENDING',
      agencyId: decided.ok ? decided.agencyId : null
    });
  });

  it('approved by an admin: its requester is a verified member at once', async () => {
    const { userId, requestId } = await requestAgency('Ivo');
    const decided = await decideAgencyRequest(actor(ada), requestId, 'approve');
    expect(decided).toMatchObject({ ok: true });
    expect(await worksAt(userId)).toEqual([
      { agencyId: decided.ok ? decided.agencyId : null, verifiedById: ada.id, verified: true }
    ]);
  });
});

describe('existing members of sensitive agencies', () => {
  it('the seed writes them verified', async () => {
    const [row] = await run(
      `MATCH (:Practitioner)-[w:WORKS_AT]->(:Agency {sensitive: true}) WHERE w.verifiedById = 'seed'
       RETURN count(w) AS n`
    );
    expect(Number(row!.n)).toBeGreaterThan(0);
  });

  it('migration V0010 marks those placed before verification existed as verified', async () => {
    const file = readFileSync(
      path.join(migrationsDir(), 'V0010__agency_verifications.cypher'),
      'utf8'
    );
    const mark = splitStatements(file).find((s) => s.startsWith('MATCH'));
    expect(mark).toBeTruthy();
    await run(mark!);
    const [row] = await run(
      `MATCH (:Practitioner {id: $vera})-[w:WORKS_AT]->(:Agency {id: $dv})
       RETURN w.verifiedAt IS NOT NULL AS verified, w.verifiedById AS by`,
      { vera: vera.id, dv: fixture.sensitiveId }
    );
    expect(row).toEqual({ verified: true, by: 'migration:V0010' });
  });
});

/**
 * Issue 14, hole 4: "anyone can claim a sensitive agency". Made as the attacker would, over HTTP
 * against the built app: an invitee activates their account choosing a domestic-violence service,
 * then tries to join a client's team as a masked restricted member through /graphql and through
 * the page's Join form, to approve their own membership, and to get a second unverified claimant
 * to approve them. None of it may work; the claim must not put them in the service's staff list
 * either. A verified member of the service approving them is what finally lets them join
 * restricted.
 *
 * Fixtures (unique to the run, deleted afterwards): a council, a DV service (sensitive) with one
 * verified member Vera, a client, and two invitations (attacker, second claimant).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashToken, newToken } from '../../src/lib/server/accounts/tokens.ts';
import { closeTestDriver } from '../support/db.ts';
import { get, postForm, postGraphQL, signIn } from '../support/http.ts';
import { FIXTURE_PASSWORD, addPerson, type Person } from '../integration/accounts-fixtures.ts';
import { addClient, createFixture, removeFixture, run } from '../integration/team-fixtures.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'correct horse refuge lantern 2026';

let fixture: Awaited<ReturnType<typeof createFixture>>;
let client: Awaited<ReturnType<typeof addClient>>;
let vera: Person;
const attacker = { email: '', name: '', id: '', cookie: '' };
const second = { email: '', name: '', id: '', cookie: '' };

/** An invitation as /invite makes it, with a token only this test knows. */
async function invite(email: string): Promise<string> {
  const { token } = newToken();
  const id = randomUUID();
  fixture.ids.add(id);
  await run(
    `CREATE (:Invite {id: $id, email: $email, tokenHash: $tokenHash, createdAt: datetime(),
       expiresAt: datetime() + duration({days: 7}), usedAt: null, revokedAt: null,
       clientId: null, invitedById: $inviter})`,
    { id, email, tokenHash: hashToken(token), inviter: vera.id }
  );
  return token;
}

/** Activates through the real /activate form, choosing the DV service; returns the session. */
async function activateChoosingDv(who: typeof attacker, name: string): Promise<void> {
  who.name = `${name} ${fixture.tag}`;
  who.email = `${name.toLowerCase()}.${fixture.tag}@attacker.example`;
  const token = await invite(who.email);
  const response = await postForm(baseUrl, `/activate/${token}`, {
    name: who.name,
    phone: '0400 666 666',
    jobTitle: 'Family violence caseworker',
    agencyChoice: 'existing',
    agencyId: fixture.sensitiveId,
    password: PASSWORD,
    confirmation: PASSWORD
  });
  expect(response.status, response.body.slice(0, 300)).toBe(303);
  const [row] = await run('MATCH (p:Practitioner {email: $email}) RETURN p.id AS id', {
    email: who.email
  });
  who.id = row!.id as string;
  fixture.ids.add(who.id);
  who.cookie = await signIn(baseUrl, who.email, PASSWORD);
}

async function graphql(cookie: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await postGraphQL(baseUrl, { query, variables }, { cookie });
  return JSON.parse(response.body) as {
    data?: Record<string, unknown> | null;
    errors?: { message: string }[];
  };
}

async function membership(practitionerId: string): Promise<{ restricted: boolean }[]> {
  return (await run(
    `MATCH (:Practitioner {id: $p})-[m:MEMBER_OF]->(:Client {id: $c}) WHERE m.until IS NULL
     RETURN m.restricted AS restricted`,
    { p: practitionerId, c: client.id }
  )) as { restricted: boolean }[];
}

async function worksAtDv(practitionerId: string): Promise<boolean> {
  const rows = await run(
    'MATCH (:Practitioner {id: $p})-[w:WORKS_AT]->(:Agency {id: $a}) RETURN count(w) AS n',
    { p: practitionerId, a: fixture.sensitiveId }
  );
  return Number(rows[0]!.n) > 0;
}

async function verificationOf(practitionerId: string): Promise<{ id: string; status: string }> {
  const [row] = await run(
    `MATCH (v:AgencyVerification {practitionerId: $p}) RETURN v.id AS id, v.status AS status`,
    { p: practitionerId }
  );
  return (row ?? { id: '', status: 'MISSING' }) as { id: string; status: string };
}

const JOIN = `mutation($clientId: ID!, $reason: String!) {
  joinTeam(clientId: $clientId, reason: $reason, restricted: true) { ok code message }
}`;

beforeAll(async () => {
  fixture = await createFixture();
  client = await addClient(fixture, 'Dana');
  vera = await addPerson(fixture, 'Vera Verified', { agencyId: fixture.sensitiveId });
  await activateChoosingDv(attacker, 'Mallory');
  await activateChoosingDv(second, 'Trudy');
});

afterAll(async () => {
  if (fixture) {
    const people = [attacker.id, second.id, vera.id].filter(Boolean);
    await run('MATCH (v:AgencyVerification) WHERE v.practitionerId IN $people DETACH DELETE v', {
      people
    });
    // The verification events name the verification as subject; their notifications go to admins too.
    await run(
      `MATCH (e:Event) WHERE e.actorId IN $people OR e.subjectId IN $people
       OPTIONAL MATCH (n:Notification {eventId: e.id})
       DETACH DELETE n, e`,
      { people }
    );
    await removeFixture(fixture);
  }
  await closeTestDriver();
});

describe('sensitive agency claimed at activation (issue 14, hole 4)', () => {
  it('the claim is pending, and does not make the attacker staff of the DV service', async () => {
    expect(await verificationOf(attacker.id)).toMatchObject({ status: 'PENDING' });
    expect(await worksAtDv(attacker.id)).toBe(false);
  });

  it('joinTeam(restricted: true) over /graphql is refused', async () => {
    const body = await graphql(attacker.cookie, JOIN, {
      clientId: client.id,
      reason: 'Supporting the mother'
    });
    expect(body.data?.joinTeam).toMatchObject({ ok: false, code: 'RESTRICTED_NOT_VERIFIED' });
    expect(await membership(attacker.id)).toEqual([]);
  });

  it('joining restricted through the page form is refused', async () => {
    const response = await postForm(
      baseUrl,
      `/clients/${client.id}?/join`,
      { clientId: client.id, reason: 'Supporting the mother', restricted: 'on' },
      attacker.cookie
    );
    expect(response.status).toBe(400);
    expect(response.body).toContain('not been verified');
    expect(await membership(attacker.id)).toEqual([]);
  });

  it('approving their own membership is refused, page and action', async () => {
    const page = await get(baseUrl, '/admin/agency-verifications', attacker.cookie);
    expect(page.status).toBe(403);
    const { id } = await verificationOf(attacker.id);
    const approve = await postForm(
      baseUrl,
      '/admin/agency-verifications?/approve',
      { id },
      attacker.cookie
    );
    expect(approve.status).toBe(403);
    expect(await verificationOf(attacker.id)).toMatchObject({ status: 'PENDING' });
    expect(await worksAtDv(attacker.id)).toBe(false);
    const denied = await run(
      `MATCH (e:Event:Audit {type: 'access.denied', actorId: $p, subjectId: $v}) RETURN count(e) AS n`,
      { p: attacker.id, v: id }
    );
    expect(Number(denied[0]!.n)).toBeGreaterThan(0);
  });

  it('a second unverified claimant of the same service cannot approve the first', async () => {
    const { id } = await verificationOf(attacker.id);
    const approve = await postForm(
      baseUrl,
      '/admin/agency-verifications?/approve',
      { id },
      second.cookie
    );
    expect(approve.status).toBe(403);
    expect(await verificationOf(attacker.id)).toMatchObject({ status: 'PENDING' });
    expect(await worksAtDv(attacker.id)).toBe(false);
  });

  it('the pending claimant is not in the phone book as the service’s staff', async () => {
    const body = await graphql(
      attacker.cookie,
      `
        query ($id: ID!, $name: String!) {
          agencies(where: { id: { eq: $id } }) {
            practitioners {
              id
            }
          }
          agencyStaff(agencyId: $id, limit: 500) {
            total
            practitioners {
              id
            }
          }
          byName: search(q: $name, limit: 50) {
            practitioners {
              id
              agencyId
            }
          }
        }
      `,
      { id: fixture.sensitiveId, name: attacker.name }
    );
    expect(body.errors).toBeUndefined();
    const data = body.data as {
      agencies: { practitioners: { id: string }[] }[];
      agencyStaff: { total: number; practitioners: { id: string }[] };
      byName: { practitioners: { id: string; agencyId: string | null }[] };
    };
    expect(data.agencies[0]!.practitioners.map((p) => p.id)).toEqual([vera.id]);
    expect(data.agencyStaff.practitioners.map((p) => p.id)).toEqual([vera.id]);
    expect(data.agencyStaff.total).toBe(1);
    for (const hit of data.byName.practitioners.filter((p) => p.id === attacker.id)) {
      expect(hit.agencyId).not.toBe(fixture.sensitiveId);
    }
    const agencyPage = await get(baseUrl, `/agencies/${fixture.sensitiveId}`, attacker.cookie);
    expect(agencyPage.status).toBe(200);
    // The staff section (the header names the signed-in attacker to themselves).
    const staff = agencyPage.body.slice(agencyPage.body.indexOf('id="staff-heading"'));
    expect(staff.slice(0, staff.indexOf('</section>'))).toContain(vera.name);
    expect(staff.slice(0, staff.indexOf('</section>'))).not.toContain(attacker.name);
  });

  it('once a verified member of the service approves, the restricted join works', async () => {
    const veraCookie = await signIn(baseUrl, vera.email, FIXTURE_PASSWORD);
    const list = await get(baseUrl, '/admin/agency-verifications', veraCookie);
    expect(list.status).toBe(200);
    expect(list.body).toContain(attacker.name);
    const { id } = await verificationOf(attacker.id);
    const approve = await postForm(
      baseUrl,
      '/admin/agency-verifications?/approve',
      { id },
      veraCookie
    );
    expect(approve.status).toBe(200);
    expect(await verificationOf(attacker.id)).toMatchObject({ status: 'APPROVED' });
    expect(await worksAtDv(attacker.id)).toBe(true);
    const body = await graphql(attacker.cookie, JOIN, {
      clientId: client.id,
      reason: 'Supporting the mother'
    });
    expect(body.data?.joinTeam).toMatchObject({ ok: true });
    expect(await membership(attacker.id)).toEqual([{ restricted: true }]);
  });
});

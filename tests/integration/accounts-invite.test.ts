/**
 * Invitation-only sign-up against a real Neo4j and Redis: invite, email in the local outbox,
 * activation (account, team membership, session), and every way a link stops working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activateAccount,
  findUsableInvite,
  type ActivationInput
} from '../../src/lib/server/accounts/activation.service.ts';
import {
  decideAgencyRequest,
  listPendingAgencyRequests
} from '../../src/lib/server/accounts/agency-requests.service.ts';
import {
  createInvite,
  listMyTeams,
  listPendingInvites,
  resendInvite,
  revokeInvite
} from '../../src/lib/server/accounts/invites.service.ts';
import { readSession } from '../../src/lib/server/auth/sessions.ts';
import {
  addPerson,
  auditTypes,
  closeAll,
  createAccountsFixture,
  latestEmailTo,
  linkIn,
  removeAccountsFixture,
  run,
  type AccountsFixture
} from './accounts-fixtures.ts';

let fx: AccountsFixture;
let counter = 0;

beforeAll(async () => {
  fx = await createAccountsFixture();
});

afterAll(async () => {
  await removeAccountsFixture(fx);
  await closeAll();
});

/** A fresh address for each invitation, recognised by the fixture's cleanup. */
const newEmail = (name = 'invitee') => `${name}.${++counter}.${fx.tag}@fixture.example`;

const details = (overrides: Partial<ActivationInput> = {}): ActivationInput => ({
  name: 'Ivy Invitee',
  phone: '02 9555 0199',
  jobTitle: 'School counsellor',
  agencyId: fx.agencyId,
  newAgency: null,
  password: 'lantern orchard pebble',
  confirmation: 'lantern orchard pebble',
  ...overrides
});

async function inviteAndGetToken(email: string, clientId: string | null = null) {
  const result = await createInvite(fx.member, { email, clientId }, '10.0.0.1');
  if (!result.ok) throw new Error(result.message);
  expect(result.emailSent).toBe(true);
  return { inviteId: result.inviteId, token: linkIn(await latestEmailTo(email), 'activate') };
}

describe('inviting a colleague', () => {
  it('emails a single-use activation link and lists the pending invite', async () => {
    const email = newEmail();
    const result = await createInvite(fx.member, { email: `  ${email.toUpperCase()} ` });
    expect(result).toMatchObject({ ok: true, email, emailSent: true });
    const mail = await latestEmailTo(email);
    expect(mail?.subject).toContain('Mina Member invited you');
    expect(mail?.html).toMatch(/\/activate\/[A-Za-z0-9_-]{43}/);
    const token = linkIn(mail, 'activate');
    // Only the SHA-256 is stored, never the token.
    const stored = await run('MATCH (i:Invite {email: $email}) RETURN i.tokenHash AS hash', {
      email
    });
    expect(stored[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.hash).not.toBe(token);
    const pending = await listPendingInvites(fx.member.id);
    expect(pending.map((i) => i.email)).toContain(email);
    expect(await auditTypes(fx.member.id)).toContain('account.invited');
  });

  it('refuses an email that already has an account, saying so', async () => {
    const result = await createInvite(fx.member, { email: fx.outsider.email });
    expect(result.ok).toBe(false);
    expect(result.ok || result.message).toMatch(/already has a Teamaround account/);
  });

  it('refuses a malformed address and a second invite of the same person', async () => {
    expect((await createInvite(fx.member, { email: 'not an email' })).ok).toBe(false);
    const email = newEmail();
    expect((await createInvite(fx.member, { email })).ok).toBe(true);
    const again = await createInvite(fx.member, { email });
    expect(again.ok || again.message).toMatch(/already invited/);
  });

  it('adds to a team only a client the inviter is a current member of', async () => {
    expect((await listMyTeams(fx.member.id)).map((t) => t.id)).toEqual([fx.client.id]);
    const notMine = await createInvite(fx.member, {
      email: newEmail(),
      clientId: fx.otherClient.id
    });
    expect(notMine.ok || notMine.message).toMatch(/team you are a member of/);
    // A past membership does not count either.
    await run(
      `MATCH (p:Practitioner {id: $p}), (c:Client {id: $c})
       CREATE (p)-[:MEMBER_OF {since: datetime() - duration('P30D'), until: datetime(),
         reason: 'left', restricted: false, lead: false}]->(c)`,
      { p: fx.member.id, c: fx.otherClient.id }
    );
    const left = await createInvite(fx.member, { email: newEmail(), clientId: fx.otherClient.id });
    expect(left.ok).toBe(false);
    const mine = await createInvite(fx.member, { email: newEmail(), clientId: fx.client.id });
    expect(mine.ok).toBe(true);
  });
});

describe('activating an account', () => {
  it('creates the account, joins the team, uses the invite and signs in', async () => {
    const email = newEmail('activated');
    const { inviteId, token } = await inviteAndGetToken(email, fx.client.id);
    expect(await findUsableInvite(token)).toMatchObject({ id: inviteId, email });

    const result = await activateAccount(token, details(), '10.0.0.2');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await readSession(result.sessionToken);
    expect(session?.userId).toBe(result.userId);

    const rows = await run(
      `MATCH (p:Practitioner {id: $id})-[:WORKS_AT]->(a:Agency)
       OPTIONAL MATCH (p)-[m:MEMBER_OF]->(c:Client {id: $client})
       MATCH (i:Invite {id: $inviteId})
       RETURN p.email AS email, p.status AS status, p.roles AS roles, p.timeZone AS tz,
         p.passwordHash STARTS WITH '$argon2id$' AS hashed, a.id AS agencyId,
         m.until IS NULL AND m IS NOT NULL AS member, m.reason AS reason,
         m.restricted AS restricted, i.usedAt IS NOT NULL AS used`,
      { id: result.userId, client: fx.client.id, inviteId }
    );
    expect(rows[0]).toEqual({
      email,
      status: 'ACTIVE',
      roles: ['practitioner'],
      tz: 'Australia/Sydney',
      hashed: true,
      agencyId: fx.agencyId,
      member: true,
      reason: 'Invited by a team member',
      restricted: false,
      used: true
    });
    expect(await auditTypes(result.userId)).toEqual(
      expect.arrayContaining(['account.activated', 'auth.signin'])
    );
    const joined = await run(
      `MATCH (e:Event {type: 'team.joined', actorId: $id, clientId: $client})
       RETURN e.outbox AS outbox`,
      { id: result.userId, client: fx.client.id }
    );
    expect(joined).toEqual([{ outbox: true }]);
  });

  it('refuses a second use of the same link', async () => {
    const { token } = await inviteAndGetToken(newEmail('twice'));
    expect((await activateAccount(token, details())).ok).toBe(true);
    expect(await findUsableInvite(token)).toBeNull();
    expect(await activateAccount(token, details())).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an expired link', async () => {
    const { inviteId, token } = await inviteAndGetToken(newEmail('expired'));
    await run("MATCH (i:Invite {id: $id}) SET i.expiresAt = datetime() - duration('PT1M')", {
      id: inviteId
    });
    expect(await findUsableInvite(token)).toBeNull();
    expect(await activateAccount(token, details())).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a revoked link; only the inviter or an admin may revoke', async () => {
    const { inviteId, token } = await inviteAndGetToken(newEmail('revoked'));
    expect((await revokeInvite(fx.outsider, inviteId)).ok).toBe(false);
    expect(await revokeInvite(fx.member, inviteId)).toEqual({ ok: true });
    expect(await activateAccount(token, details())).toEqual({ ok: false, reason: 'invalid' });
    expect(await auditTypes(inviteId)).toContain('account.invite.revoked');

    const other = await inviteAndGetToken(newEmail('admin-revoked'));
    expect(await revokeInvite(fx.admin, other.inviteId)).toEqual({ ok: true });
  });

  it('resending replaces the link: the old one stops working, the new one works', async () => {
    const email = newEmail('resent');
    const { inviteId, token: oldToken } = await inviteAndGetToken(email);
    const resent = await resendInvite(fx.member, inviteId);
    expect(resent).toMatchObject({ ok: true, emailSent: true });
    const newToken = linkIn(await latestEmailTo(email), 'activate');
    expect(newToken).not.toBe(oldToken);
    expect(await activateAccount(oldToken, details())).toEqual({ ok: false, reason: 'invalid' });
    expect((await activateAccount(newToken, details())).ok).toBe(true);
  });

  it('checks the password policy and the details before using the link', async () => {
    const email = newEmail('policy');
    const { token } = await inviteAndGetToken(email);
    const weak = await activateAccount(
      token,
      details({ password: 'password1234', confirmation: 'password1234', phone: 'call me' })
    );
    expect(weak.ok).toBe(false);
    if (weak.ok || weak.reason !== 'input') throw new Error('expected input errors');
    expect(weak.errors.password).toMatch(/common passwords/);
    expect(weak.errors.phone).toBeDefined();
    const localPart = email.split('@')[0] ?? '';
    const own = await activateAccount(
      token,
      details({ password: `${localPart}!`, confirmation: `${localPart}!` })
    );
    expect(own.ok || own.reason !== 'input' || own.errors.password).toMatch(/email address/);
    // Still usable after refused attempts.
    expect(await findUsableInvite(token)).not.toBeNull();
  });

  it('refuses an unknown or malformed token without touching the database', async () => {
    expect(await findUsableInvite('short')).toBeNull();
    expect(await activateAccount('A'.repeat(43), details())).toEqual({
      ok: false,
      reason: 'invalid'
    });
  });
});

describe('a new agency asked for at activation', () => {
  it('waits for a lead of that area, who approves it into an agency', async () => {
    const { token } = await inviteAndGetToken(newEmail('newagency'));
    const result = await activateAccount(
      token,
      details({
        agencyId: null,
        newAgency: {
          name: `Riverside Youth Hub ${fx.tag}`,
          kind: 'EARLY_HELP',
          areaCode: fx.councilCode
        }
      })
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.agencyRequestId).not.toBeNull();
    const noAgency = await run(
      'MATCH (p:Practitioner {id: $id}) RETURN EXISTS { (p)-[:WORKS_AT]->() } AS works',
      { id: result.userId }
    );
    expect(noAgency).toEqual([{ works: false }]);

    // Not for a practitioner; not in the list of a lead of another area.
    expect(await listPendingAgencyRequests(fx.member)).toBeNull();
    const otherLead = await addPerson(fx, 'Other Lead', { roles: ['practitioner', 'lead'] });
    await run('MATCH (p:Practitioner {id: $p}), (a:Area {code: $c}) CREATE (p)-[:LEADS]->(a)', {
      p: otherLead.id,
      c: fx.otherCouncilCode
    });
    const theirs = await listPendingAgencyRequests(otherLead);
    expect(theirs?.map((r) => r.id)).not.toContain(result.agencyRequestId);
    expect(
      await decideAgencyRequest(otherLead, result.agencyRequestId ?? '', 'approve')
    ).toMatchObject({ ok: false, reason: 'gone' });

    const mine = await listPendingAgencyRequests(fx.lead);
    expect(mine?.map((r) => r.id)).toContain(result.agencyRequestId);
    const approved = await decideAgencyRequest(fx.lead, result.agencyRequestId ?? '', 'approve');
    expect(approved.ok).toBe(true);
    const works = await run(
      `MATCH (p:Practitioner {id: $id})-[:WORKS_AT]->(a:Agency)-[:SERVES]->(area:Area)
       MATCH (r:AgencyRequest {id: $request})
       RETURN a.name AS name, a.kind AS kind, area.code AS area, r.status AS status`,
      { id: result.userId, request: result.agencyRequestId }
    );
    expect(works).toEqual([
      {
        name: `Riverside Youth Hub ${fx.tag}`,
        kind: 'EARLY_HELP',
        area: fx.councilCode,
        status: 'APPROVED'
      }
    ]);
    // Decided once only.
    expect((await decideAgencyRequest(fx.lead, result.agencyRequestId ?? '', 'reject')).ok).toBe(
      false
    );
  });
});

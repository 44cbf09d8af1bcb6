/**
 * Personal API tokens: shown once, stored hashed, acting as their owner until they expire or are
 * revoked, and revoked by every command that recovers or changes the account (issue 15,
 * finding 3).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiToken,
  DEFAULT_TOKEN_DAYS,
  listApiTokens,
  MAX_ACTIVE_TOKENS,
  MAX_TOKEN_DAYS,
  revokeAccountTokensNow,
  revokeApiToken,
  tokenLifetime,
  verifyApiToken
} from '../../src/lib/server/accounts/api-tokens.service.ts';
import {
  requestPasswordReset,
  resetPassword
} from '../../src/lib/server/accounts/password-reset.service.ts';
import { changeAccountRoles } from '../../src/lib/server/accounts/roles.service.ts';
import {
  reinstateAccount,
  suspendAccount
} from '../../src/lib/server/accounts/suspension.service.ts';
import { migrationsDir, splitStatements } from '../../src/lib/server/db/migrations.ts';
import { testDatabase, testDriver } from '../support/db.ts';
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

beforeAll(async () => {
  fx = await createAccountsFixture();
});

afterAll(async () => {
  await removeAccountsFixture(fx);
  await closeAll();
});

async function create(ownerId: string, name = 'sync', days?: string | number) {
  const result = await createApiToken(ownerId, name, '10.2.0.1', days);
  if (!result.ok) throw new Error(result.message);
  return result;
}

const lastUsed = async (id: string) =>
  (await run('MATCH (t:ApiToken {id: $id}) RETURN toString(t.lastUsedAt) AS at', { id }))[0]?.at;

describe('API tokens', () => {
  it('creates a ta_ token shown once and stored only as its SHA-256', async () => {
    const token = await create(fx.member.id, 'case system');
    expect(token.token).toMatch(/^ta_[A-Za-z0-9_-]{43}$/);
    const stored = await run('MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS props', {
      id: token.id
    });
    const props = stored[0]?.props as Record<string, unknown>;
    expect(props.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.values(props)).not.toContain(token.token);
    expect(props).toMatchObject({ name: 'case system', ownerId: fx.member.id });
    const listed = await listApiTokens(fx.member.id);
    expect(listed.find((t) => t.id === token.id)).toMatchObject({
      name: 'case system',
      expiresAt: token.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
      expired: false
    });
    expect(JSON.stringify(listed)).not.toContain(token.token);
    expect(await auditTypes(fx.member.id)).toContain('token.created');
  });

  it('verifies as the owner, with roles and agency', async () => {
    const token = await create(fx.lead.id);
    expect(await verifyApiToken(token.token)).toEqual({
      id: fx.lead.id,
      roles: ['practitioner', 'lead'],
      agencyId: fx.agencyId
    });
    const noAgency = await create(fx.admin.id);
    expect(await verifyApiToken(noAgency.token)).toEqual({
      id: fx.admin.id,
      roles: ['practitioner', 'admin']
    });
  });

  it('records lastUsedAt at most once a minute', async () => {
    const token = await create(fx.member.id, 'minute');
    await verifyApiToken(token.token);
    const first = await lastUsed(token.id);
    expect(first).toBeTruthy();
    await verifyApiToken(token.token);
    expect(await lastUsed(token.id)).toBe(first);
    // Pretend the last use was two minutes ago: the next use is recorded.
    await run("MATCH (t:ApiToken {id: $id}) SET t.lastUsedAt = datetime() - duration('PT2M')", {
      id: token.id
    });
    const old = await lastUsed(token.id);
    await verifyApiToken(token.token);
    expect(await lastUsed(token.id)).not.toBe(old);
  });

  it('stops working when revoked, and only the owner revokes', async () => {
    const token = await create(fx.member.id, 'to revoke');
    expect(await revokeApiToken(fx.outsider.id, token.id)).toBe(false);
    expect(await verifyApiToken(token.token)).not.toBeNull();
    expect(await revokeApiToken(fx.member.id, token.id)).toBe(true);
    expect(await verifyApiToken(token.token)).toBeNull();
    expect(await revokeApiToken(fx.member.id, token.id)).toBe(false);
    expect(await auditTypes(token.id)).toContain('token.revoked');
  });

  it('stops working while its owner is suspended', async () => {
    const person = await addPerson(fx, 'Tia Token', { agencyId: fx.agencyId });
    const token = await create(person.id);
    await run("MATCH (p:Practitioner {id: $id}) SET p.status = 'SUSPENDED'", { id: person.id });
    expect(await verifyApiToken(token.token)).toBeNull();
    await run("MATCH (p:Practitioner {id: $id}) SET p.status = 'ACTIVE'", { id: person.id });
    expect(await verifyApiToken(token.token)).not.toBeNull();
  });

  it('refuses malformed and unknown tokens', async () => {
    expect(await verifyApiToken('')).toBeNull();
    expect(await verifyApiToken('Bearer ta_x')).toBeNull();
    expect(await verifyApiToken(`ta_${'A'.repeat(43)}`)).toBeNull();
    expect(await verifyApiToken(`xx_${'A'.repeat(43)}`)).toBeNull();
  });

  it('needs a name and caps the number of active tokens', async () => {
    expect((await createApiToken(fx.outsider.id, '   ')).ok).toBe(false);
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) await create(fx.outsider.id, `token ${i}`);
    const over = await createApiToken(fx.outsider.id, 'one too many');
    expect(over.ok || over.message).toMatch(/revoke one/);
  });
});

/** Whole days between a token's creation and its expiry, as stored. */
const lifetimeDays = async (id: string) =>
  (
    await run(
      `MATCH (t:ApiToken {id: $id})
       RETURN duration.inDays(t.createdAt, t.expiresAt).days AS days`,
      { id }
    )
  )[0]?.days;

const tokenCount = async (ownerId: string) =>
  (await run('MATCH (t:ApiToken {ownerId: $ownerId}) RETURN count(t) AS n', { ownerId }))[0]?.n;

const revocation = async (id: string) =>
  (
    await run(
      'MATCH (t:ApiToken {id: $id}) RETURN t.revokedAt IS NOT NULL AS revoked, t.revokedReason AS reason',
      { id }
    )
  )[0];

describe('API token expiry', () => {
  it('works for 90 days unless the owner chooses, and stores the expiry on the token', async () => {
    const plain = await create(fx.member.id, 'default');
    expect(await lifetimeDays(plain.id)).toBe(DEFAULT_TOKEN_DAYS);
    expect(DEFAULT_TOKEN_DAYS).toBe(90);
    const blank = await create(fx.member.id, 'blank', '  ');
    expect(await lifetimeDays(blank.id)).toBe(90);
    const chosen = await create(fx.member.id, 'a week', '7');
    expect(await lifetimeDays(chosen.id)).toBe(7);
    const longest = await create(fx.member.id, 'a year', MAX_TOKEN_DAYS);
    expect(await lifetimeDays(longest.id)).toBe(365);
    expect(new Date(longest.expiresAt).getTime()).toBeGreaterThan(Date.now() + 364 * 86_400_000);
  });

  it('refuses more than 365 days, saying so, and creates nothing', async () => {
    const person = await addPerson(fx, 'Lou Longlived', { agencyId: fx.agencyId });
    for (const days of ['366', 366, '1000', '99999999999999999999']) {
      const result = await createApiToken(person.id, 'forever', null, days);
      expect(result.ok || result.message, String(days)).toMatch(/at most 365 days/);
    }
    expect(await tokenCount(person.id)).toBe(0);
  });

  it('refuses nonsense lifetimes and creates nothing', async () => {
    const person = await addPerson(fx, 'Nan Nonsense', { agencyId: fx.agencyId });
    for (const days of ['0', 0, '-5', -5, '1.5', 2.5, '1e2', 'ninety', '90 days', '0x10', NaN]) {
      const result = await createApiToken(person.id, 'odd', null, days);
      expect(result.ok || result.message, String(days)).toMatch(/whole number from 1 to 365/);
    }
    expect(await tokenCount(person.id)).toBe(0);
    expect(tokenLifetime(' 30 ')).toEqual({ ok: true, days: 30 });
    expect(tokenLifetime(undefined)).toEqual({ ok: true, days: 90 });
  });

  it('refuses an expired token like an unknown one, lists it as expired and frees its slot', async () => {
    const person = await addPerson(fx, 'Eve Expired', { agencyId: fx.agencyId });
    const token = await create(person.id, 'old');
    expect(await verifyApiToken(token.token)).not.toBeNull();
    await run("MATCH (t:ApiToken {id: $id}) SET t.expiresAt = datetime() - duration('PT1S')", {
      id: token.id
    });
    const before = await lastUsed(token.id);
    expect(await verifyApiToken(token.token)).toBeNull();
    // A refused token is not "used".
    expect(await lastUsed(token.id)).toBe(before);
    expect((await listApiTokens(person.id)).find((t) => t.id === token.id)).toMatchObject({
      expired: true,
      revokedAt: null
    });
    // Expired tokens do not count against the cap.
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) await create(person.id, `fresh ${i}`);
  });

  it('refuses a token with no expiry (one the migration did not reach)', async () => {
    const token = await create(fx.member.id, 'no expiry');
    await run('MATCH (t:ApiToken {id: $id}) REMOVE t.expiresAt', { id: token.id });
    expect(await verifyApiToken(token.token)).toBeNull();
  });

  it('V0014 gives tokens without an expiry createdAt + 90 days', async () => {
    const file = 'V0014__api_token_expiry.cypher';
    const statements = splitStatements(
      readFileSync(path.join(migrationsDir(), file), 'utf8').replace(/\r\n/g, '\n')
    );
    const person = await addPerson(fx, 'Mig Rated', { agencyId: fx.agencyId });
    const suspended = await addPerson(fx, 'Sus Pended', {
      agencyId: fx.agencyId,
      status: 'SUSPENDED'
    });
    // In a transaction rolled back at the end: the migration's statements touch every token,
    // and other test files' tokens must not change under them.
    const session = testDriver().session({ database: testDatabase() });
    const tx = await session.beginTransaction();
    try {
      await tx.run(
        `CREATE (:ApiToken {id: randomUUID(), name: 'recent', ownerId: $owner,
           tokenHash: 'x' + randomUUID(), createdAt: datetime() - duration('P10D')})
         CREATE (:ApiToken {id: randomUUID(), name: 'old', ownerId: $owner,
           tokenHash: 'x' + randomUUID(), createdAt: datetime() - duration('P100D')})
         CREATE (:ApiToken {id: randomUUID(), name: 'chosen', ownerId: $owner,
           tokenHash: 'x' + randomUUID(), createdAt: datetime() - duration('P10D'),
           expiresAt: datetime() + duration('P300D')})
         CREATE (:ApiToken {id: randomUUID(), name: 'suspended', ownerId: $suspended,
           tokenHash: 'x' + randomUUID(), createdAt: datetime() - duration('P10D')})`,
        { owner: person.id, suspended: suspended.id }
      );
      for (const statement of statements) await tx.run(statement);
      const { records } = await tx.run(
        `MATCH (t:ApiToken) WHERE t.ownerId IN [$owner, $suspended]
         RETURN t.name AS name, duration.inDays(t.createdAt, t.expiresAt).days AS days,
           t.expiresAt > datetime() AS live, t.revokedAt IS NOT NULL AS revoked
         ORDER BY name`,
        { owner: person.id, suspended: suspended.id }
      );
      expect(records.map((r) => r.toObject())).toEqual([
        { name: 'chosen', days: 310, live: true, revoked: false },
        { name: 'old', days: 90, live: false, revoked: false },
        { name: 'recent', days: 90, live: true, revoked: false },
        { name: 'suspended', days: 90, live: true, revoked: true }
      ]);
    } finally {
      await tx.rollback();
      await session.close();
    }
  });
});

describe('account recovery revokes every token of the account', () => {
  /** Two working tokens of a new person, and one of someone else that must keep working. */
  async function tokensOf(name: string, roles?: string[]) {
    const person = await addPerson(fx, name, { agencyId: fx.agencyId, roles });
    const tokens = [await create(person.id, 'one'), await create(person.id, 'two')];
    for (const t of tokens) expect(await verifyApiToken(t.token)).not.toBeNull();
    return { person, tokens };
  }

  async function expectRevoked(tokens: { id: string; token: string }[], reason: string) {
    for (const t of tokens) {
      expect(await verifyApiToken(t.token)).toBeNull();
      expect(await revocation(t.id)).toEqual({ revoked: true, reason });
      expect(await auditTypes(t.id)).toContain('token.revoked');
    }
  }

  let bystander: { id: string; token: string };
  beforeAll(async () => {
    const someoneElse = await addPerson(fx, 'Bea Bystander', { agencyId: fx.agencyId });
    bystander = await create(someoneElse.id, 'bystander');
  });

  it('a password reset', async () => {
    const { person, tokens } = await tokensOf('Rita Reset');
    await (
      await requestPasswordReset(person.email, '10.3.0.1')
    ).delivery;
    const link = linkIn(await latestEmailTo(person.email), 'reset');
    const result = await resetPassword(link, 'meadow copper lantern', 'meadow copper lantern');
    expect(result.ok).toBe(true);
    await expectRevoked(tokens, 'password-reset');
    expect(await verifyApiToken(bystander.token)).not.toBeNull();
  });

  it('a suspension, and reinstating does not bring them back', async () => {
    const { person, tokens } = await tokensOf('Stan Suspended');
    expect((await suspendAccount(fx.lead, person.id, '10.3.0.2')).ok).toBe(true);
    await expectRevoked(tokens, 'suspended');
    expect((await reinstateAccount(fx.lead, person.id)).ok).toBe(true);
    for (const t of tokens) expect(await verifyApiToken(t.token)).toBeNull();
    expect(await verifyApiToken(bystander.token)).not.toBeNull();
  });

  it('a refused suspension revokes nothing', async () => {
    const { person, tokens } = await tokensOf('Rex Refused');
    expect((await suspendAccount(fx.member, person.id)).ok).toBe(false);
    for (const t of tokens) expect(await verifyApiToken(t.token)).not.toBeNull();
  });

  it('sign out everywhere', async () => {
    const { person, tokens } = await tokensOf('Sam Signout');
    expect(await revokeAccountTokensNow(person.id, 'signed-out-everywhere', person.id)).toBe(2);
    await expectRevoked(tokens, 'signed-out-everywhere');
    expect(await verifyApiToken(bystander.token)).not.toBeNull();
  });

  it('a change of roles by an admin', async () => {
    const { person, tokens } = await tokensOf('Rory Roles');
    const result = await changeAccountRoles(fx.admin, person.id, { lead: true, admin: false });
    expect(result).toEqual({
      ok: true,
      roles: ['practitioner', 'lead'],
      changed: true,
      revokedTokens: 2
    });
    const stored = await run('MATCH (p:Practitioner {id: $id}) RETURN p.roles AS roles', {
      id: person.id
    });
    expect(stored[0]?.roles).toEqual(['practitioner', 'lead']);
    await expectRevoked(tokens, 'roles-changed');
    expect(await auditTypes(person.id)).toContain('account.roles.changed');
    expect(await verifyApiToken(bystander.token)).not.toBeNull();
  });

  it('saving the same roles changes nothing and revokes nothing', async () => {
    const { person, tokens } = await tokensOf('Sol Same', ['practitioner', 'lead']);
    expect(await changeAccountRoles(fx.admin, person.id, { lead: true, admin: false })).toEqual({
      ok: true,
      roles: ['practitioner', 'lead'],
      changed: false,
      revokedTokens: 0
    });
    for (const t of tokens) expect(await verifyApiToken(t.token)).not.toBeNull();
  });

  it('only an admin changes roles, never their own', async () => {
    const { person, tokens } = await tokensOf('Nia Nochange');
    for (const actor of [fx.lead, fx.member]) {
      expect(await changeAccountRoles(actor, person.id, { lead: true, admin: true })).toEqual({
        ok: false,
        reason: 'forbidden'
      });
    }
    expect(
      await changeAccountRoles(fx.admin, fx.admin.id, { lead: false, admin: false })
    ).toMatchObject({ ok: false, reason: 'refused' });
    const stored = await run(
      'MATCH (p:Practitioner) WHERE p.id IN [$a, $b] RETURN p.id AS id, p.roles AS roles',
      { a: person.id, b: fx.admin.id }
    );
    expect(Object.fromEntries(stored.map((r) => [r.id, r.roles]))).toEqual({
      [person.id]: ['practitioner'],
      [fx.admin.id]: ['practitioner', 'admin']
    });
    for (const t of tokens) expect(await verifyApiToken(t.token)).not.toBeNull();
  });
});

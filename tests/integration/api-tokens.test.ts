/** Personal API tokens: shown once, stored hashed, acting as their owner until revoked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiToken,
  listApiTokens,
  MAX_ACTIVE_TOKENS,
  revokeApiToken,
  verifyApiToken
} from '../../src/lib/server/accounts/api-tokens.service.ts';
import {
  addPerson,
  auditTypes,
  closeAll,
  createAccountsFixture,
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

async function create(ownerId: string, name = 'sync') {
  const result = await createApiToken(ownerId, name, '10.2.0.1');
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
      lastUsedAt: null,
      revokedAt: null
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

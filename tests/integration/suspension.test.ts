/**
 * Suspending and reinstating accounts: admins anywhere, local leads within their areas only,
 * and a suspension ends the person's sessions at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  reinstateAccount,
  searchAccounts,
  suspendAccount
} from '../../src/lib/server/accounts/suspension.service.ts';
import { createSession, readSession } from '../../src/lib/server/auth/sessions.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import {
  addPerson,
  auditTypes,
  closeAll,
  createAccountsFixture,
  FIXTURE_PASSWORD,
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

const status = async (id: string) =>
  (await run('MATCH (p:Practitioner {id: $id}) RETURN p.status AS status', { id }))[0]?.status;

describe('suspension by a local lead', () => {
  it('suspends a practitioner in their area and ends their sessions at once', async () => {
    const person = await addPerson(fx, 'Sue Suspended', { agencyId: fx.agencyId });
    const sessions = [await createSession(person.id), await createSession(person.id)];

    const result = await suspendAccount(fx.lead, person.id, '10.1.0.1');
    expect(result).toEqual({ ok: true, endedSessions: 2 });
    for (const session of sessions) expect(await readSession(session)).toBeNull();
    expect(await status(person.id)).toBe('SUSPENDED');
    expect(await auditTypes(person.id)).toContain('account.suspended');
    // A suspended account cannot sign in again.
    expect((await signIn(person.email, FIXTURE_PASSWORD, '10.1.0.2')).ok).toBe(false);

    expect(await reinstateAccount(fx.lead, person.id)).toEqual({ ok: true, endedSessions: 0 });
    expect(await status(person.id)).toBe('ACTIVE');
    expect(await auditTypes(person.id)).toContain('account.reinstated');
  });

  it('cannot suspend a practitioner outside their area', async () => {
    const result = await suspendAccount(fx.lead, fx.outsider.id);
    expect(result).toMatchObject({ ok: false, reason: 'refused' });
    expect(await status(fx.outsider.id)).toBe('ACTIVE');
  });

  it('reaches practitioners of agencies serving an area within the district', async () => {
    // The fixture's agency serves a council that is PART_OF the lead's district.
    const found = await searchAccounts(fx.lead, 'mina member');
    expect(found?.map((a) => a.id)).toEqual([fx.member.id]);
    expect(await searchAccounts(fx.lead, fx.outsider.email)).toEqual([]);
  });

  it('cannot suspend themselves or an admin', async () => {
    expect(await suspendAccount(fx.lead, fx.lead.id)).toMatchObject({
      ok: false,
      reason: 'refused'
    });
    const admin = await addPerson(fx, 'Adam Admin', {
      roles: ['practitioner', 'admin'],
      agencyId: fx.agencyId
    });
    const result = await suspendAccount(fx.lead, admin.id);
    expect(result.ok || (result.reason === 'refused' && result.message)).toMatch(/admin/);
    expect(await status(admin.id)).toBe('ACTIVE');
  });

  it('is forbidden to practitioners who are not leads', async () => {
    expect(await suspendAccount(fx.member, fx.outsider.id)).toEqual({
      ok: false,
      reason: 'forbidden'
    });
    expect(await searchAccounts(fx.member, 'mina')).toBeNull();
  });
});

describe('suspension by an admin', () => {
  it('works anywhere', async () => {
    const person = await addPerson(fx, 'Far Away', { agencyId: fx.otherAgencyId });
    const session = await createSession(person.id);
    expect(await searchAccounts(fx.admin, person.email)).toHaveLength(1);
    expect(await suspendAccount(fx.admin, person.id)).toEqual({ ok: true, endedSessions: 1 });
    expect(await readSession(session)).toBeNull();
    expect((await reinstateAccount(fx.admin, person.id)).ok).toBe(true);
  });
});

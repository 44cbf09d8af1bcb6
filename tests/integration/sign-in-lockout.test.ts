/**
 * Sign-in throttling against a real Neo4j and Redis (issue 15, finding 11): failures lock the
 * account-and-address pair, pause the account everywhere only past a much higher ceiling (and
 * email one unlock link), and lock an address only when many different accounts fail from it.
 * tests/security/lockout.test.ts makes the same attacks over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isUsableUnlock,
  useUnlockLink
} from '../../src/lib/server/accounts/sign-in-unlock.service.ts';
import { LIMITS, throttleState } from '../../src/lib/server/auth/login-throttle.ts';
import { SIGN_IN_FAILED, signIn } from '../../src/lib/server/auth/sign-in.ts';
import { listOutbox } from '../../workers/mail/local-outbox.ts';
import {
  FIXTURE_PASSWORD,
  addPerson,
  auditTypes,
  closeAll,
  createAccountsFixture,
  linkIn,
  removeAccountsFixture,
  run,
  type AccountsFixture
} from './accounts-fixtures.ts';

let fx: AccountsFixture;
let hosts = 0;
/** Each use is a new client address, so tests never share counters (a retry gets new ones). */
const address = () => `10.77.${Math.floor(++hosts / 250)}.${hosts % 250}`;
const WRONG = 'not the password at all';

beforeAll(async () => {
  fx = await createAccountsFixture();
});

afterAll(async () => {
  await removeAccountsFixture(fx);
  await closeAll();
});

async function failTimes(email: string, ip: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const result = await signIn(email, WRONG, ip);
    expect(result.ok).toBe(false);
  }
}

const emailsTo = async (to: string) => (await listOutbox()).filter((e) => e.to === to);

describe('one account from one address', () => {
  it('locks that pair only, with the one message, even for the right password', async () => {
    const person = await addPerson(fx, 'Paula Pair');
    const attacker = address();
    await failTimes(person.email, attacker, LIMITS.pairFailures);

    expect((await throttleState(person.email, attacker)).locked).toBe('pair');
    expect(await signIn(person.email, FIXTURE_PASSWORD, attacker)).toMatchObject({
      ok: false,
      message: SIGN_IN_FAILED
    });
    expect(await signIn(person.email, FIXTURE_PASSWORD, address())).toMatchObject({ ok: true });
  });

  it('slows each further guess from that address', async () => {
    const person = await addPerson(fx, 'Dora Delay');
    const ip = address();
    expect((await throttleState(person.email, ip)).delayMs).toBe(0);
    await failTimes(person.email, ip, 2);
    const after = (await throttleState(person.email, ip)).delayMs;
    expect(after).toBeGreaterThan(0);
    await failTimes(person.email, ip, 1);
    expect((await throttleState(person.email, ip)).delayMs).toBeGreaterThan(after);
  });

  it('forgets the pair after a successful sign-in', async () => {
    const person = await addPerson(fx, 'Cleo Cleared');
    const ip = address();
    await failTimes(person.email, ip, LIMITS.pairFailures - 1);
    expect(await signIn(person.email, FIXTURE_PASSWORD, ip)).toMatchObject({ ok: true });
    expect((await throttleState(person.email, ip)).delayMs).toBe(0);
    await failTimes(person.email, ip, LIMITS.pairFailures - 1);
    expect(await signIn(person.email, FIXTURE_PASSWORD, ip)).toMatchObject({ ok: true });
  });
});

describe('one address across accounts', () => {
  it('is locked only when many different accounts fail from it', async () => {
    const nat = address();
    const colleague = await addPerson(fx, 'Nat Colleague');
    // Spraying: one guess each at many addresses (unknown ones count too).
    for (let i = 0; i < LIMITS.addressAccounts - 1; i++) {
      await failTimes(`sprayed.${i}.${fx.tag}@fixture.example`, nat, 1);
    }
    expect((await throttleState(colleague.email, nat)).locked).toBeNull();

    await failTimes(`sprayed.last.${fx.tag}@fixture.example`, nat, 1);
    expect((await throttleState(colleague.email, nat)).locked).toBe('address');
    expect(await signIn(colleague.email, FIXTURE_PASSWORD, nat)).toMatchObject({ ok: false });
    expect(await signIn(colleague.email, FIXTURE_PASSWORD, address())).toMatchObject({ ok: true });
  });

  it('counts each account once, however often it fails there', async () => {
    const nat = address();
    const clumsy = await addPerson(fx, 'Clem Clumsy');
    const next = await addPerson(fx, 'Nell Next');
    // More failures from this address than the distinct-account limit, all from one account.
    for (let i = 0; i < LIMITS.addressAccounts; i++) {
      await failTimes(clumsy.email, nat, 1);
      if ((await throttleState(clumsy.email, nat)).locked) break;
    }
    expect((await throttleState(next.email, nat)).locked).toBeNull();
    expect(await signIn(next.email, FIXTURE_PASSWORD, nat)).toMatchObject({ ok: true });
  });
});

describe('one account from every address', () => {
  it('pauses the account at the ceiling and emails exactly one unlock link, even for parallel failures', async () => {
    const person = await addPerson(fx, 'Ceil Ceiling');
    const attempts = Array.from({ length: LIMITS.accountFailures + 5 }, () =>
      signIn(person.email, WRONG, address())
    );
    const results = await Promise.all(attempts);
    await Promise.all(results.map((r) => (r.ok ? undefined : r.delivery)));

    expect((await throttleState(person.email, address())).locked).toBe('account');
    const emails = await emailsTo(person.email);
    expect(emails.map((e) => e.subject)).toEqual(['Sign-in to your Teamaround account is paused']);
    const links = await run(
      'MATCH (u:SignInUnlock {practitionerId: $id}) RETURN u.tokenHash AS hash, u.usedAt AS usedAt',
      { id: person.id }
    );
    expect(links).toHaveLength(1);
    const token = linkIn(emails[0], 'unlock');
    expect(links[0]?.hash).not.toBe(token);
    expect(await auditTypes(person.id)).toContain('auth.signin.paused');

    // Checking the link (opening the page) changes nothing.
    expect(await isUsableUnlock(token)).toBe(true);
    expect((await throttleState(person.email, address())).locked).toBe('account');

    const at = address();
    expect(await useUnlockLink(token, at)).toBe(true);
    expect((await throttleState(person.email, at)).locked).toBeNull();
    expect(await signIn(person.email, FIXTURE_PASSWORD, at)).toMatchObject({ ok: true });
    expect(await auditTypes(person.id)).toContain('auth.signin.unlocked');

    // Once only.
    expect(await isUsableUnlock(token)).toBe(false);
    expect(await useUnlockLink(token, at)).toBe(false);
  });

  it('leaves pairs locked elsewhere when the link is used there', async () => {
    const person = await addPerson(fx, 'Lena Lifted');
    const attacker = address();
    await failTimes(person.email, attacker, LIMITS.pairFailures);
    const rest = LIMITS.accountFailures - LIMITS.pairFailures;
    const results = await Promise.all(
      Array.from({ length: rest }, () => signIn(person.email, WRONG, address()))
    );
    await Promise.all(results.map((r) => (r.ok ? undefined : r.delivery)));
    const token = linkIn((await emailsTo(person.email))[0], 'unlock');

    expect(await useUnlockLink(token, address())).toBe(true);
    expect((await throttleState(person.email, attacker)).locked).toBe('pair');
  });

  it('sends nothing when the email has no account', async () => {
    const unknown = `nobody.${fx.tag}@fixture.example`;
    const results = await Promise.all(
      Array.from({ length: LIMITS.accountFailures }, () => signIn(unknown, WRONG, address()))
    );
    await Promise.all(results.map((r) => (r.ok ? undefined : r.delivery)));
    expect((await throttleState(unknown, address())).locked).toBe('account');
    expect(await emailsTo(unknown)).toEqual([]);
  });

  it('refuses an expired link, and a malformed one', async () => {
    const person = await addPerson(fx, 'Exa Expired');
    const results = await Promise.all(
      Array.from({ length: LIMITS.accountFailures }, () => signIn(person.email, WRONG, address()))
    );
    await Promise.all(results.map((r) => (r.ok ? undefined : r.delivery)));
    const token = linkIn((await emailsTo(person.email))[0], 'unlock');
    await run(
      `MATCH (u:SignInUnlock {practitionerId: $id}) SET u.expiresAt = datetime() - duration('PT1S')`,
      { id: person.id }
    );
    expect(await useUnlockLink(token, address())).toBe(false);
    expect(await useUnlockLink('not-a-token', address())).toBe(false);
    expect((await throttleState(person.email, address())).locked).toBe('account');
  });
});

/**
 * "Forgotten your password?" against a real Neo4j and Redis: one answer for every address, a
 * link that works once and for an hour, and a reset that ends every session and lifts a lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findUsableReset,
  RESET_LIMITS,
  requestPasswordReset,
  resetPassword
} from '../../src/lib/server/accounts/password-reset.service.ts';
import { LIMITS, recordFailure, throttleState } from '../../src/lib/server/auth/login-throttle.ts';
import { verifyPassword } from '../../src/lib/server/auth/password.ts';
import { createSession, readSession } from '../../src/lib/server/auth/sessions.ts';
import { listOutbox } from '../../workers/mail/local-outbox.ts';
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
let ipCounter = 0;
/** Each test asks from its own address so the per-address limit never links tests. */
const ip = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  fx = await createAccountsFixture();
});

afterAll(async () => {
  await removeAccountsFixture(fx);
  await closeAll();
});

async function requestAndGetToken(email: string): Promise<string> {
  const { delivery } = await requestPasswordReset(email, ip());
  await delivery;
  return linkIn(await latestEmailTo(email), 'reset');
}

describe('asking for a reset link', () => {
  it('answers the same for an unknown address and sends nothing', async () => {
    const person = await addPerson(fx, 'Rhea Reset');
    const unknown = `nobody.${fx.tag}@fixture.example`;
    const before = (await listOutbox()).length;

    const forUnknown = await requestPasswordReset(unknown, ip());
    const forKnown = await requestPasswordReset(person.email.toUpperCase(), ip());
    expect(Object.keys(forUnknown)).toEqual(Object.keys(forKnown));
    await Promise.all([forUnknown.delivery, forKnown.delivery]);

    expect(await latestEmailTo(unknown)).toBeUndefined();
    const mail = await latestEmailTo(person.email);
    expect(mail?.subject).toBe('Reset your Teamaround password');
    expect((await listOutbox()).length).toBe(before + 1);
    const resets = await run(
      'MATCH (r:PasswordReset {practitionerId: $id}) RETURN r.tokenHash AS hash',
      { id: person.id }
    );
    expect(resets).toHaveLength(1);
    expect(resets[0]?.hash).not.toBe(linkIn(mail, 'reset'));
    expect(await auditTypes(person.id)).toContain('auth.password.reset.requested');
  });

  it('sends nothing to a suspended account', async () => {
    const person = await addPerson(fx, 'Sam Suspended', { status: 'SUSPENDED' });
    const { delivery } = await requestPasswordReset(person.email, ip());
    await delivery;
    expect(await latestEmailTo(person.email)).toBeUndefined();
  });

  it('limits requests per address, silently', async () => {
    const person = await addPerson(fx, 'Lim Limited');
    for (let i = 0; i < RESET_LIMITS.perEmail; i++) await requestAndGetToken(person.email);
    const countBefore = (await listOutbox()).filter((e) => e.to === person.email).length;
    const { delivery } = await requestPasswordReset(person.email, ip());
    await delivery;
    const countAfter = (await listOutbox()).filter((e) => e.to === person.email).length;
    expect(countBefore).toBe(RESET_LIMITS.perEmail);
    expect(countAfter).toBe(countBefore);
  });
});

describe('using a reset link', () => {
  it('changes the password once, ends every session and lifts the sign-in pause', async () => {
    const person = await addPerson(fx, 'Una Used');
    const sessions = [await createSession(person.id), await createSession(person.id)];
    for (let i = 0; i < LIMITS.accountFailures; i++) await recordFailure(person.email, ip());
    expect((await throttleState(person.email, ip())).locked).toBe('account');

    const token = await requestAndGetToken(person.email);
    expect(await findUsableReset(token)).toEqual({
      practitionerId: person.id,
      email: person.email
    });
    const result = await resetPassword(token, 'meadow copper lantern', 'meadow copper lantern');
    expect(result).toMatchObject({ ok: true, practitionerId: person.id, endedSessions: 2 });

    for (const session of sessions) expect(await readSession(session)).toBeNull();
    expect((await throttleState(person.email, ip())).locked).toBeNull();
    const stored = await run('MATCH (p:Practitioner {id: $id}) RETURN p.passwordHash AS hash', {
      id: person.id
    });
    expect(await verifyPassword(stored[0]?.hash as string, 'meadow copper lantern')).toBe(true);
    expect(await auditTypes(person.id)).toContain('auth.password.reset');

    // Single use.
    expect(await findUsableReset(token)).toBeNull();
    expect(await resetPassword(token, 'another long phrase', 'another long phrase')).toEqual({
      ok: false,
      reason: 'invalid'
    });
  });

  it('refuses an expired link', async () => {
    const person = await addPerson(fx, 'Eli Expired');
    const token = await requestAndGetToken(person.email);
    await run(
      `MATCH (r:PasswordReset {practitionerId: $id})
       SET r.expiresAt = datetime() - duration('PT1S')`,
      { id: person.id }
    );
    expect(await resetPassword(token, 'meadow copper lantern', 'meadow copper lantern')).toEqual({
      ok: false,
      reason: 'invalid'
    });
  });

  it('a newer link replaces an older one', async () => {
    const person = await addPerson(fx, 'Nia Newer');
    const older = await requestAndGetToken(person.email);
    const newer = await requestAndGetToken(person.email);
    expect(newer).not.toBe(older);
    expect(await findUsableReset(older)).toBeNull();
    expect((await resetPassword(newer, 'meadow copper lantern', 'meadow copper lantern')).ok).toBe(
      true
    );
  });

  it('applies the password policy and keeps the link usable after a refusal', async () => {
    const person = await addPerson(fx, 'Pat Policy');
    const token = await requestAndGetToken(person.email);
    const weak = await resetPassword(token, 'qwertyuiop123', 'qwertyuiop123');
    expect(weak.ok || (weak.reason === 'input' && weak.message)).toMatch(/common passwords/);
    const mismatch = await resetPassword(token, 'meadow copper lantern', 'meadow copper lanterns');
    expect(mismatch.ok || (mismatch.reason === 'input' && mismatch.message)).toMatch(
      /not the same/
    );
    expect(await findUsableReset(token)).not.toBeNull();
  });
});

/** Email + password sign-in with throttling; one answer for every kind of failure. */
import { findAccountByEmail } from '../accounts/account.repository.ts';
import { audit } from '../audit/audit.ts';
import { sendUnlockLink } from '../accounts/sign-in-unlock.service.ts';
import { clearPair, recordFailure, throttleState } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createSession } from './sessions.ts';

export const SIGN_IN_FAILED =
  'That email and password do not match an active account, or sign-in is paused after too many attempts. Check them and try again in a few minutes, or reset your password.';

export type SignInResult =
  | { ok: true; token: string; userId: string }
  | {
      ok: false;
      message: string;
      /**
       * Settles when the unlock email of an account this failure paused is sent (or was never
       * going to be); never rejects. The page does not wait for it. Tests await it.
       */
      delivery: Promise<void>;
    };

// Verifying against a real hash when the account does not exist keeps the timing the same.
let dummyHash: Promise<string> | undefined;

export async function signIn(
  emailInput: string,
  password: string,
  ip: string
): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const state = await throttleState(email, ip);
  if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
  if (state.locked) {
    await audit({ type: 'auth.signin.failed', ip, data: { reason: `locked-${state.locked}` } });
    return { ok: false, message: SIGN_IN_FAILED, delivery: Promise.resolve() };
  }
  const account = await findAccountByEmail(email);
  dummyHash ??= hashPassword('not-a-real-password-just-for-timing');
  const valid = await verifyPassword(account?.passwordHash ?? (await dummyHash), password);
  if (!account || !account.passwordHash || !valid || account.status !== 'ACTIVE') {
    const { accountPaused } = await recordFailure(email, ip);
    await audit({
      type: 'auth.signin.failed',
      subjectId: account?.id ?? null,
      ip,
      data: {
        reason: !account
          ? 'unknown-email'
          : account.status !== 'ACTIVE'
            ? 'not-active'
            : 'bad-password'
      }
    });
    // Not awaited: the answer takes as long whether or not the email has an account.
    const delivery = accountPaused ? sendUnlockLink(email, ip) : Promise.resolve();
    return { ok: false, message: SIGN_IN_FAILED, delivery };
  }
  await clearPair(email, ip);
  const token = await createSession(account.id);
  await audit({ type: 'auth.signin', actorId: account.id, ip });
  return { ok: true, token, userId: account.id };
}

/**
 * What a new password must be (NIST SP 800-63B): long rather than complicated, 12 to 128
 * characters, not a well-known password and not built from the person's own email address.
 * No composition rules: they make passwords harder to remember, not harder to guess.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordCheck = { ok: true } | { ok: false; message: string };

export const PASSWORD_HINT = `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. A few unrelated words make a good password; common passwords and your email address are refused.`;

let common: Set<string> | undefined;

/** Read once from data/common-passwords.txt (relative to the working directory, like migrations). */
function commonPasswords(): Set<string> {
  if (!common) {
    const file = path.resolve(process.cwd(), 'data/common-passwords.txt');
    const lines = readFileSync(file, 'utf8').split('\n');
    common = new Set(
      lines.map((l) => l.trim().toLowerCase()).filter((l) => l.length > 0 && !l.startsWith('#'))
    );
  }
  return common;
}

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  // "Password1234!" is as guessable as "password1234": trailing punctuation adds nothing.
  return list.has(lower) || list.has(lower.replace(/[\s!?.*#$%&@_-]+$/u, ''));
}

export function checkPasswordPolicy(
  password: string,
  context: { email?: string | null } = {}
): PasswordCheck {
  // Characters as people count them (an emoji is one), not UTF-16 units.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return {
      ok: false,
      message: `Your password is too short: use at least ${PASSWORD_MIN_LENGTH} characters.`
    };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return {
      ok: false,
      message: `Your password is too long: use at most ${PASSWORD_MAX_LENGTH} characters.`
    };
  }
  if (new Set(password.toLowerCase()).size < 4) {
    return {
      ok: false,
      message: 'Your password repeats too few characters: choose a few unrelated words instead.'
    };
  }
  if (isCommonPassword(password)) {
    return {
      ok: false,
      message:
        'That password is on a list of common passwords that attackers try first: choose another.'
    };
  }
  const localPart = context.email?.split('@')[0]?.trim().toLowerCase() ?? '';
  if (localPart.length >= 3 && password.toLowerCase().includes(localPart)) {
    return {
      ok: false,
      message: 'Your password must not contain your email address: choose another.'
    };
  }
  return { ok: true };
}

/** The policy plus the confirmation field of a "new password" form. */
export function checkNewPassword(
  password: string,
  confirmation: string,
  context: { email?: string | null } = {}
): PasswordCheck {
  const policy = checkPasswordPolicy(password, context);
  if (!policy.ok) return policy;
  if (password !== confirmation) {
    return { ok: false, message: 'The two passwords are not the same: type them again.' };
  }
  return { ok: true };
}

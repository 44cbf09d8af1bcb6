import { describe, expect, it } from 'vitest';
import {
  checkNewPassword,
  checkPasswordPolicy,
  isCommonPassword,
  PASSWORD_MAX_LENGTH
} from '../../src/lib/server/auth/password-policy.ts';

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(checkPasswordPolicy('harbour kettle violet 42')).toEqual({ ok: true });
  });

  it('refuses fewer than 12 characters and says so', () => {
    const result = checkPasswordPolicy('short pass1');
    expect(result.ok).toBe(false);
    expect(result.ok || result.message).toMatch(/at least 12 characters/);
  });

  it('counts characters, not UTF-16 units', () => {
    // 11 emoji are 22 UTF-16 units but 11 characters: still too short.
    expect(checkPasswordPolicy('🐨🦘🐊🦜🐍🦈🐙🐢🦉🐝🐞').ok).toBe(false);
  });

  it('refuses more than 128 characters', () => {
    const long = 'abcdefghij'.repeat(13);
    expect(long.length).toBeGreaterThan(PASSWORD_MAX_LENGTH);
    const result = checkPasswordPolicy(long);
    expect(result.ok || result.message).toMatch(/at most 128/);
    expect(checkPasswordPolicy('abcdefghij'.repeat(12) + 'xyzuvw!#').ok).toBe(true);
  });

  it.each(['password1234', 'qwertyuiop123', 'iloveyou1234', '123456789012', 'Password1234!'])(
    'refuses the common password %s',
    (password) => {
      expect(isCommonPassword(password)).toBe(true);
      const result = checkPasswordPolicy(password);
      expect(result.ok || result.message).toMatch(/common passwords/);
    }
  );

  it('refuses a password that repeats a few characters', () => {
    expect(checkPasswordPolicy('zzzzzzzzzzzzzzzz').ok).toBe(false);
    expect(checkPasswordPolicy('xyxyxyxyxyxyxyxy').ok).toBe(false);
  });

  it('refuses a password containing the email local part, in any case', () => {
    const result = checkPasswordPolicy('my Jane.Citizen rocks', {
      email: 'jane.citizen@agency.example'
    });
    expect(result.ok || result.message).toMatch(/email address/);
    expect(
      checkPasswordPolicy('harbour kettle violet', { email: 'jane.citizen@agency.example' }).ok
    ).toBe(true);
  });

  it('checks the confirmation after the policy', () => {
    expect(checkNewPassword('harbour kettle violet', 'harbour kettle violent').ok).toBe(false);
    expect(checkNewPassword('harbour kettle violet', 'harbour kettle violet').ok).toBe(true);
    const policyFirst = checkNewPassword('short', 'other');
    expect(policyFirst.ok || policyFirst.message).toMatch(/too short/);
  });
});

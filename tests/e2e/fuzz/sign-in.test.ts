/**
 * Fuzz, the sign-in form: malformed addresses and passwords, and addresses no account has (fresh
 * each run, so no real account is ever locked). Every answer is the one generic refusal (400),
 * whether or not the address's failures have started a lockout; never a 5xx. This file signs
 * nobody in, so the failures it leaves on 127.0.0.1 hinder no other test here, and the e2e file
 * setup clears them before the next file.
 */
import { describe, expect, inject, it } from 'vitest';
import { postForm } from '../../support/http.ts';
import { SIGN_IN_CASES } from './cases.ts';
import { expectClear } from './fuzz-kit.ts';

const baseUrl = inject('baseUrl');

describe('fuzzing the sign-in form', () => {
  it(`refuses ${SIGN_IN_CASES.length} malformed sign-ins with the generic answer`, async () => {
    let sent = 0;
    for (const fields of SIGN_IN_CASES) {
      const result = await postForm(baseUrl, '/login', fields);
      const what = `sign-in ${JSON.stringify(fields).slice(0, 120)}`;
      expectClear(result, what);
      expect(result.status, what).toBe(400);
      expect(
        result.headers.getSetCookie().some((c) => c.startsWith('ta_session=')),
        what
      ).toBe(false);
      sent++;
    }
    expect(sent).toBe(SIGN_IN_CASES.length);
  });
});

/**
 * Fuzz, `/login?next=`: hostile `next` values (other origins by every trick a browser follows,
 * control characters raw and encoded, backslashes, encoded slashes, schemes, very long) on the
 * sign-in page signed out and signed in, and on the sign-in form (as a field and in the query).
 * Never a 5xx, and any Location is on this origin (src/lib/server/auth/safe-next.ts).
 */
import { describe, expect, inject, it } from 'vitest';
import { get, postForm, type HttpResult } from '../../support/http.ts';
import { NEXT_MODES, NEXT_VALUES, type NextMode } from './cases.ts';
import { FUZZ_PASSWORD, useFuzzFixture } from './fuzz-fixture.ts';
import { expectClear, expectSameOrigin, urlPart, wellFormed } from './fuzz-kit.ts';

const baseUrl = inject('baseUrl');

describe('fuzzing /login?next=', () => {
  const fixture = useFuzzFixture(baseUrl);

  const send: Record<NextMode, (next: string) => Promise<HttpResult>> = {
    'signed-out page': (next) => get(baseUrl, `/login?next=${urlPart(next)}`),
    'signed-in page': (next) => get(baseUrl, `/login?next=${urlPart(next)}`, fixture().cookie),
    'sign-in form': (next) =>
      postForm(baseUrl, '/login', {
        email: fixture().email,
        password: FUZZ_PASSWORD,
        next: wellFormed(next)
      }),
    'sign-in query': (next) =>
      postForm(baseUrl, `/login?next=${urlPart(next)}`, {
        email: fixture().email,
        password: FUZZ_PASSWORD
      })
  };

  for (const mode of NEXT_MODES) {
    it(`${mode}: ${NEXT_VALUES.length} hostile next values, never 5xx, never off this origin`, async () => {
      let sent = 0;
      for (const next of NEXT_VALUES) {
        const result = await send[mode](next);
        const what = `${mode} next=${JSON.stringify(next).slice(0, 80)}`;
        expectClear(result, what);
        if (mode === 'signed-out page') {
          expect(result.status, what).toBe(200);
        } else {
          // Signed in, or signing in with the right password: always sent on, somewhere safe.
          expect(result.status, what).toBe(303);
          expect(result.location, what).not.toBeNull();
        }
        expectSameOrigin(result.location, baseUrl, what);
        sent++;
      }
      expect(sent).toBe(NEXT_VALUES.length);
    });
  }
});

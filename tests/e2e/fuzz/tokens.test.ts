/**
 * Fuzz, tokens: malformed secrets where the app takes them — `Authorization: Bearer` on /graphql
 * (POST and GET), and the reset, activation (invitation) and unsubscribe links, both their pages
 * and their forms. Each is refused as not signed in (UNAUTHENTICATED) or as a link that does not
 * work (a 4xx); never a 5xx, never a session.
 */
import { describe, expect, inject, it } from 'vitest';
import { get, postForm, postGraphQL, type HttpResult } from '../../support/http.ts';
import { TOKEN_PLACES, TOKEN_VALUES, type TokenPlace } from './cases.ts';
import { expectClear, expectGraphQLClear, urlPart, wellFormed } from './fuzz-kit.ts';

const baseUrl = inject('baseUrl');

/** A header carries Latin-1 without controls; anything else is sent percent-encoded. */
function headerSafe(token: string): string {
  return /^[\u0020-\u007e\u0080-\u00ff]*$/.test(token)
    ? token
    : encodeURIComponent(wellFormed(token));
}

const PASSWORD = { password: 'lantern orchard pebble', confirmation: 'lantern orchard pebble' };

const send: Record<TokenPlace, (token: string) => Promise<HttpResult>> = {
  'bearer /graphql': (token) =>
    postGraphQL(
      baseUrl,
      { query: '{ me { id } }' },
      { authorization: `Bearer ${headerSafe(token)}` }
    ),
  'bearer /graphql GET': async (token) => {
    const response = await fetch(`${baseUrl}/graphql?query=${urlPart('{ me { id } }')}`, {
      redirect: 'manual',
      headers: {
        authorization: `Bearer ${headerSafe(token)}`,
        'apollo-require-preflight': 'true'
      }
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
      headers: response.headers
    };
  },
  'reset page': (token) => get(baseUrl, `/reset/${urlPart(token)}`),
  'reset form': (token) => postForm(baseUrl, `/reset/${urlPart(token)}`, PASSWORD),
  'activation page': (token) => get(baseUrl, `/activate/${urlPart(token)}`),
  'activation form': (token) =>
    postForm(baseUrl, `/activate/${urlPart(token)}`, {
      name: 'Ivy Fuzz',
      phone: '02 9555 0123',
      jobTitle: 'Caseworker',
      agencyChoice: 'existing',
      agencyId: 'x',
      ...PASSWORD
    }),
  'unsubscribe page': (token) => get(baseUrl, `/unsubscribe/${urlPart(token)}`),
  'unsubscribe form': (token) => postForm(baseUrl, `/unsubscribe/${urlPart(token)}`, {})
};

describe('fuzzing tokens', () => {
  for (const place of TOKEN_PLACES) {
    it(`${place}: ${TOKEN_VALUES.length} malformed tokens, each refused, never 5xx`, async () => {
      let sent = 0;
      for (const token of TOKEN_VALUES) {
        const result = await send[place](token);
        const what = `${place} ${JSON.stringify(token).slice(0, 60)}`;
        expect(
          result.headers.getSetCookie().some((c) => c.startsWith('ta_session=')),
          what
        ).toBe(false);
        if (place.startsWith('bearer')) {
          // Whatever the token, nobody is signed in: no `me`.
          const [answer] = expectGraphQLClear(result, what);
          const me = (answer?.data as { me?: unknown } | null | undefined)?.me ?? null;
          expect(me, `${what}: ${result.body.slice(0, 200)}`).toBeNull();
        } else {
          expectClear(result, what);
          expect(result.status, `${what}: ${result.body.slice(0, 200)}`).toBeGreaterThanOrEqual(
            400
          );
        }
        sent++;
      }
      expect(sent).toBe(TOKEN_VALUES.length);
    });
  }
});

import { redirect } from '@sveltejs/kit';
import { revokeAccountTokensNow } from '$lib/server/accounts/api-tokens.service';
import { audit } from '$lib/server/audit/audit';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { destroySession, destroyUserSessions } from '$lib/server/auth/sessions';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (a link or image could otherwise sign people out).
export const load: PageServerLoad = () => redirect(303, '/');

export const actions = {
  signout: async ({ locals, cookies, getClientAddress }) => {
    if (locals.sessionToken) await destroySession(locals.sessionToken);
    if (locals.user)
      await audit({ type: 'auth.signout', actorId: locals.user.id, ip: getClientAddress() });
    clearSessionCookie(cookies);
    redirect(303, '/login');
  },
  everywhere: async ({ locals, cookies, getClientAddress }) => {
    if (locals.user) {
      // Tokens first, in Neo4j: sessions live in Redis, so the two cannot share a transaction.
      // If the revocation fails the person is still signed in and sees the error, rather than
      // being signed out while a token they meant to end keeps working.
      await revokeAccountTokensNow(
        locals.user.id,
        'signed-out-everywhere',
        locals.user.id,
        getClientAddress()
      );
      await destroyUserSessions(locals.user.id);
      await audit({
        type: 'auth.signout.everywhere',
        actorId: locals.user.id,
        ip: getClientAddress()
      });
    }
    clearSessionCookie(cookies);
    redirect(303, '/login');
  }
} satisfies Actions;

import { randomUUID } from 'node:crypto';
import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { findSessionUser } from '$lib/server/accounts/account.repository';
import { verifyApiToken } from '$lib/server/accounts/api-tokens.service';
import { isApiPath, isPublicPath } from '$lib/server/auth/guard';
import { SESSION_COOKIE, readSession } from '$lib/server/auth/sessions';
import { config } from '$lib/server/config';
import { closeDriver } from '$lib/server/db/neo4j';
import { closeRedis } from '$lib/server/redis';
import { runInRequestScope } from '$lib/server/request-scope';
// The same list scripts/serve-build.js sets on static files, which it serves before these hooks.
import { SECURITY_HEADERS } from '$lib/server/security-headers.js';

export const init: ServerInit = () => {
  // Fail at start-up, naming every bad variable, rather than on the first request.
  config();
  process.once('sveltekit:shutdown', () => {
    void Promise.allSettled([closeDriver(), closeRedis()]);
  });
};

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
  event.locals.user = null;
  event.locals.viewer = null;
  const token = event.cookies.get(SESSION_COOKIE);
  const session = await readSession(token);
  if (session) {
    // Re-read the account on every request: a suspended account stops working at once.
    const user = await findSessionUser(session.userId);
    if (user && user.status === 'ACTIVE') {
      event.locals.user = user;
      event.locals.viewer = {
        id: user.id,
        roles: user.roles,
        agencyId: user.agencyId ?? undefined
      };
      event.locals.sessionToken = token;
    }
  }
  const path = event.url.pathname;
  const bearer = /^Bearer (\S{1,200})$/.exec(event.request.headers.get('authorization') ?? '')?.[1];
  let refusedBearer = false;
  if (!event.locals.viewer && bearer && isApiPath(path)) {
    // Machine clients of /graphql act with exactly their owner's permissions.
    event.locals.viewer = await verifyApiToken(bearer);
    refusedBearer = event.locals.viewer === null;
  }
  if (!event.locals.user && !isPublicPath(path) && !isApiPath(path)) {
    redirect(303, `/login?next=${encodeURIComponent(path + event.url.search)}`);
  }
  const response = refusedBearer
    ? invalidToken()
    : await runInRequestScope({ ip: clientAddress(event) }, () => resolve(event));
  if (event.locals.user) {
    // Signed-in pages carry personal data: never let a shared or back-button cache keep them.
    response.headers.set('cache-control', 'no-store');
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  response.headers.set('x-request-id', event.locals.requestId);
  return response;
};

/**
 * A bearer token that does not work (unknown, malformed, revoked, expired, or its owner suspended)
 * gets one answer, so a caller cannot tell which, and no operation runs: 401 as RFC 6750 says,
 * rather than carrying on as an anonymous caller a client might mistake for "no data".
 */
function invalidToken(): Response {
  return new Response(
    JSON.stringify({
      errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }]
    }),
    {
      status: 401,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'www-authenticate': 'Bearer error="invalid_token"',
        'cache-control': 'no-store'
      }
    }
  );
}

/** The caller's address for the audit trail; null when the adapter cannot tell (e.g. in tests). */
function clientAddress(event: Parameters<Handle>[0]['event']): string | null {
  try {
    return event.getClientAddress();
  } catch {
    return null;
  }
}

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  const errorId = randomUUID();
  if (status >= 500) {
    console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, error);
  }
  return { message: status >= 500 ? 'Something went wrong on our side.' : message, errorId };
};

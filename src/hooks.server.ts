import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { closeDriver } from '$lib/server/db/neo4j';
import { closeRedis } from '$lib/server/redis';

export const init: ServerInit = () => {
  // Fail at start-up, naming every bad variable, rather than on the first request.
  config();
  process.once('sveltekit:shutdown', () => {
    void Promise.allSettled([closeDriver(), closeRedis()]);
  });
};

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin'
};

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
  const response = await resolve(event);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  response.headers.set('x-request-id', event.locals.requestId);
  return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  const errorId = randomUUID();
  if (status >= 500) {
    console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, error);
  }
  return { message: status >= 500 ? 'Something went wrong on our side.' : message, errorId };
};

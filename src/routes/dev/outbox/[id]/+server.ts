/**
 * One email of the local outbox, as the recipient would see it. The HTML is served sandboxed (no
 * scripts, no forms, its own opaque origin, nothing loaded from elsewhere) because it is
 * rendered from user-entered text.
 */
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { mayReadOutboxEmail } from '$lib/server/dev/outbox-access';
import { getOutboxEmail } from '$workers/mail/local-outbox';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, locals }) => {
  if (config().nodeEnv === 'production') error(404, 'Not found');
  const email = await getOutboxEmail(params.id);
  // Someone else's email answers exactly like a missing one: its id tells nothing.
  if (!email || !locals.user || !mayReadOutboxEmail(locals.user, email)) {
    error(404, 'No such email in the outbox');
  }
  const asText = url.searchParams.get('format') === 'text';
  return new Response(asText ? email.text : email.html, {
    headers: {
      'content-type': asText ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
      'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'",
      'cache-control': 'no-store'
    }
  });
};

import { error, type RequestEvent } from '@sveltejs/kit';
import { audit } from '../audit/audit.ts';

export const LEADS_ONLY = 'This page is for local leads and admins.';

/** Refuses with 403 after recording the refusal (DESIGN.md rule 5: failed authorization). */
export async function forbid(
  event: Pick<RequestEvent, 'locals' | 'url' | 'getClientAddress'>,
  message = LEADS_ONLY
): Promise<never> {
  await audit({
    type: 'access.denied',
    actorId: event.locals.user?.id ?? null,
    ip: event.getClientAddress(),
    data: { path: event.url.pathname }
  });
  error(403, message);
}

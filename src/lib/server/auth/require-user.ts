import { redirect } from '@sveltejs/kit';
import type { SessionUser } from '../accounts/account.repository.ts';

/**
 * The signed-in user for pages behind sign-in. hooks.server.ts already redirects signed-out
 * visitors; this keeps form actions type-safe (and safe should a path ever become public).
 */
export function requireUser(locals: App.Locals): SessionUser {
  if (!locals.user) redirect(303, '/login');
  return locals.user;
}

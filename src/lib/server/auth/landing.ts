/**
 * Where someone lands after signing in without asking for a page: local leads and admins watch
 * the network grow by area, so their first page is the dashboard; everyone else starts from the
 * clients they work with.
 */
import { findSessionUser } from '../accounts/account.repository.ts';

export function landingFor(roles: readonly string[]): string {
  return roles.includes('lead') || roles.includes('admin') ? '/dashboard' : '/';
}

export async function landingForUser(userId: string): Promise<string> {
  const user = await findSessionUser(userId);
  return landingFor(user?.roles ?? []);
}

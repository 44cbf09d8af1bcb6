import { fail } from '@sveltejs/kit';
import { isAdmin, leadScope } from '$lib/server/accounts/lead-scope';
import { changeAccountRoles } from '$lib/server/accounts/roles.service';
import {
  reinstateAccount,
  searchAccounts,
  suspendAccount,
  type SuspensionResult
} from '$lib/server/accounts/suspension.service';
import { forbid } from '$lib/server/auth/forbid';
import { requireUser } from '$lib/server/auth/require-user';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event.locals);
  const query = (event.url.searchParams.get('q') ?? '').slice(0, 100);
  const accounts = await searchAccounts(user, query);
  if (!accounts) return forbid(event);
  return { query, accounts, isAdmin: user.roles.includes('admin'), viewerId: user.id };
};

type StatusAction = typeof suspendAccount;

async function act(event: RequestEvent, action: StatusAction, done: string) {
  const user = requireUser(event.locals);
  if (!(await leadScope(user))) return forbid(event);
  const id = String((await event.request.formData()).get('id') ?? '').slice(0, 100);
  const result: SuspensionResult = await action(user, id, event.getClientAddress());
  if (result.ok) return { done };
  if (result.reason === 'forbidden') return forbid(event);
  return fail(400, { message: result.message });
}

export const actions = {
  suspend: (event) =>
    act(
      event,
      suspendAccount,
      'Account suspended: every session of it has ended and its API tokens are revoked.'
    ),
  reinstate: (event) => act(event, reinstateAccount, 'Account reinstated: they can sign in again.'),
  roles: async (event) => {
    const user = requireUser(event.locals);
    if (!isAdmin(user)) return forbid(event, 'Only an admin can change roles.');
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '').slice(0, 100);
    const choice = { lead: form.get('lead') === 'on', admin: form.get('admin') === 'on' };
    const result = await changeAccountRoles(user, id, choice, event.getClientAddress());
    if (!result.ok) {
      if (result.reason === 'forbidden') return forbid(event, 'Only an admin can change roles.');
      return fail(400, { message: result.message });
    }
    return {
      done: result.changed
        ? 'Roles saved: the account’s API tokens are revoked.'
        : 'Those were already the account’s roles.'
    };
  }
} satisfies Actions;

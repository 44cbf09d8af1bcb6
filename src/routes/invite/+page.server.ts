import { fail } from '@sveltejs/kit';
import {
  createInvite,
  listMyTeams,
  listPendingInvites,
  resendInvite,
  revokeInvite
} from '$lib/server/accounts/invites.service';
import { requireUser } from '$lib/server/auth/require-user';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = requireUser(locals);
  const [teams, invites] = await Promise.all([listMyTeams(user.id), listPendingInvites(user.id)]);
  return { teams, invites };
};

const sentMessage = (email: string, emailSent: boolean) =>
  emailSent
    ? `Invitation sent to ${email}. The link works once, for 7 days.`
    : `The invitation for ${email} is saved, but the email could not be sent just now. Try Resend in a few minutes.`;

export const actions = {
  invite: async ({ request, locals, getClientAddress }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').slice(0, 320);
    const clientId = String(form.get('clientId') ?? '') || null;
    const result = await createInvite(requireUser(locals), { email, clientId }, getClientAddress());
    if (!result.ok)
      return fail(400, { action: 'invite', email, clientId, message: result.message });
    return { action: 'invite', done: sentMessage(result.email, result.emailSent) };
  },
  resend: async ({ request, locals, getClientAddress }) => {
    const id = String((await request.formData()).get('inviteId') ?? '');
    const result = await resendInvite(requireUser(locals), id, getClientAddress());
    if (!result.ok) return fail(400, { action: 'resend', message: result.message });
    return { action: 'resend', done: sentMessage(result.email, result.emailSent) };
  },
  revoke: async ({ request, locals, getClientAddress }) => {
    const id = String((await request.formData()).get('inviteId') ?? '');
    const result = await revokeInvite(requireUser(locals), id, getClientAddress());
    if (!result.ok) return fail(400, { action: 'revoke', message: result.message });
    return { action: 'revoke', done: 'Invitation revoked: its link no longer works.' };
  }
} satisfies Actions;

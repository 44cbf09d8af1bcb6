import { fail } from '@sveltejs/kit';
import {
  RESET_REQUESTED_MESSAGE,
  requestPasswordReset
} from '$lib/server/accounts/password-reset.service';
import type { Actions } from './$types';

export const actions = {
  default: async ({ request, getClientAddress }) => {
    const email = String((await request.formData()).get('email') ?? '').slice(0, 320);
    if (!email.trim()) return fail(400, { email, message: 'Enter your work email address.' });
    const { delivery } = await requestPasswordReset(email, getClientAddress());
    // The answer does not wait for the email, so it takes as long whether or not it is sent.
    void delivery;
    return { sent: true, message: RESET_REQUESTED_MESSAGE };
  }
} satisfies Actions;

import { error, fail, redirect } from '@sveltejs/kit';
import { findUsableReset, resetPassword } from '$lib/server/accounts/password-reset.service';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import type { Actions, PageServerLoad } from './$types';

const GONE =
  'This link cannot be used: it may have been used already, replaced by a newer one or expired (links work for an hour). Ask for a new one.';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
  // The token is in the URL: never send it to another site as a referrer.
  setHeaders({ 'referrer-policy': 'no-referrer' });
  const reset = await findUsableReset(params.token);
  if (!reset) error(410, GONE);
  return { email: reset.email };
};

export const actions = {
  default: async ({ params, request, cookies, getClientAddress }) => {
    const form = await request.formData();
    const result = await resetPassword(
      params.token,
      String(form.get('password') ?? ''),
      String(form.get('confirmation') ?? ''),
      getClientAddress()
    );
    if (!result.ok && result.reason === 'invalid') error(410, GONE);
    if (!result.ok) return fail(400, { message: result.message });
    // Every session of the account has ended, this browser's too.
    clearSessionCookie(cookies);
    redirect(303, '/login?notice=password-reset');
  }
} satisfies Actions;

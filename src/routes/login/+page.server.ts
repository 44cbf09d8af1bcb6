import { fail, redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { landingForUser } from '$lib/server/auth/landing';
import { safeNext } from '$lib/server/auth/safe-next';
import { signIn } from '$lib/server/auth/sign-in';
import type { Actions, PageServerLoad } from './$types';

/** Messages another page can leave for the sign-in page; only these keys, never free text. */
const NOTICES: Record<string, string> = {
  'password-reset': 'Your password has been changed. Sign in with the new one.',
  'sign-in-unlocked': 'Sign-in to your account is open again. Sign in below.'
};

export const load: PageServerLoad = ({ locals, url }) => {
  const next = url.searchParams.get('next');
  if (locals.user) redirect(303, safeNext(next));
  const notice = NOTICES[url.searchParams.get('notice') ?? ''] ?? null;
  // No `next` means "my usual start page", which depends on who signs in (landing.ts).
  return { next: next ? safeNext(next) : '', notice };
};

export const actions = {
  default: async ({ request, cookies, getClientAddress, url }) => {
    const form = await request.formData();
    const email = String(form.get('email') ?? '').slice(0, 320);
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      return fail(400, { email, message: 'Enter your work email and your password.' });
    }
    if (password.length > 128) {
      return fail(400, {
        email,
        message: 'That email and password do not match an active account.'
      });
    }
    const result = await signIn(email, password, getClientAddress());
    if (!result.ok) return fail(400, { email, message: result.message });
    setSessionCookie(cookies, result.token);
    const next = form.get('next') || url.searchParams.get('next');
    redirect(303, next ? safeNext(next) : await landingForUser(result.userId));
  }
} satisfies Actions;

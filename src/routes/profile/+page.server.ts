import { error, fail } from '@sveltejs/kit';
import {
  createApiToken,
  DEFAULT_TOKEN_DAYS,
  listApiTokens,
  MAX_TOKEN_DAYS,
  revokeApiToken
} from '$lib/server/accounts/api-tokens.service';
import { verificationSummary } from '$lib/server/accounts/agency-verification.service';
import { readProfileFields } from '$lib/server/accounts/profile-fields';
import {
  changeEmail,
  changePassword,
  getProfile,
  updateProfile
} from '$lib/server/accounts/profile.service';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { requireUser } from '$lib/server/auth/require-user';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = requireUser(locals);
  const [profile, tokens, verification] = await Promise.all([
    getProfile(user.id),
    listApiTokens(user.id),
    verificationSummary(user.id)
  ]);
  if (!profile) error(404, 'Account not found');
  return {
    profile,
    tokens,
    verification,
    tokenDays: { default: DEFAULT_TOKEN_DAYS, max: MAX_TOKEN_DAYS }
  };
};

const field = (form: FormData, name: string, max = 200) =>
  String(form.get(name) ?? '').slice(0, max);

export const actions = {
  details: async ({ request, locals, getClientAddress }) => {
    const user = requireUser(locals);
    const fields = readProfileFields(await request.formData());
    const result = await updateProfile(user.id, fields, getClientAddress());
    if (!result.ok) return fail(400, { action: 'details', values: fields, errors: result.errors });
    return { action: 'details', done: 'Your details are saved.' };
  },
  password: async ({ request, locals, cookies, getClientAddress }) => {
    const user = requireUser(locals);
    const form = await request.formData();
    const result = await changePassword(
      user.id,
      {
        current: field(form, 'current', 1000),
        password: field(form, 'password', 1000),
        confirmation: field(form, 'confirmation', 1000)
      },
      getClientAddress()
    );
    if (!result.ok) return fail(400, { action: 'password', message: result.message });
    // This browser keeps working with a fresh session; every other one was signed out.
    setSessionCookie(cookies, result.sessionToken);
    return {
      action: 'password',
      done: 'Your password is changed. You were signed out everywhere else.'
    };
  },
  email: async ({ request, locals, getClientAddress }) => {
    const user = requireUser(locals);
    const form = await request.formData();
    const email = field(form, 'email', 320);
    const result = await changeEmail(
      user.id,
      { current: field(form, 'current', 1000), email },
      getClientAddress()
    );
    if (!result.ok) return fail(400, { action: 'email', email, message: result.message });
    return { action: 'email', done: `Your email address is now ${result.email}.` };
  },
  createToken: async ({ request, locals, getClientAddress }) => {
    const user = requireUser(locals);
    const form = await request.formData();
    const name = field(form, 'name', 200);
    const days = field(form, 'days', 20);
    const result = await createApiToken(user.id, name, getClientAddress(), days);
    if (!result.ok) {
      return fail(400, { action: 'createToken', name, days, message: result.message });
    }
    return {
      action: 'createToken',
      token: result.token,
      name: result.name,
      expiresAt: result.expiresAt
    };
  },
  revokeToken: async ({ request, locals, getClientAddress }) => {
    const user = requireUser(locals);
    const id = field(await request.formData(), 'tokenId', 100);
    const revoked = await revokeApiToken(user.id, id, getClientAddress());
    if (!revoked) {
      return fail(400, { action: 'revokeToken', message: 'That token was already revoked.' });
    }
    return { action: 'revokeToken', done: 'Token revoked: it no longer works.' };
  }
} satisfies Actions;

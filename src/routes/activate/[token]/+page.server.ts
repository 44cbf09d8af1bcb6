import { error, fail, redirect } from '@sveltejs/kit';
import {
  activateAccount,
  findUsableInvite,
  listAgencies,
  listRequestableAreas
} from '$lib/server/accounts/activation.service';
import { agencyKindOptions } from '$lib/server/accounts/agency-kinds';
import { readProfileFields } from '$lib/server/accounts/profile-fields';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { destroySession } from '$lib/server/auth/sessions';
import type { Actions, PageServerLoad } from './$types';

/** Says nothing about why (used, revoked, expired or never issued): a link either works or not. */
const GONE =
  'This invitation link cannot be used: it may have been used already, replaced by a newer one, withdrawn or expired. Ask the colleague who invited you to send a new invitation.';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
  // The token is in the URL: never send it to another site as a referrer.
  setHeaders({ 'referrer-policy': 'no-referrer' });
  const invite = await findUsableInvite(params.token);
  if (!invite) error(410, GONE);
  const [agencies, areas] = await Promise.all([listAgencies(), listRequestableAreas()]);
  return {
    email: invite.email,
    inviterName: invite.inviterName,
    expiresAt: invite.expiresAt,
    agencies,
    areas,
    kinds: agencyKindOptions()
  };
};

/** "Sydney (17200)" from the list, or a bare code, gives the code. */
function areaCode(value: string): string {
  const match = /\(([^()]+)\)\s*$/.exec(value);
  return (match?.[1] ?? value).trim().slice(0, 40);
}

export const actions = {
  default: async ({ params, request, cookies, locals, getClientAddress }) => {
    const form = await request.formData();
    const fields = readProfileFields(form);
    const notListed = form.get('agencyChoice') === 'new';
    const agencyId = String(form.get('agencyId') ?? '').slice(0, 100);
    const newAgencyName = String(form.get('newAgencyName') ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200);
    const newAgencyKind = String(form.get('newAgencyKind') ?? '').slice(0, 40);
    const newAgencyArea = String(form.get('newAgencyArea') ?? '').slice(0, 200);
    const values = { ...fields, notListed, agencyId, newAgencyName, newAgencyKind, newAgencyArea };

    const result = await activateAccount(
      params.token,
      {
        ...fields,
        agencyId: notListed ? null : agencyId || null,
        newAgency: notListed
          ? { name: newAgencyName, kind: newAgencyKind, areaCode: areaCode(newAgencyArea) }
          : null,
        password: String(form.get('password') ?? ''),
        confirmation: String(form.get('confirmation') ?? '')
      },
      getClientAddress()
    );
    if (!result.ok && result.reason === 'invalid') error(410, GONE);
    if (!result.ok) return fail(400, { values, errors: result.errors });
    // Whoever was signed in on this browser before is signed out: it is the new account now.
    if (locals.sessionToken) await destroySession(locals.sessionToken);
    setSessionCookie(cookies, result.sessionToken);
    redirect(303, '/');
  }
} satisfies Actions;

import { error, redirect } from '@sveltejs/kit';
import { isUsableUnlock, useUnlockLink } from '$lib/server/accounts/sign-in-unlock.service';
import type { Actions, PageServerLoad } from './$types';

const GONE =
  'This link cannot be used: it may have been used already, replaced by a newer one or expired. Sign-in opens again by itself an hour after it was paused.';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
  // The token is in the URL: never send it to another site as a referrer.
  setHeaders({ 'referrer-policy': 'no-referrer' });
  // Opening the page changes nothing (mail scanners open links); the button does.
  if (!(await isUsableUnlock(params.token))) error(410, GONE);
  return {};
};

export const actions = {
  default: async ({ params, getClientAddress }) => {
    if (!(await useUnlockLink(params.token, getClientAddress()))) error(410, GONE);
    redirect(303, '/login?notice=sign-in-unlocked');
  }
} satisfies Actions;

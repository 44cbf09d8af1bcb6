/**
 * Sensitive-agency verifications waiting for a decision. Admins see all of them; a verified member
 * of a sensitive agency sees those of their own agency (never their own claim); anyone else gets
 * 403. Approve/Refuse re-check all of that in the deciding Cypher (agency-verification.service.ts).
 */
import { fail } from '@sveltejs/kit';
import {
  decideVerification,
  listPendingVerifications,
  type VerificationDecision
} from '$lib/server/accounts/agency-verification.service';
import { forbid } from '$lib/server/auth/forbid';
import { requireUser } from '$lib/server/auth/require-user';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const NOT_FOR_YOU =
  'This page is for admins and verified members of sensitive services (domestic violence, sexual health, drug and alcohol).';

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event.locals);
  const verifications = await listPendingVerifications(user);
  if (!verifications) return forbid(event, NOT_FOR_YOU);
  return { verifications, admin: user.roles.includes('admin') };
};

async function decide(event: RequestEvent, decision: VerificationDecision) {
  const id = String((await event.request.formData()).get('id') ?? '').slice(0, 100);
  const result = await decideVerification(
    requireUser(event.locals),
    id,
    decision,
    event.getClientAddress()
  );
  if (result.ok) {
    return {
      done:
        decision === 'approve'
          ? 'Approved: they are now a verified member of the agency, and were told by email.'
          : 'Refused: they cannot claim that agency, and were told by email.'
    };
  }
  return fail(result.reason === 'forbidden' ? 403 : 400, { message: result.message });
}

export const actions = {
  approve: (event) => decide(event, 'approve'),
  refuse: (event) => decide(event, 'refuse')
} satisfies Actions;

import { fail } from '@sveltejs/kit';
import { agencyKindOptions } from '$lib/server/accounts/agency-kinds';
import {
  decideAgencyRequest,
  listPendingAgencyRequests
} from '$lib/server/accounts/agency-requests.service';
import { forbid } from '$lib/server/auth/forbid';
import { requireUser } from '$lib/server/auth/require-user';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
  const requests = await listPendingAgencyRequests(requireUser(event.locals));
  if (!requests) return forbid(event);
  return { requests, kinds: agencyKindOptions() };
};

async function decide(event: RequestEvent, decision: 'approve' | 'reject') {
  const id = String((await event.request.formData()).get('id') ?? '').slice(0, 100);
  const result = await decideAgencyRequest(
    requireUser(event.locals),
    id,
    decision,
    event.getClientAddress()
  );
  if (result.ok) {
    return {
      done:
        decision === 'approve'
          ? 'Approved: the agency now exists and the practitioner works there.'
          : 'Rejected. Let the practitioner know which existing agency to choose.'
    };
  }
  if (result.reason === 'forbidden') return forbid(event);
  return fail(400, { message: result.message });
}

export const actions = {
  approve: (event) => decide(event, 'approve'),
  reject: (event) => decide(event, 'reject')
} satisfies Actions;

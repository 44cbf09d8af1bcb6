/**
 * The "Join team" form on a client's pages (the non-member summary and the circle tab), through
 * the search engineer's joinTeam command: same rules, same recorded reason, same alerts.
 */
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { GraphQLOperationError, executeGraphQL } from '../graphql/execute.ts';
import { pageViewer } from '../clients/client-access.ts';

const JOIN_TEAM = `mutation JoinTeam($clientId: ID!, $reason: String!, $restricted: Boolean) {
  joinTeam(clientId: $clientId, reason: $reason, restricted: $restricted) { ok code message }
}`;

interface JoinTeamData {
  joinTeam: { ok: boolean; code: string | null; message: string | null };
}

/** Joins the team of the posted clientId and goes to that client's team page. */
export async function joinFromPage(event: Pick<RequestEvent, 'locals' | 'request'>) {
  const viewer = pageViewer(event.locals);
  const form = await event.request.formData();
  const clientId = String(form.get('clientId') ?? '').slice(0, 100);
  const reason = String(form.get('reason') ?? '').slice(0, 1000);
  const restricted = form.get('restricted') === 'on';
  let result: JoinTeamData['joinTeam'];
  try {
    ({ joinTeam: result } = await executeGraphQL<JoinTeamData>(viewer, JOIN_TEAM, {
      clientId,
      reason,
      restricted
    }));
  } catch (cause) {
    if (cause instanceof GraphQLOperationError && cause.hasCode('BAD_USER_INPUT')) {
      return fail(400, {
        join: { clientId, reason: reason.slice(0, 200), message: cause.message }
      });
    }
    throw cause;
  }
  if (!result.ok && result.code !== 'ALREADY_MEMBER') {
    if (result.code === 'NOT_FOUND') error(404, 'There is no such client.');
    return fail(400, {
      join: { clientId, reason: reason.slice(0, 200), message: result.message ?? 'Could not join.' }
    });
  }
  redirect(303, `/clients/${encodeURIComponent(clientId)}?joined=1`);
}

import { error, fail } from '@sveltejs/kit';
import { CASE_NOTES_REMINDER, MESSAGE_MAX_LENGTH } from '$lib/server/attentions/attention-input';
import {
  ACKNOWLEDGE,
  ATTENTION_BOARD,
  RAISE,
  RESOLVE,
  type AttentionBoardData,
  type CommandData
} from '$lib/server/attentions/operations';
import { deny, formatWhen, requireViewer } from '$lib/server/attentions/page-support';
import { executeGraphQL } from '$lib/server/graphql/execute';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
  const viewer = requireViewer(event.locals);
  const clientId = event.params.id;
  const { attentionBoard: board } = await executeGraphQL<AttentionBoardData>(
    viewer,
    ATTENTION_BOARD,
    { clientId }
  );
  if (board.status === 'NOT_FOUND') error(404, 'There is no such client.');
  if (board.status !== 'OK') {
    return deny(event, 'Only members of this client’s team can see its attentions.', clientId);
  }
  return {
    clientId,
    clientName: `${board.givenName ?? ''} ${board.familyName ?? ''}`.trim(),
    viewerIsLead: board.viewerIsLead,
    multiAgency: board.multiAgency,
    reminder: CASE_NOTES_REMINDER,
    maxLength: MESSAGE_MAX_LENGTH,
    attentions: board.attentions.map((a) => ({
      ...a,
      createdAtText: formatWhen(a.createdAt),
      resolvedAtText: formatWhen(a.resolvedAt),
      acknowledgements: a.acknowledgements?.map((k) => ({ ...k, atText: formatWhen(k.at) })) ?? null
    }))
  };
};

async function command(
  event: RequestEvent,
  query: string,
  variables: Record<string, unknown>,
  done: string
) {
  const viewer = requireViewer(event.locals);
  const data = await executeGraphQL<CommandData>(viewer, query, variables);
  const result = Object.values(data)[0];
  if (!result) error(500, 'The command did not answer.');
  if (!result.ok) {
    if (result.code === 'FORBIDDEN')
      return deny(event, result.message ?? 'Forbidden', event.params.id ?? null);
    return fail(400, { message: result.message, code: result.code });
  }
  return { done };
}

export const actions = {
  raise: async (event) => {
    const form = await event.request.formData();
    const message = String(form.get('message') ?? '').slice(0, MESSAGE_MAX_LENGTH * 2);
    const priority = form.get('priority') === 'URGENT' ? 'URGENT' : 'NORMAL';
    const outcome = await command(
      event,
      RAISE,
      { clientId: event.params.id, message, priority },
      'Attention raised: the team is being told.'
    );
    // Keep what they wrote when it was refused, so they can shorten it rather than retype it.
    if ('status' in outcome) return fail(400, { ...outcome.data, draft: message, priority });
    return outcome;
  },
  acknowledge: async (event) => {
    const attentionId = String((await event.request.formData()).get('attentionId') ?? '').slice(
      0,
      100
    );
    return command(
      event,
      ACKNOWLEDGE,
      { attentionId },
      'Acknowledged: the person who raised it can see you have.'
    );
  },
  resolve: async (event) => {
    const attentionId = String((await event.request.formData()).get('attentionId') ?? '').slice(
      0,
      100
    );
    return command(event, RESOLVE, { attentionId }, 'Attention resolved: the team is being told.');
  }
} satisfies Actions;

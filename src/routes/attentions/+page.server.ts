import { error, fail } from '@sveltejs/kit';
import {
  ACKNOWLEDGE,
  MY_ATTENTIONS,
  type CommandData,
  type InboxData
} from '$lib/server/attentions/operations';
import { formatWhen, requireViewer } from '$lib/server/attentions/page-support';
import { executeGraphQL } from '$lib/server/graphql/execute';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const viewer = requireViewer(locals);
  const { myAttentions } = await executeGraphQL<InboxData>(viewer, MY_ATTENTIONS);
  return {
    items: myAttentions.map((a) => ({ ...a, createdAtText: formatWhen(a.createdAt) }))
  };
};

export const actions = {
  acknowledge: async ({ locals, request }) => {
    const viewer = requireViewer(locals);
    const attentionId = String((await request.formData()).get('attentionId') ?? '').slice(0, 100);
    const { acknowledgeAttention: result } = await executeGraphQL<CommandData>(
      viewer,
      ACKNOWLEDGE,
      { attentionId }
    );
    if (!result) error(500, 'The command did not answer.');
    if (!result.ok) return fail(400, { message: result.message });
    return { done: 'Acknowledged.' };
  }
} satisfies Actions;

import { error } from '@sveltejs/kit';
import { clientAccess, memberHeader, publicSummary } from '$lib/server/clients/client-access';
import { executeGraphQL } from '$lib/server/graphql/execute';
import { joinFromPage } from '$lib/server/teams/join-action';
import type { TimelineEntry } from '$lib/server/teams/team-queries';
import type { Actions, PageServerLoad } from './$types';

const ACTIVITY_PAGE = `query ActivityPage($id: ID!) {
  client(id: $id) {
    id
    aliases
    attentions { resolvedAt }
  }
  clientTimeline(clientId: $id, limit: 200) {
    kind at actorMasked actorName actorAgency actorIsViewer subjectName detail
  }
}`;

interface ActivityPageData {
  client: { aliases: string[]; attentions: { resolvedAt: string | null }[] } | null;
  clientTimeline: TimelineEntry[];
}

export const load: PageServerLoad = async (event) => {
  const access = await clientAccess(event, event.params.id);
  if (!access.member) return publicSummary(access);
  const { client, viewer } = access;
  const data = await executeGraphQL<ActivityPageData>(viewer, ACTIVITY_PAGE, { id: client.id });
  const found = data.client;
  if (!found) error(404, 'There is no such client.');
  return {
    ...memberHeader(access, found),
    entries: data.clientTimeline
  };
};

export const actions = {
  join: (event) => joinFromPage(event)
} satisfies Actions;

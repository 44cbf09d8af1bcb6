import { pageViewer } from '$lib/server/clients/client-access';
import { executeGraphQL } from '$lib/server/graphql/execute';
import type { MyClientCard } from '$lib/server/teams/team-queries';
import type { PageServerLoad } from './$types';

const MY_CLIENTS = `query MyClients {
  myClientCards(limit: 200) {
    clientId givenName familyName preferredName dob councilName teamSize openAttentions
    latestKind latestAt
  }
}`;

export const load: PageServerLoad = async ({ locals, url }) => {
  const viewer = pageViewer(locals);
  const { myClientCards } = await executeGraphQL<{ myClientCards: MyClientCard[] }>(
    viewer,
    MY_CLIENTS
  );
  return { clients: myClientCards, left: url.searchParams.has('left') };
};

/**
 * /network: the viewer's own network: their clients and the colleagues from other agencies on
 * the same teams (never restricted memberships). Recorded as 'graph.viewed' like the family view.
 */
import { redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/audit/audit';
import { executeGraphQL } from '$lib/server/graphql/execute';
import { MY_NETWORK_QUERY } from '$lib/graph-view/queries';
import type { MyNetwork } from '$lib/graph-view/types';
import { parseViewState } from '$lib/graph-view/url-state';
import type { PageServerLoad } from './$types';

const CLIENT_LIMIT = 200;

export const load: PageServerLoad = async (event) => {
  const viewer = event.locals.viewer;
  if (!viewer || !event.locals.user) {
    redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  }
  const { myNetwork } = await executeGraphQL<{ myNetwork: MyNetwork }>(viewer, MY_NETWORK_QUERY, {
    limit: CLIENT_LIMIT
  });
  await audit({
    type: 'graph.viewed',
    actorId: viewer.id,
    ip: event.getClientAddress(),
    data: {
      view: 'my-network',
      clients: myNetwork.clients.length,
      colleagues: myNetwork.colleagues.length
    }
  });
  return { network: myNetwork, view: parseViewState(event.url.searchParams) };
};

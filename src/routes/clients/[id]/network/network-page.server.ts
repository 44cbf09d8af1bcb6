/**
 * What the network page loads, in-process through the same GraphQL as /graphql: the client's
 * phone-book entry, then (team members only) the neighbourhood at the depth in the query string
 * and the neighbourhoods of the people expanded in it. A shared link opened by a colleague asks
 * as that colleague: expansions they may not see are dropped, not shown.
 */
import { GraphQLOperationError, executeGraphQL } from '$lib/server/graphql/execute';
import type { Viewer } from '$lib/server/graphql/viewer';
import { NEIGHBOURHOOD_QUERY } from '$lib/graph-view/queries';
import { inflateNeighbourhood } from '$lib/graph-view/answer';
import type { Neighbourhood, NeighbourhoodAnswer } from '$lib/graph-view/types';
import type { ViewState } from '$lib/graph-view/url-state';

export const PEOPLE_LIMIT = 300;

const SUMMARY = `query NetworkPage($id: ID!) {
  clients(where: { id: { eq: $id } }, limit: 1) {
    id givenName familyName preferredName dob viewerIsMember council { name }
  }
  me { id agency { sensitive } }
}`;

export interface ClientSummary {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dob: string | null;
  viewerIsMember: boolean;
  council: { name: string } | null;
}

export async function loadSummary(
  viewer: Viewer,
  clientId: string
): Promise<{ client: ClientSummary | null; canRestrict: boolean }> {
  const data = await executeGraphQL<{
    clients: ClientSummary[];
    me: { agency: { sensitive: boolean } | null } | null;
  }>(viewer, SUMMARY, { id: clientId });
  return { client: data.clients[0] ?? null, canRestrict: data.me?.agency?.sensitive === true };
}

async function neighbourhood(
  viewer: Viewer,
  clientId: string,
  depth: number
): Promise<Neighbourhood | null> {
  try {
    const data = await executeGraphQL<{ neighbourhood: NeighbourhoodAnswer }>(
      viewer,
      NEIGHBOURHOOD_QUERY,
      { clientId, depth, limit: PEOPLE_LIMIT }
    );
    return inflateNeighbourhood(data.neighbourhood);
  } catch (error) {
    if (error instanceof GraphQLOperationError && error.hasCode('FORBIDDEN')) return null;
    throw error;
  }
}

/** The answers for a view: the client's first, then each expansion the viewer may see. */
export async function loadSources(
  viewer: Viewer,
  clientId: string,
  view: ViewState
): Promise<{ sources: Neighbourhood[]; expand: string[] } | null> {
  const root = await neighbourhood(viewer, clientId, view.depth);
  if (!root) return null;
  const wanted = view.expand.filter((id) => id !== clientId);
  const expansions = await Promise.all(wanted.map((id) => neighbourhood(viewer, id, 1)));
  const kept = expansions.filter((n): n is Neighbourhood => n !== null);
  return { sources: [root, ...kept], expand: kept.map((n) => n.centreId) };
}

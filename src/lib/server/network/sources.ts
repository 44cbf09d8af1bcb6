/**
 * The neighbourhood answers behind a drawing of a client's network, in-process through the same
 * GraphQL as /graphql: the client's at a depth, then those of the people expanded. The network
 * page and the meeting pack both draw from these. A shared link opened by a colleague asks as that
 * colleague: expansions they may not see are dropped, not shown; a client whose team the viewer is
 * not on gives null.
 */
import { GraphQLOperationError, executeGraphQL } from '../graphql/execute.ts';
import type { Viewer } from '../graphql/viewer.ts';
import { NEIGHBOURHOOD_QUERY } from '../../graph-view/queries.ts';
import { inflateNeighbourhood } from '../../graph-view/answer.ts';
import type { Neighbourhood, NeighbourhoodAnswer } from '../../graph-view/types.ts';
import type { ViewState } from '../../graph-view/url-state.ts';

export const PEOPLE_LIMIT = 300;

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

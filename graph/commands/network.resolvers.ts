/// <reference types="vite/client" />
/**
 * Query.neighbourhood and Query.myNetwork (graph/commands/network.graphql) as the signed-in viewer.
 * The Cypher decides what the viewer may see; here we only clamp the arguments and turn "no row"
 * (not a member of the starting client's team, or no such client) into FORBIDDEN, so the answer
 * never tells a non-member whether the client exists or what is around them.
 */
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import { database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import neighbourhoodCypher from '../../cypher/queries/neighbourhood.cypher?raw';
import myNetworkCypher from '../../cypher/queries/my-network.cypher?raw';
import type { MyNetwork, NeighbourhoodAnswer } from '../../src/lib/graph-view/types.ts';
import { GraphQLError } from '../graphql-js.ts';

/** Teams are small; the cap keeps one odd client from flooding the graph. */
const TEAM_LIMIT = 100;
const COLLEAGUE_LIMIT = 300;
const TIMEOUT_MS = 10_000;

function viewerId(context: GraphQLContext): string {
  const sub = context.jwt?.sub;
  if (typeof sub !== 'string' || sub === '') {
    throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return sub;
}

/** An integer argument within [min, max]; null, NaN or missing means `fallback`. */
export function clamp(
  value: number | null | undefined,
  fallback: number,
  min: number,
  max: number
) {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : fallback;
  return Math.max(min, Math.min(max, n));
}

async function readOne<T>(
  cypher: string,
  column: string,
  params: Record<string, unknown>,
  viewer: string
): Promise<T | undefined> {
  const { records } = await getDriver().executeQuery(cypher, params, {
    database: database(),
    routing: 'READ',
    transactionConfig: {
      timeout: TIMEOUT_MS,
      metadata: { app: 'teamaround-graphql', viewer, query: column }
    }
  });
  return records[0]?.get(column) as T | undefined;
}

export const resolvers = {
  Query: {
    neighbourhood: async (
      _parent: unknown,
      args: { clientId: string; depth?: number | null; limit?: number | null },
      context: GraphQLContext
    ): Promise<NeighbourhoodAnswer> => {
      const viewer = viewerId(context);
      // One JSON string (see the .cypher file): JSON.parse is far cheaper than Bolt decoding.
      const found =
        args.clientId.length <= 100
          ? await readOne<string>(
              neighbourhoodCypher,
              'neighbourhood',
              {
                viewerId: viewer,
                clientId: args.clientId,
                depth: clamp(args.depth, 1, 1, 3),
                limit: clamp(args.limit, 300, 1, 500),
                teamLimit: TEAM_LIMIT
              },
              viewer
            )
          : undefined;
      if (!found) {
        throw new GraphQLError('Only members of this client’s team can see their network.', {
          extensions: { code: 'FORBIDDEN' }
        });
      }
      return JSON.parse(found) as NeighbourhoodAnswer;
    },
    myNetwork: async (
      _parent: unknown,
      args: { limit?: number | null },
      context: GraphQLContext
    ): Promise<MyNetwork> => {
      const viewer = viewerId(context);
      const found = await readOne<MyNetwork>(
        myNetworkCypher,
        'network',
        {
          viewerId: viewer,
          limit: clamp(args.limit, 200, 1, 500),
          colleagueLimit: COLLEAGUE_LIMIT
        },
        viewer
      );
      if (!found) {
        throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } });
      }
      return found;
    }
  }
};

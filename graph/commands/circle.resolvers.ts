/** Circle queries and commands (graph/commands/circle.graphql) as the signed-in viewer. */
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import { addToCircle, type NewCircleLink } from '../../src/lib/server/circles/add-to-circle.ts';
import { removeFromCircle } from '../../src/lib/server/circles/remove-from-circle.ts';
import { updateCircleLink } from '../../src/lib/server/circles/update-circle-link.ts';
import { circleCandidates, type CircleCandidate } from '../../src/lib/server/teams/team-queries.ts';
import { outcome, viewerOf } from './team.resolvers.ts';

const NONE_ADDED = { added: [] as string[] };

export const resolvers = {
  Query: {
    circleCandidates: (
      _parent: unknown,
      args: { clientId: string },
      context: GraphQLContext
    ): Promise<CircleCandidate[]> => circleCandidates(viewerOf(context).id, args.clientId)
  },
  Mutation: {
    addToCircle: (
      _parent: unknown,
      args: { clientId: string; links: NewCircleLink[] },
      context: GraphQLContext
    ) => outcome(() => addToCircle(viewerOf(context), args), NONE_ADDED),
    updateCircleLink: (
      _parent: unknown,
      args: { clientId: string; otherId: string; label: string; reciprocal: string },
      context: GraphQLContext
    ) =>
      outcome(
        async () => ({ ...(await updateCircleLink(viewerOf(context), args)), ...NONE_ADDED }),
        NONE_ADDED
      ),
    removeFromCircle: (
      _parent: unknown,
      args: { clientId: string; otherId: string },
      context: GraphQLContext
    ) =>
      outcome(
        async () => ({ ...(await removeFromCircle(viewerOf(context), args)), ...NONE_ADDED }),
        NONE_ADDED
      )
  }
};

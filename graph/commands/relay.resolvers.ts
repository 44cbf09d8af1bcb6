/** askRestrictedToContact (graph/commands/relay.graphql) as the signed-in viewer. */
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import { askRestrictedToContact } from '../../src/lib/server/teams/ask-restricted.ts';
import { outcome, viewerOf } from './team.resolvers.ts';

export const resolvers = {
  Mutation: {
    askRestrictedToContact: (
      _parent: unknown,
      args: { clientId: string },
      context: GraphQLContext
    ) => outcome(() => askRestrictedToContact(viewerOf(context), args), { sent: false })
  }
};

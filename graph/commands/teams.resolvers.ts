/** Mutation.joinTeam: the command in src/lib/server/teams/join-team.ts, as the signed-in viewer. */
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import { joinTeam, type JoinTeamResult } from '../../src/lib/server/teams/join-team.ts';
import { GraphQLError } from '../graphql-js.ts';

interface JoinTeamArgs {
  clientId: string;
  reason: string;
  restricted?: boolean | null;
}

function viewerId(context: GraphQLContext): string {
  const sub = context.jwt?.sub;
  if (typeof sub !== 'string' || sub === '') {
    throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return sub;
}

export const resolvers = {
  Mutation: {
    joinTeam: async (
      _parent: unknown,
      args: JoinTeamArgs,
      context: GraphQLContext
    ): Promise<JoinTeamResult & { code: string | null; message: string | null }> => {
      const result = await joinTeam({
        viewerId: viewerId(context),
        clientId: args.clientId,
        reason: args.reason,
        restricted: args.restricted === true
      });
      return result.ok ? { ...result, code: null, message: null } : result;
    }
  }
};

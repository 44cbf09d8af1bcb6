/** Attention commands and queries: thin adapters over src/lib/server/attentions/, as the viewer. */
import { acknowledgeAttention } from '../../src/lib/server/attentions/acknowledge-attention.ts';
import type { AttentionResult } from '../../src/lib/server/attentions/attention-command.ts';
import { attentionBoard } from '../../src/lib/server/attentions/attention-board.ts';
import { myAttentions } from '../../src/lib/server/attentions/my-attentions.ts';
import { raiseAttention } from '../../src/lib/server/attentions/raise-attention.ts';
import { resolveAttention } from '../../src/lib/server/attentions/resolve-attention.ts';
import { database, getDriver } from '../../src/lib/server/db/neo4j.ts';
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import { GraphQLError } from '../graphql-js.ts';

function viewerId(context: GraphQLContext): string {
  const sub = context.jwt?.sub;
  if (typeof sub !== 'string' || sub === '') {
    throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return sub;
}

interface CommandPayload {
  ok: boolean;
  attentionId: string | null;
  code: string | null;
  message: string | null;
}

function payload(result: AttentionResult): CommandPayload {
  return result.ok
    ? { ok: true, attentionId: result.attentionId, code: null, message: null }
    : { ok: false, attentionId: null, code: result.code, message: result.message };
}

export const resolvers = {
  Query: {
    attentionBoard: async (
      _parent: unknown,
      args: { clientId: string },
      context: GraphQLContext
    ) => {
      const board = await attentionBoard(getDriver(), database(), viewerId(context), args.clientId);
      if (board.status !== 'ok') {
        return {
          status: board.status === 'forbidden' ? 'FORBIDDEN' : 'NOT_FOUND',
          clientId: args.clientId,
          viewerIsLead: false,
          attentions: [],
          multiAgency: null
        };
      }
      return {
        status: 'OK',
        clientId: board.client.id,
        givenName: board.client.givenName,
        familyName: board.client.familyName,
        viewerIsLead: board.viewerIsLead,
        attentions: board.attentions,
        multiAgency: board.multiAgency
      };
    },
    myAttentions: async (_parent: unknown, args: { limit: number }, context: GraphQLContext) => {
      const items = await myAttentions(
        getDriver(),
        database(),
        viewerId(context),
        Math.min(Math.max(args.limit, 1), 200)
      );
      return items.map(({ client, ...item }) => ({
        ...item,
        clientId: client.id,
        clientGivenName: client.givenName,
        clientFamilyName: client.familyName
      }));
    }
  },
  Mutation: {
    raiseAttention: async (
      _parent: unknown,
      args: { clientId: string; message: string; priority: string },
      context: GraphQLContext
    ): Promise<CommandPayload> =>
      payload(
        await raiseAttention({
          viewerId: viewerId(context),
          clientId: args.clientId,
          message: args.message,
          priority: args.priority
        })
      ),
    acknowledgeAttention: async (
      _parent: unknown,
      args: { attentionId: string },
      context: GraphQLContext
    ): Promise<CommandPayload> =>
      payload(
        await acknowledgeAttention({ viewerId: viewerId(context), attentionId: args.attentionId })
      ),
    resolveAttention: async (
      _parent: unknown,
      args: { attentionId: string },
      context: GraphQLContext
    ): Promise<CommandPayload> =>
      payload(
        await resolveAttention({ viewerId: viewerId(context), attentionId: args.attentionId })
      )
  }
};

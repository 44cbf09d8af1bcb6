/** Mutation.addClient: the command in src/lib/server/clients/add-client.ts, as the signed-in viewer. */
import { addClient, type AddClientField } from '../../src/lib/server/clients/add-client.ts';
import type { DuplicateCandidate } from '../../src/lib/server/clients/duplicates.ts';
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import { GraphQLError } from '../graphql-js.ts';

interface AddClientArgs {
  input: {
    givenName: string;
    familyName: string;
    preferredName?: string | null;
    aliases?: string[] | null;
    dob: string;
    councilCode: string;
    confirmNew?: boolean | null;
  };
}

/** The GraphQL shape: one type for every outcome, lists empty when they do not apply. */
interface AddClientPayload {
  ok: boolean;
  clientId: string | null;
  code: string | null;
  message: string | null;
  fieldErrors: { field: AddClientField; message: string }[];
  candidates: DuplicateCandidate[];
  eventId: string | null;
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
    addClient: async (
      _parent: unknown,
      { input }: AddClientArgs,
      context: GraphQLContext
    ): Promise<AddClientPayload> => {
      const result = await addClient({
        viewerId: viewerId(context),
        givenName: input.givenName,
        familyName: input.familyName,
        preferredName: input.preferredName,
        aliases: input.aliases,
        dob: input.dob,
        councilCode: input.councilCode,
        confirmNew: input.confirmNew === true
      });
      const payload: AddClientPayload = {
        ok: result.ok,
        clientId: null,
        code: null,
        message: null,
        fieldErrors: [],
        candidates: [],
        eventId: null
      };
      if (result.ok) return { ...payload, clientId: result.clientId, eventId: result.eventId };
      payload.code = result.code;
      payload.message = result.message;
      if (result.code === 'INVALID') {
        payload.fieldErrors = Object.entries(result.fieldErrors).map(([field, message]) => ({
          field: field as AddClientField,
          message: message ?? ''
        }));
      }
      if (result.code === 'POSSIBLE_DUPLICATES') payload.candidates = result.candidates;
      return payload;
    }
  }
};

/**
 * Query.search: the same service as the /search page and the header's search box, so every caller
 * gets the same ranking, limits and answers to bad input (a message, never an error), the same
 * hourly look-up limit (an error once reached) and the same audit record.
 */
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import { areasService, type StaffMember } from '../../src/lib/server/search/areas.service.ts';
import { recordedSearch } from '../../src/lib/server/search/recorded-search.ts';
import type { SearchResults } from '../../src/lib/server/search/search.service.ts';
import { GraphQLError } from '../graphql-js.ts';

interface SearchArgs {
  q: string;
  scope?: string | null;
  areas?: string[] | null;
  limit?: number | null;
}

/** The signed-in practitioner's id from the trusted jwt the server built (context.ts). */
function viewerId(context: GraphQLContext): string {
  const sub = context.jwt?.sub;
  if (typeof sub !== 'string' || sub === '') {
    throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return sub;
}

export const resolvers = {
  Query: {
    search: (_parent: unknown, args: SearchArgs, context: GraphQLContext): Promise<SearchResults> =>
      // Counted against the hourly look-up limit and recorded (src/lib/server/search/lookups.ts).
      recordedSearch(viewerId(context), {
        q: args.q,
        scope: args.scope,
        areas: args.areas,
        limit: args.limit
      }),
    agencyStaff: async (
      _parent: unknown,
      args: { agencyId: string; limit?: number | null },
      context: GraphQLContext
    ): Promise<{ total: number; practitioners: StaffMember[] } | null> => {
      viewerId(context);
      const staff = await areasService().agencyStaff(args.agencyId, args.limit ?? 100);
      return staff && { total: staff.total, practitioners: staff.people };
    }
  }
};

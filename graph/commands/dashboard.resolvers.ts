/**
 * Query.dashboard: the same service as the /dashboard page and its CSV exports, so /graphql shows
 * exactly what the page shows (already suppressed). Refusals are audited by the service.
 */
import { getDashboard } from '../../src/lib/server/dashboard/dashboard.service.ts';
import type { DashboardView } from '../../src/lib/dashboard/view.ts';
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import { GraphQLError } from '../graphql-js.ts';

const REFUSALS = {
  forbidden: ['The dashboard is for local leads and admins.', 'FORBIDDEN'],
  'out-of-scope': ['That area is outside your areas.', 'FORBIDDEN'],
  'bad-area': ['That is not an area code.', 'BAD_USER_INPUT'],
  'not-found': ['No area has that code.', 'BAD_USER_INPUT']
} as const;

export const resolvers = {
  Query: {
    dashboard: async (
      _parent: unknown,
      args: { area?: string | null; period?: string | null },
      context: GraphQLContext
    ): Promise<DashboardView> => {
      const viewer = context.viewer;
      if (!viewer) {
        throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } });
      }
      const result = await getDashboard(viewer, args, { path: '/graphql' });
      if (!result.ok) {
        const [message, code] = REFUSALS[result.reason];
        throw new GraphQLError(message, { extensions: { code } });
      }
      return result.view;
    }
  }
};

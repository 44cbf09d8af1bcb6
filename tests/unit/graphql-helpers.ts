/**
 * A stand-in for the Neo4j driver so the GraphQL stack runs without a database: it records the
 * Cypher @neo4j/graphql generates and answers every query with no rows (or throws on demand).
 */
import {
  buildContext,
  type ExecutionContext,
  type GraphQLContext
} from '../../src/lib/server/graphql/context.ts';
import type { Viewer } from '../../src/lib/server/graphql/viewer.ts';

export interface CapturedQuery {
  query: string;
  params: Record<string, unknown>;
}

export interface FakeNeo4j {
  queries: CapturedQuery[];
  context(viewer: Viewer | null): GraphQLContext;
}

/** `fail` makes every data query throw it (the version probe still answers). */
export function fakeNeo4j(fail?: Error): FakeNeo4j {
  const queries: CapturedQuery[] = [];
  // @neo4j/graphql treats an object with `run` (and no `session`/`beginTransaction`) as a
  // transaction and calls run(query, params) on it.
  const transaction = {
    run(query: string, params: Record<string, unknown>) {
      if (query.includes('dbms.components')) {
        return Promise.resolve({ records: [['5.26.0', 'community']] });
      }
      queries.push({ query, params });
      if (fail) return Promise.reject(fail);
      return Promise.resolve({ records: [], summary: { counters: { updates: () => ({}) } } });
    }
  };
  return {
    queries,
    context(viewer) {
      return buildContext(viewer, transaction as unknown as ExecutionContext);
    }
  };
}

export const PRACTITIONER: Viewer = { id: 'viewer-0001', roles: ['practitioner'] };

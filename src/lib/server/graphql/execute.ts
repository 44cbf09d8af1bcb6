/**
 * Pages' server loads run GraphQL in-process through the same Apollo Server as /graphql, so the
 * same schema, authorization rules, limits and error masking apply to both.
 */
import type { GraphQLFormattedError } from 'graphql';
import { getApolloServer } from './apollo.ts';
import { buildContext } from './context.ts';
import type { Viewer } from './viewer.ts';

/** The operation answered with errors (already masked as /graphql would mask them). */
export class GraphQLOperationError extends Error {
  readonly errors: readonly GraphQLFormattedError[];
  /** Partial data, when some fields resolved. */
  readonly data: unknown;

  constructor(errors: readonly GraphQLFormattedError[], data: unknown) {
    super(errors.map((e) => e.message).join('; ') || 'GraphQL operation failed');
    this.name = 'GraphQLOperationError';
    this.errors = errors;
    this.data = data;
  }

  /** The first error's code: UNAUTHENTICATED, FORBIDDEN, GRAPHQL_VALIDATION_FAILED, ... */
  get code(): string | undefined {
    const code = this.errors[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  }

  hasCode(code: string): boolean {
    return this.errors.some((e) => e.extensions?.code === code);
  }
}

export async function executeGraphQL<T>(
  viewer: Viewer | null,
  query: string,
  variables?: Record<string, unknown>
): Promise<T> {
  const server = await getApolloServer();
  const response = await server.executeOperation<T>(
    { query, variables },
    { contextValue: buildContext(viewer) }
  );
  if (response.body.kind !== 'single') {
    throw new Error('executeGraphQL: incremental delivery (@defer/@stream) is not supported');
  }
  const { data, errors } = response.body.singleResult;
  if (errors && errors.length > 0) throw new GraphQLOperationError(errors, data);
  if (data === undefined || data === null) throw new GraphQLOperationError([], data);
  return data;
}

/**
 * The Apollo Server behind /graphql and behind pages' in-process operations (execute.ts): one
 * server, one schema, one set of limits and rules for both.
 *
 * Production: no introspection, no schema hints in errors, no stack traces; anything that is not a
 * user-facing GraphQL error (validation, bad input, UNAUTHENTICATED, FORBIDDEN) becomes
 * "Internal error" with an id that is logged next to the real error.
 */
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled
} from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { costPlugin, validationRules } from '../../../../graph/limits.ts';
import { getSchema } from '../../../../graph/schema.ts';
import {
  clientIdForAuditedReads,
  instrumentReadAudit,
  readAuditPlugin
} from '../audit/read-audit.ts';
import { config } from '../config.ts';
import type { GraphQLContext } from './context.ts';

export interface ApolloServerOptions {
  production: boolean;
  /** Defaults to the schema built from graph/. */
  schema?: GraphQLSchema;
}

/** Codes whose messages are written for the caller and safe to show in production. */
const USER_FACING_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN'
]);

/** @neo4j/graphql throws plain GraphQLErrors for authentication and authorization: give them codes. */
function authorizationCode(error: unknown): 'UNAUTHENTICATED' | 'FORBIDDEN' | undefined {
  const original = unwrapResolverError(error);
  if (!(original instanceof Error)) return undefined;
  // The base class keeps GraphQLError's `name`, so look at the constructor too.
  const kinds = [original.name, original.constructor.name];
  if (kinds.includes('Neo4jGraphQLForbiddenError')) return 'FORBIDDEN';
  if (kinds.includes('Neo4jGraphQLAuthenticationError')) return 'UNAUTHENTICATED';
  if (kinds.includes('Neo4jGraphQLError') && original.message === 'Unauthenticated') {
    return 'UNAUTHENTICATED';
  }
  return undefined;
}

export function createFormatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { locations, path } = formatted;
    const authCode = authorizationCode(error);
    if (authCode) {
      const message = authCode === 'FORBIDDEN' ? 'Forbidden' : 'Unauthenticated';
      return { message, locations, path, extensions: { code: authCode } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && USER_FACING_CODES.has(code)) {
      return production
        ? { message: formatted.message, locations, path, extensions: { code } }
        : formatted;
    }
    const errorId = randomUUID();
    console.error(`[graphql ${errorId}]`, unwrapResolverError(error));
    if (!production) return { ...formatted, extensions: { ...formatted.extensions, errorId } };
    return {
      message: 'Internal error',
      path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId }
    };
  };
}

/** A started server. Tests build their own with `production: true` to check the masking. */
export async function createApolloServer(
  options: ApolloServerOptions
): Promise<ApolloServer<GraphQLContext>> {
  const { production } = options;
  const server = new ApolloServer<GraphQLContext>({
    // Every team-only read is recorded where it resolves, whoever asks (read-audit.ts).
    schema: instrumentReadAudit(options.schema ?? (await getSchema())),
    nodeEnv: production ? 'production' : 'development',
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    // Stack traces stay in the server log (under the error id), never in a response.
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(production),
    validationRules: [...validationRules, clientIdForAuditedReads],
    // Guards against fragment fan-out that the depth rule cannot see.
    maxRecursiveSelections: true,
    parseOptions: { maxTokens: 10_000 },
    // Batches are capped at LIMITS.maxBatch by the /graphql route before they get here.
    allowBatchedHttpRequests: true,
    csrfPrevention: true,
    persistedQueries: false,
    // SvelteKit's shutdown owns the signals; Apollo has no HTTP server of its own to stop.
    stopOnTerminationSignals: false,
    plugins: [
      costPlugin<GraphQLContext>(),
      readAuditPlugin(),
      // Nothing from the internet: no Apollo Sandbox landing page, no reporting to Apollo's cloud
      // even if APOLLO_KEY happens to be set. The local IDE is /dev/graphql.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // No HTTP caching of answers (they depend on who asks), and the default cache-control
      // plugin hooks every field's resolver: about a third of the time of a large answer.
      ApolloServerPluginCacheControlDisabled()
    ]
  });
  await server.start();
  return server;
}

let cached: Promise<ApolloServer<GraphQLContext>> | undefined;

/** The server of this process, created on first use. */
export function getApolloServer(): Promise<ApolloServer<GraphQLContext>> {
  cached ??= createApolloServer({ production: config().nodeEnv === 'production' }).catch(
    (error: unknown) => {
      cached = undefined;
      throw error;
    }
  );
  return cached;
}

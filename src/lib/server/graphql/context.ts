/**
 * The per-operation context for @neo4j/graphql: who is asking (as a trusted, already-verified
 * `jwt`: sessions and API tokens are checked before we get here) and where to run the Cypher.
 * Anonymous callers get no `jwt`, so every type's `@authentication` refuses them.
 */
import type { Neo4jGraphQLContext } from '@neo4j/graphql';
import { database, getDriver } from '../db/neo4j.ts';
import type { ReadLog } from '../audit/read-audit.ts';
import { requestScope } from '../request-scope.ts';
import type { Viewer } from './viewer.ts';

export interface GraphQLContext extends Neo4jGraphQLContext {
  /** For custom command resolvers; authorization rules read `jwt`, never this. */
  viewer: Viewer | null;
  /** Team-only reads made by this operation, recorded before the answer leaves (read-audit.ts). */
  reads: ReadLog;
  /** The HTTP caller's address, for the audit trail; null outside a request. */
  ip: string | null;
}

/** Neo4j stops any GraphQL transaction running longer than this. */
const TRANSACTION_TIMEOUT_MS = 30_000;

/** Where the Cypher runs: the process's driver, or a session or transaction of the caller's. */
export type ExecutionContext = NonNullable<Neo4jGraphQLContext['executionContext']>;

/** A fresh context per operation: the library writes into it while resolving. */
export function buildContext(
  viewer: Viewer | null,
  executionContext: ExecutionContext = getDriver()
): GraphQLContext {
  const context: GraphQLContext = {
    viewer,
    reads: new Map(),
    ip: requestScope()?.ip ?? null,
    executionContext,
    sessionConfig: { database: database() },
    transaction: {
      timeout: TRANSACTION_TIMEOUT_MS,
      // Shows in Neo4j's query log and `SHOW TRANSACTIONS`: whose query is this.
      metadata: { app: 'teamaround-graphql', viewer: viewer?.id ?? 'anonymous' }
    }
  };
  if (viewer) context.jwt = { sub: viewer.id, roles: [...viewer.roles] };
  return context;
}

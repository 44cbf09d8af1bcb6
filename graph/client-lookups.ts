/**
 * Query.client counts towards the hourly look-up limit when the viewer is not on the client's team
 * (DESIGN.md rule 5; src/lib/server/search/lookups.ts). Wrapped around the library's resolver
 * once the schema is built, so pages (which run GraphQL in-process) and /graphql obey the same
 * limit. Opening a client on one's own team is never counted, and an unknown id looks nobody up.
 */
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { database, getDriver } from '../src/lib/server/db/neo4j.ts';
import type { GraphQLContext } from '../src/lib/server/graphql/context.ts';
import { countLookup, lookupToken } from '../src/lib/server/search/lookups.ts';
import { defaultFieldResolver } from './graphql-js.ts';

const MEMBERSHIP = `
OPTIONAL MATCH (c:Client {id: $clientId})
RETURN c IS NOT NULL AS found,
  c IS NOT NULL AND EXISTS {
    MATCH (:Practitioner {id: $viewerId})-[m:MEMBER_OF]->(c) WHERE m.until IS NULL
  } AS member`;

/** Whether opening this client is a look-up: it exists and the viewer is not on its team. */
async function isLookup(viewerId: string, clientId: string): Promise<boolean> {
  const { records } = await getDriver().executeQuery(
    MEMBERSHIP,
    { viewerId, clientId },
    { database: database(), routing: 'READ' }
  );
  const row = records[0];
  return Boolean(row?.get('found')) && !row?.get('member');
}

export function guardClientLookups(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields().client;
  if (!field) throw new Error('graph: Query.client is missing');
  const resolve: GraphQLFieldResolver<unknown, GraphQLContext> =
    field.resolve ?? defaultFieldResolver;
  field.resolve = async (source, args: { id?: unknown }, context: GraphQLContext, info) => {
    const viewerId = context.jwt?.sub;
    const clientId = args.id;
    // Anonymous callers are refused by @authentication in the library's resolver; ids are UUIDs,
    // so anything long is nobody and need not reach the database.
    if (
      typeof viewerId === 'string' &&
      viewerId !== '' &&
      typeof clientId === 'string' &&
      clientId.length <= 100 &&
      (await isLookup(viewerId, clientId))
    ) {
      await countLookup(viewerId, lookupToken('open', clientId));
    }
    return resolve(source, args, context, info);
  };
  return schema;
}

/// <reference types="vite/client" />
/**
 * Assembles the one GraphQL schema (DESIGN.md "One API") from the type definitions in this folder.
 *
 * Files are imported with Vite's `?raw` so they are inlined into the server bundle: the built
 * app does not depend on where `graph/` and `cypher/` sit on disk. The schema builds without
 * touching the database; queries connect lazily through the context's driver.
 */
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { GraphQLSchema } from 'graphql';
import { config } from '../src/lib/server/config.ts';
import jwt from './jwt.graphql?raw';
import areas from './areas.graphql?raw';
import agencies from './agencies.graphql?raw';
import practitioners from './practitioners.graphql?raw';
import clients from './clients.graphql?raw';
import clientAliases from '../cypher/queries/client-aliases.cypher?raw';
import clientViewerMembership from '../cypher/queries/client-viewer-membership.cypher?raw';
import clientTeam from '../cypher/queries/client-team.cypher?raw';
import clientCircle from '../cypher/queries/client-circle.cypher?raw';
import clientAttentions from '../cypher/queries/client-attentions.cypher?raw';
import clientActivity from '../cypher/queries/client-activity.cypher?raw';
import clientAddress from '../cypher/queries/client-address.cypher?raw';
import myClients from '../cypher/queries/my-clients.cypher?raw';
import { guardClientLookups } from './client-lookups.ts';
import { commandResolvers, commandTypeDefs } from './commands/index.ts';

/** Named Cypher files that `@cypher(statement: "#include <name>")` may refer to. */
const cypherFiles: Record<string, string> = {
  'client-aliases.cypher': clientAliases,
  'client-viewer-membership.cypher': clientViewerMembership,
  'client-team.cypher': clientTeam,
  'client-circle.cypher': clientCircle,
  'client-attentions.cypher': clientAttentions,
  'client-activity.cypher': clientActivity,
  'client-address.cypher': clientAddress,
  'my-clients.cypher': myClients
};

/** Replaces each `"#include name.cypher"` with the file's text as a GraphQL block string. */
export function includeCypher(source: string, files: Record<string, string> = cypherFiles): string {
  return source.replace(/"#include ([\w.-]+)"/g, (_match, name: string) => {
    const text = files[name];
    if (text === undefined) throw new Error(`graph: unknown Cypher file "${name}"`);
    // Block strings end at """ and treat \""" as an escape; neither belongs in a query.
    if (text.includes('"""')) throw new Error(`graph: ${name} must not contain """`);
    return `"""\n${text.trim()}\n"""`;
  });
}

export const typeDefs: string = includeCypher(
  [jwt, areas, agencies, practitioners, clients, commandTypeDefs].join('\n')
);

/** A fresh library instance; `key` signs nothing here (viewers arrive as trusted jwt objects). */
export function createNeo4jGraphQL(): Neo4jGraphQL {
  return new Neo4jGraphQL({
    typeDefs,
    // Commands and command-style queries (graph/commands/): custom resolvers calling services.
    resolvers: commandResolvers,
    features: {
      authorization: { key: config().sessionSecret },
      // A new API has no old clients: leave out the library's deprecated filter spellings.
      excludeDeprecatedFields: {
        mutationOperations: true,
        aggregationFilters: true,
        aggregationFiltersOutsideConnection: true,
        relationshipFilters: true,
        attributeFilters: true
      }
    }
  });
}

let cached: Promise<GraphQLSchema> | undefined;

/** The schema of this process, built once. */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= createNeo4jGraphQL()
    .getSchema()
    // Opening a client off the viewer's teams is a look-up, counted per hour.
    .then(guardClientLookups)
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}

/**
 * graphql-js, loaded as the same copy that @neo4j/graphql (CommonJS) and @apollo/server use.
 *
 * graphql 16 ships both `index.js` (CommonJS) and `index.mjs`. Node resolves a bare `graphql`
 * import to `index.js`, but Vite (and so Vitest) picks `index.mjs`: two copies whose classes fail
 * each other's `instanceof` checks ("Cannot use GraphQLSchema from another module or realm").
 * Naming the file pins every import of ours to the copy the libraries use.
 */
export * from 'graphql/index.js';

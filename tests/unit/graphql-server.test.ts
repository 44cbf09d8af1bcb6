/** Apollo Server settings that differ between development and production. */
import type { GraphQLFormattedError } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApolloServer, createFormatError } from '../../src/lib/server/graphql/apollo.ts';
import { handleGraphQLRequest } from '../../src/lib/server/graphql/http.ts';
import { PRACTITIONER, fakeNeo4j, type FakeNeo4j } from './graphql-helpers.ts';

const INTROSPECTION = '{ __schema { queryType { name } types { name } } }';

async function run(
  production: boolean,
  query: string,
  neo4j: FakeNeo4j = fakeNeo4j(),
  viewer = PRACTITIONER
): Promise<{ data?: unknown; errors?: readonly GraphQLFormattedError[] }> {
  const server = await createApolloServer({ production });
  const response = await server.executeOperation(
    { query },
    { contextValue: neo4j.context(viewer) }
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('introspection', () => {
  it('works in development (the local IDE needs it)', async () => {
    const result = await run(false, INTROSPECTION);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ __schema: { queryType: { name: 'Query' } } });
  });

  it('is refused in production', async () => {
    const result = await run(true, INTROSPECTION);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });

  it('gives no schema hints in production error messages', async () => {
    // The root that once listed every client is gone: development suggests its successor.
    const development = await run(false, '{ clients { id } }');
    expect(development.errors?.[0]?.message).toMatch(/Did you mean/);
    const production = await run(true, '{ clients { id } }');
    expect(production.errors?.[0]?.message).toBe('Cannot query field "clients" on type "Query".');
  });
});

describe('errors', () => {
  const internal = new Error(
    'Neo.ClientError.Statement.SyntaxError: MATCH (this:Client) WHERE this.id = $param0 RETURN this'
  );

  it('are masked in production: "Internal error", an id, no stack, no Cypher', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await run(true, '{ myClients(limit: 1) { id } }', fakeNeo4j(internal));
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0]!;
    expect(error.message).toBe('Internal error');
    expect(error.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      errorId: expect.any(String)
    });
    expect(JSON.stringify(result)).not.toMatch(/MATCH|Neo\.|stacktrace|\.js:/);
    // The real error is logged under the same id, for support staff.
    expect(log).toHaveBeenCalledWith(`[graphql ${String(error.extensions?.errorId)}]`, internal);
  });

  it('keep their detail in development', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await run(false, '{ myClients(limit: 1) { id } }', fakeNeo4j(internal));
    expect(result.errors?.[0]?.message).toContain('SyntaxError');
    expect(result.errors?.[0]?.extensions?.errorId).toEqual(expect.any(String));
  });

  it('tell an anonymous caller UNAUTHENTICATED, in production too, before any Cypher runs', async () => {
    const neo4j = fakeNeo4j();
    const server = await createApolloServer({ production: true });
    const response = await server.executeOperation(
      { query: '{ myClients(limit: 1) { id } }' },
      { contextValue: neo4j.context(null) }
    );
    expect(response.body.kind === 'single' && response.body.singleResult).toEqual({
      data: null,
      errors: [
        {
          message: 'Unauthenticated',
          locations: [{ line: 1, column: 3 }],
          path: ['myClients'],
          extensions: { code: 'UNAUTHENTICATED' }
        }
      ]
    });
    expect(neo4j.queries).toEqual([]);
  });

  it('keep FORBIDDEN and validation messages in production', () => {
    const format = createFormatError(true);
    class Neo4jGraphQLForbiddenError extends Error {
      override name = 'Neo4jGraphQLForbiddenError';
    }
    expect(
      format(
        { message: 'Forbidden', path: ['clients', 0, 'address'] },
        new Neo4jGraphQLForbiddenError('Forbidden')
      )
    ).toEqual({
      message: 'Forbidden',
      path: ['clients', 0, 'address'],
      extensions: { code: 'FORBIDDEN' }
    });
    expect(
      format(
        {
          message: 'Variable "$id" of required type "ID!" was not provided.',
          extensions: { code: 'BAD_USER_INPUT', stacktrace: ['x'] }
        },
        new Error('x')
      )
    ).toEqual({
      message: 'Variable "$id" of required type "ID!" was not provided.',
      extensions: { code: 'BAD_USER_INPUT' }
    });
  });
});

describe('/graphql over HTTP', () => {
  const send = (request: Request) => handleGraphQLRequest(request, null);

  it('keeps CSRF prevention on: a bare GET is refused, a preflighted one answered', async () => {
    const url = 'http://127.0.0.1/graphql?query=%7B__typename%7D';
    const bare = await send(new Request(url));
    expect(bare.status).toBe(400);
    const preflighted = await send(
      new Request(url, { headers: { 'apollo-require-preflight': 'true' } })
    );
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toEqual({ data: { __typename: 'Query' } });
    expect(preflighted.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a form-encoded POST (a cross-site form cannot run operations)', async () => {
    const response = await send(
      new Request('http://127.0.0.1/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query=%7B__typename%7D'
      })
    );
    expect(response.status).toBe(400);
  });

  it('shows no Apollo landing page (nothing loaded from the internet)', async () => {
    const response = await send(
      new Request('http://127.0.0.1/graphql', { headers: { accept: 'text/html' } })
    );
    expect(await response.text()).not.toMatch(/apollographql|embeddable-sandbox|cdn\./i);
  });
});
